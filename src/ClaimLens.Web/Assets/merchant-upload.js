// Merchant console: drag-and-drop (or picker) uploads with previews and a progress bar, sent to the desk's API with
// the sign-in cookie and the antiforgery token; then the gallery named by data-refresh is fetched again (htmx).
// Also the copy buttons (data-copy="#input"). No framework; each .uploader works on its own.

const token = document.querySelector('meta[name="request-verification-token"]')?.content ?? '';

function describeProblem(xhr) {
  try {
    const problem = JSON.parse(xhr.responseText);
    if (problem.errors) return Object.values(problem.errors).flat().join(' ');
    return problem.detail || problem.title || `HTTP ${xhr.status}`;
  } catch {
    return `HTTP ${xhr.status}`;
  }
}

function preview(list, file) {
  const item = document.createElement('li');
  if (file.type.startsWith('image/')) {
    const img = document.createElement('img');
    img.src = URL.createObjectURL(file);
    img.alt = file.name;
    img.onload = () => URL.revokeObjectURL(img.src);
    item.append(img);
  } else {
    const icon = document.createElement('span');
    icon.className = 'file-icon';
    icon.textContent = file.type.startsWith('video/') ? '▶' : '📄';
    icon.setAttribute('aria-hidden', 'true');
    item.append(icon);
  }
  const name = document.createElement('span');
  name.textContent = `${file.name} (${Math.max(1, Math.round(file.size / 1024))} KB)`;
  item.append(name);
  list.append(item);
}

function upload(root, files) {
  if (!files.length || root.dataset.busy) return;
  const queue = root.querySelector('.upload-queue');
  const bar = root.querySelector('.upload-progress');
  const status = root.querySelector('.upload-status');
  queue.replaceChildren();
  status.classList.remove('alert');
  const form = new FormData();
  for (const file of files) {
    form.append(root.dataset.field, file, file.name);
    preview(queue, file);
  }
  const xhr = new XMLHttpRequest();
  xhr.open('POST', root.dataset.uploadUrl);
  xhr.setRequestHeader('RequestVerificationToken', token);
  xhr.setRequestHeader('Accept', 'application/json');
  xhr.upload.onprogress = (e) => {
    if (e.lengthComputable) bar.value = Math.round((e.loaded / e.total) * 100);
  };
  const finish = (ok, message) => {
    delete root.dataset.busy;
    bar.hidden = !ok;
    status.textContent = message;
    status.classList.toggle('alert', !ok);
    if (ok) {
      queue.replaceChildren();
      const target = document.querySelector(root.dataset.refresh);
      if (target && window.htmx) window.htmx.trigger(target, 'refresh');
    }
  };
  xhr.onload = () => xhr.status >= 200 && xhr.status < 300
    ? finish(true, root.dataset.msgDone)
    : finish(false, root.dataset.msgFailed + describeProblem(xhr));
  xhr.onerror = () => finish(false, root.dataset.msgNetwork);
  root.dataset.busy = 'true';
  bar.hidden = false;
  bar.value = 0;
  status.textContent = root.dataset.msgSending;
  xhr.send(form);
}

for (const root of document.querySelectorAll('.uploader')) {
  const zone = root.querySelector('[data-drop]');
  const input = root.querySelector('input[type=file]');
  input.addEventListener('change', () => {
    upload(root, [...input.files]);
    input.value = '';
  });
  for (const type of ['dragenter', 'dragover']) {
    zone.addEventListener(type, (e) => {
      e.preventDefault();
      zone.classList.add('over');
    });
  }
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    upload(root, [...(e.dataTransfer?.files ?? [])]);
  });
}

for (const button of document.querySelectorAll('[data-copy]')) {
  button.addEventListener('click', async () => {
    const field = document.querySelector(button.dataset.copy);
    if (!field) return;
    try {
      await navigator.clipboard.writeText(field.value);
    } catch {
      field.select();
      document.execCommand('copy');
    }
    const label = button.textContent;
    button.textContent = button.dataset.copied;
    setTimeout(() => { button.textContent = label; }, 2000);
  });
}
