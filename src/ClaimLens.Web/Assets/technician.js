// The technician's job page: check-in position on arrival (optional), photo upload with progress, and the customer's
// signature on a canvas. Photos and the signature go straight to the API with the antiforgery header, so the server
// streams them instead of buffering a form. Words come from data-* attributes in the page's language.
const root = document.querySelector('.tech[data-job]');
const token = () => document.querySelector('meta[name="request-verification-token"]')?.content ?? '';
const word = (name) => root?.dataset[name] ?? name;

// Arrival: ask for the position once, but never hold the check-in hostage to it (denied, no fix in 8 s: send without).
for (const form of document.querySelectorAll('form[data-checkin]')) {
  let asked = false;
  form.addEventListener('submit', (event) => {
    if (asked || !navigator.geolocation) return;
    event.preventDefault();
    asked = true;
    const send = () => form.requestSubmit();
    navigator.geolocation.getCurrentPosition((p) => {
      form.elements.Latitude.value = p.coords.latitude.toFixed(6);
      form.elements.Longitude.value = p.coords.longitude.toFixed(6);
      send();
    }, send, { timeout: 8000, maximumAge: 60000 });
  });
}

for (const form of document.querySelectorAll('form[data-photo-upload]')) {
  const input = form.querySelector('input[type=file]');
  const progress = form.querySelector('progress');
  const status = form.querySelector('[data-upload-status]');
  form.addEventListener('submit', (e) => e.preventDefault());
  input.addEventListener('change', () => {
    if (!input.files.length) return;
    const body = new FormData();
    body.append('stage', form.elements.stage.value);
    body.append('photos', input.files[0], input.files[0].name || 'photo.jpg');
    const xhr = new XMLHttpRequest();
    xhr.open('POST', form.getAttribute('action'));
    xhr.setRequestHeader('RequestVerificationToken', token());
    progress.hidden = false;
    progress.value = 0;
    status.textContent = word('uploading');
    xhr.upload.addEventListener('progress', (e) => { if (e.lengthComputable) progress.value = Math.round(e.loaded * 100 / e.total); });
    xhr.addEventListener('load', () => {
      if (xhr.status === 202) {
        status.textContent = word('uploaded');
        location.reload();
        return;
      }
      let detail = '';
      try { detail = Object.values(JSON.parse(xhr.responseText).errors ?? {}).flat().join(' '); } catch { /* not JSON */ }
      status.textContent = `${word('uploadFailed')} ${detail}`.trim();
      progress.hidden = true;
    });
    xhr.addEventListener('error', () => { status.textContent = word('uploadFailed'); progress.hidden = true; });
    xhr.send(body);
  });
}

const canvas = document.getElementById('signature');
if (canvas) {
  const pen = canvas.getContext('2d');
  const status = document.querySelector('[data-signature-status]');
  let drawing = false;
  let drawn = false;
  pen.lineWidth = 4;
  pen.lineCap = 'round';
  pen.lineJoin = 'round';
  pen.strokeStyle = '#111';
  // The canvas is scaled by CSS to the screen's width: map pointer positions back to its own pixels.
  const at = (e) => {
    const box = canvas.getBoundingClientRect();
    return [(e.clientX - box.left) * canvas.width / box.width, (e.clientY - box.top) * canvas.height / box.height];
  };
  canvas.addEventListener('pointerdown', (e) => {
    drawing = true;
    canvas.setPointerCapture(e.pointerId);
    const [x, y] = at(e);
    pen.beginPath();
    pen.moveTo(x, y);
    e.preventDefault();
  });
  canvas.addEventListener('pointermove', (e) => {
    if (!drawing) return;
    const [x, y] = at(e);
    pen.lineTo(x, y);
    pen.stroke();
    drawn = true;
  });
  const stop = () => { drawing = false; };
  canvas.addEventListener('pointerup', stop);
  canvas.addEventListener('pointercancel', stop);
  document.querySelector('[data-signature-clear]').addEventListener('click', () => {
    pen.clearRect(0, 0, canvas.width, canvas.height);
    drawn = false;
    status.textContent = '';
  });
  document.querySelector('[data-signature-save]').addEventListener('click', () => {
    if (!drawn) { status.textContent = word('signFirst'); return; }
    canvas.toBlob(async (blob) => {
      const body = new FormData();
      body.append('signature', blob, 'signature.png');
      const response = await fetch(canvas.dataset.url, { method: 'POST', body, headers: { RequestVerificationToken: token() } });
      status.textContent = response.ok ? word('signed') : word('signFailed');
      if (response.ok) location.reload();
    }, 'image/png');
  });
}
