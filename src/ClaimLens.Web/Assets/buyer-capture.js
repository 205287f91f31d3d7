// Live capture: the rear camera, with the desk's one-time code and the desk's time drawn over the video while the
// buyer aims, and burned into every photo taken (video frame + code + time on a canvas, saved as JPEG). The code
// comes from the server (a capture session), which alone decides on upload whether a photo counts as captured live.

const token = () => document.querySelector('meta[name="request-verification-token"]')?.content ?? '';

// Renew the code a little before it expires, so a photo is never taken under a code the server will refuse.
const RENEW_MARGIN_MS = 20_000;

/** The desk's time in the merchant's zone as "2026-11-23 14:03:11" (with the zone, "… GMT+8", when asked). */
export function formatTime(ms, timeZone, withZone = false) {
  let parts;
  try {
    parts = new Intl.DateTimeFormat('en-GB', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
      ...(withZone ? { timeZoneName: 'shortOffset' } : {}),
    }).formatToParts(new Date(ms));
  } catch {
    return new Date(ms).toISOString().replace('T', ' ').slice(0, 19) + (withZone ? ' UTC' : '');
  }
  const p = Object.fromEntries(parts.map(x => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}` + (withZone && p.timeZoneName ? ` ${p.timeZoneName}` : '');
}

export class LiveCapture {
  /**
   * @param {HTMLElement} root the [data-capture] block
   * @param {{sessionUrl: string, timeZone: string, words: Record<string,string>, onPhoto: (blob: Blob, live: object) => void, canAdd: () => boolean}} options
   */
  constructor(root, options) {
    this.root = root;
    this.options = options;
    this.video = root.querySelector('[data-video]');
    this.stage = root.querySelector('[data-stage]');
    this.actions = root.querySelector('[data-stage-actions]');
    this.openButton = root.querySelector('[data-camera-open]');
    this.shootButton = root.querySelector('[data-shoot]');
    this.codeEl = root.querySelector('[data-code]');
    this.clockEl = root.querySelector('[data-clock]');
    this.error = root.querySelector('[data-camera-error]');
    this.session = null;
    this.offset = 0;
    this.stream = null;
    this.timer = 0;
    this.openButton.addEventListener('click', () => this.open());
    this.shootButton.addEventListener('click', () => this.shoot());
    root.querySelector('[data-camera-close]').addEventListener('click', () => this.close());
  }

  now() { return Date.now() + this.offset; }

  async open() {
    const w = this.options.words;
    this.showError(null);
    if (!navigator.mediaDevices?.getUserMedia) {
      this.showError(w.cameraUnsupported);
      return;
    }
    this.openButton.disabled = true;
    this.openButton.setAttribute('aria-busy', 'true');
    try {
      const camera = navigator.mediaDevices.getUserMedia({
        audio: false,
        video: { facingMode: { ideal: 'environment' }, width: { ideal: 1920 }, height: { ideal: 1440 } },
      });
      const [stream] = await Promise.all([camera, this.renew()]);
      this.stream = stream;
      this.video.srcObject = stream;
      await this.video.play().catch(() => {});
      this.stage.hidden = false;
      this.actions.hidden = false;
      this.openButton.hidden = true;
      this.tick();
      this.timer = setInterval(() => this.tick(), 250);
      this.shootButton.focus();
    } catch (e) {
      this.stopTracks();
      const name = e?.name ?? '';
      this.showError(e?.codeFailed ? w.codeFailed
        : name === 'NotAllowedError' || name === 'SecurityError' ? w.cameraDenied
        : name === 'NotFoundError' || name === 'OverconstrainedError' ? w.cameraMissing
        : w.cameraFailed);
      this.options.onUnavailable?.();
    } finally {
      this.openButton.disabled = false;
      this.openButton.removeAttribute('aria-busy');
    }
  }

  /** Asks the server for a capture session; its clock also sets the time the page shows. */
  async renew() {
    let response;
    try {
      response = await fetch(this.options.sessionUrl, {
        method: 'POST', headers: { RequestVerificationToken: token(), Accept: 'application/json' }, credentials: 'same-origin',
      });
    } catch {
      throw Object.assign(new Error('capture code'), { codeFailed: true });
    }
    if (!response.ok)
      throw Object.assign(new Error('capture code'), { codeFailed: true });
    const s = await response.json();
    this.offset = s.now - Date.now();
    this.session = s;
    this.codeEl.textContent = s.code;
  }

  tick() {
    this.clockEl.textContent = formatTime(this.now(), this.options.timeZone);
  }

  async shoot() {
    if (!this.stream || !this.video.videoWidth || !this.options.canAdd())
      return;
    this.shootButton.disabled = true;
    try {
      if (!this.session || this.now() > this.session.expiresAt - RENEW_MARGIN_MS)
        await this.renew();
      const at = this.now();
      const canvas = document.createElement('canvas');
      canvas.width = this.video.videoWidth;
      canvas.height = this.video.videoHeight;
      const ctx = canvas.getContext('2d');
      ctx.drawImage(this.video, 0, 0, canvas.width, canvas.height);
      // The photo carries the zone: it travels (an appeal, a police report) where the page's context does not.
      stamp(ctx, canvas.width, canvas.height, this.session.code, formatTime(at, this.options.timeZone, true));
      const blob = await new Promise(resolve => canvas.toBlob(resolve, 'image/jpeg', 0.92));
      if (!blob)
        throw new Error('no JPEG');
      this.flash();
      this.options.onPhoto(blob, { session: this.session.id, capturedAt: Math.round(at), code: this.session.code });
    } catch (e) {
      this.showError(e?.codeFailed ? this.options.words.codeFailed : this.options.words.cameraFailed);
    } finally {
      this.shootButton.disabled = false;
    }
  }

  close() {
    this.stopTracks();
    clearInterval(this.timer);
    this.stage.hidden = true;
    this.actions.hidden = true;
    this.openButton.hidden = false;
    this.openButton.focus();
  }

  stopTracks() {
    this.stream?.getTracks().forEach(t => t.stop());
    this.stream = null;
    this.video.srcObject = null;
  }

  flash() {
    this.stage.classList.remove('flash');
    void this.stage.offsetWidth; // restart the animation
    this.stage.classList.add('flash');
  }

  showError(message) {
    this.error.hidden = !message;
    this.error.textContent = message ?? '';
  }
}

/** The band burned into a live photo: the code on the left, the desk's time on the right, legible at any size. */
function stamp(ctx, width, height, code, time) {
  const band = Math.max(36, Math.round(Math.min(width, height) * 0.12));
  const pad = Math.round(band * 0.3);
  ctx.fillStyle = 'rgba(0, 0, 0, 0.62)';
  ctx.fillRect(0, height - band, width, band);
  ctx.textBaseline = 'middle';
  const y = height - band / 2;
  ctx.fillStyle = '#ffd54a';
  ctx.font = `700 ${Math.round(band * 0.52)}px ui-monospace, "DejaVu Sans Mono", monospace`;
  ctx.textAlign = 'left';
  ctx.fillText(code, pad, y);
  ctx.fillStyle = '#ffffff';
  ctx.font = `600 ${Math.round(band * 0.36)}px system-ui, "Noto Sans CJK SC", sans-serif`;
  ctx.textAlign = 'right';
  ctx.fillText(time, width - pad, y);
}
