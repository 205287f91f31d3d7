// The buyer's photo forms (file a claim, add evidence): photos from the live camera and the gallery, previews with
// remove buttons, and one multipart upload by XMLHttpRequest with a progress bar. The antiforgery token goes in a
// header, so the server streams the body instead of buffering it to find a form field. Errors come back per field
// in the page's language and are shown beside the field; nothing the buyer entered or took is lost.
import { LiveCapture, formatTime } from '/assets/buyer-capture.js';

const TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const words = JSON.parse(document.getElementById('buyer-words')?.textContent ?? '{}');
const say = (key, values = {}) => (words[key] ?? key).replace(/\{(\w+)\}/g, (_, k) => String(values[k] ?? ''));
const token = () => document.querySelector('meta[name="request-verification-token"]')?.content ?? '';

for (const form of document.querySelectorAll('form[data-buyer-upload]'))
  setUp(form);

function setUp(form) {
  const max = Number(form.dataset.maxPhotos) || 9;
  const maxBytes = Number(form.dataset.maxBytes) || 25 * 1024 * 1024;
  const photos = []; // { blob, name, url, live: { session, capturedAt, code } | null }
  const list = form.querySelector('[data-previews]');
  const count = form.querySelector('[data-count]');
  const gallery = form.querySelector('input[type=file]');
  const progressWrap = form.querySelector('[data-progress-wrap]');
  const progress = form.querySelector('[data-progress]');
  const status = form.querySelector('[data-status]');
  const submit = form.querySelector('button[type=submit]');
  let sending = false;

  const capture = new LiveCapture(form.querySelector('[data-capture]'), {
    sessionUrl: form.dataset.sessionUrl,
    timeZone: form.dataset.timeZone,
    words,
    canAdd: () => room(1),
    onPhoto: (blob, live) => {
      const stamp = formatTime(live.capturedAt, form.dataset.timeZone).replace(/\D/g, '');
      add(blob, `live-${stamp.slice(0, 8)}-${stamp.slice(8, 14)}-${photos.length + 1}.jpg`, live);
      status.textContent = say('captured');
    },
    onUnavailable: () => form.querySelector('label[for=gallery]')?.scrollIntoView({ block: 'center' }),
  });

  gallery.addEventListener('change', () => {
    const problems = [];
    for (const file of gallery.files) {
      if (file.type && !TYPES.includes(file.type))
        problems.push(say('notImage', { name: file.name }));
      else if (file.size > maxBytes)
        problems.push(say('tooLarge', { name: file.name, mb: Math.round(maxBytes / 1048576) }));
      else if (!room(1, problems))
        break;
      else
        add(file, file.name, null);
    }
    gallery.value = '';
    showFieldError('photos', problems);
  });

  // Choosing another item sets the amount to that line's total, the most that may be claimed.
  for (const radio of form.querySelectorAll('input[name=sku]')) {
    radio.addEventListener('change', () => {
      const total = Number(radio.dataset.total);
      const amount = form.querySelector('#amount');
      if (amount)
        amount.value = total.toFixed(2);
      const shown = form.querySelector('[data-amount-max]');
      if (shown)
        shown.textContent = '¥' + total.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    });
  }

  form.addEventListener('submit', event => {
    event.preventDefault();
    if (!sending)
      send();
  });

  render();

  function room(n, problems) {
    if (photos.length + n <= max)
      return true;
    const message = say('tooMany', { max });
    if (problems)
      problems.push(message);
    else
      showFieldError('photos', [message]);
    return false;
  }

  function add(blob, name, live) {
    photos.push({ blob, name, live, url: URL.createObjectURL(blob) });
    showFieldError('photos', []);
    render();
  }

  function remove(index) {
    const [gone] = photos.splice(index, 1);
    URL.revokeObjectURL(gone.url);
    render();
    (list.querySelector('button') ?? gallery).focus();
  }

  function render() {
    list.replaceChildren(...photos.map((p, i) => {
      const li = document.createElement('li');
      li.className = 'preview';
      const img = document.createElement('img');
      img.src = p.url;
      img.alt = p.name;
      const badge = document.createElement('span');
      badge.className = 'badge ' + (p.live ? 'src-live' : 'src-upload');
      badge.textContent = p.live ? say('live') : say('uploaded');
      const caption = document.createElement('span');
      caption.className = 'preview-code';
      caption.textContent = p.live ? p.live.code : '\u00a0';
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'remove';
      button.textContent = '×';
      button.setAttribute('aria-label', say('remove', { name: p.name }));
      button.addEventListener('click', () => remove(i));
      li.append(img, badge, caption, button);
      return li;
    }));
    count.textContent = say('count', { n: photos.length, max });
  }

  function send() {
    clearErrors();
    if (photos.length === 0) {
      showErrors({ photos: [say('needPhoto')] });
      return;
    }
    const data = new FormData(form);
    data.delete('__RequestVerificationToken');
    photos.forEach((p, i) => {
      data.append('photos', p.blob, p.name);
      if (p.live) {
        data.append(`session[${i}]`, p.live.session);
        data.append(`capturedAt[${i}]`, String(p.live.capturedAt));
      }
    });
    const xhr = new XMLHttpRequest();
    xhr.open('POST', form.getAttribute('action') || location.pathname + location.search);
    xhr.setRequestHeader('RequestVerificationToken', token());
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.responseType = 'json';
    xhr.upload.onprogress = e => {
      if (e.lengthComputable)
        setProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.upload.onload = () => {
      setProgress(100);
      status.textContent = say('processing');
    };
    xhr.onload = () => {
      const body = xhr.response;
      if (xhr.status >= 200 && xhr.status < 300 && body?.redirect) {
        setProgress(100);
        status.textContent = say('done');
        // A short pause on the full bar: the buyer sees that everything arrived before the page changes.
        setTimeout(() => location.assign(body.redirect), 900);
        return;
      }
      finish();
      showErrors(body?.errors ?? { form: [say('failed')] });
    };
    xhr.onerror = () => {
      finish();
      showErrors({ form: [say('failed')] });
    };
    sending = true;
    submit.disabled = true;
    progressWrap.hidden = false;
    setProgress(0);
    xhr.send(data);
  }

  function setProgress(p) {
    progress.value = p;
    progress.setAttribute('aria-valuenow', String(p));
    if (p < 100)
      status.textContent = say('uploading', { p });
  }

  function finish() {
    sending = false;
    submit.disabled = false;
    progressWrap.hidden = true;
  }

  function clearErrors() {
    for (const el of form.querySelectorAll('[data-error-for]')) {
      el.hidden = true;
      el.textContent = '';
    }
    for (const el of form.querySelectorAll('[aria-invalid]'))
      el.removeAttribute('aria-invalid');
  }

  function showFieldError(field, messages) {
    const el = form.querySelector(`[data-error-for="${field}"]`);
    if (!el)
      return null;
    el.replaceChildren(...messages.map(m => Object.assign(document.createElement('span'), { textContent: m, className: 'error-line' })));
    el.hidden = messages.length === 0;
    return el;
  }

  // Errors keyed by field ("photos[2]" belongs with the photos); unknown keys go to the form's alert.
  function showErrors(errors) {
    const grouped = {};
    for (const [key, messages] of Object.entries(errors)) {
      const field = key.replace(/\[\d+\]$/, '');
      const target = form.querySelector(`[data-error-for="${field}"]`) ? field : 'form';
      (grouped[target] ??= []).push(...messages);
    }
    let first = null;
    for (const [field, messages] of Object.entries(grouped)) {
      const el = showFieldError(field, messages);
      first ??= el;
      for (const input of form.querySelectorAll(`[name="${field}"], [name="${field}Code"]`))
        input.setAttribute('aria-invalid', 'true');
    }
    status.textContent = say('fixErrors');
    first?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }
}
