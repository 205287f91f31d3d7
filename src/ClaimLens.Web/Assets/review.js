// Reviewer workbench: overlay slider, blink, heat map, confirm dialogs and keyboard shortcuts (progressive
// enhancement: without this script the forms post and the links navigate as they are).
const page = document.querySelector("[data-review-claim]");

function setMix(photo, percent) {
  const aligned = photo.querySelector("[data-aligned]");
  const slider = photo.querySelector("[data-mix]");
  if (!aligned) return;
  aligned.style.opacity = String(percent / 100);
  if (slider) {
    slider.value = String(percent);
    slider.setAttribute("aria-valuetext", `${percent}%`);
  }
}

const blinking = new Map();

function toggleBlink(photo, on) {
  const button = photo.querySelector("[data-blink]");
  if (!button || !photo.querySelector("[data-aligned]")) return;
  const running = blinking.has(photo);
  const start = on ?? !running;
  if (running) {
    clearInterval(blinking.get(photo));
    blinking.delete(photo);
    setMix(photo, Number(photo.dataset.mixBefore ?? 0));
  }
  if (start && !running) {
    photo.dataset.mixBefore = photo.querySelector("[data-mix]")?.value ?? "0";
    let shown = false;
    // Every 500 ms: the eye catches what changes between two aligned pictures far better than side by side.
    blinking.set(photo, setInterval(() => { shown = !shown; setMix(photo, shown ? 100 : 0); }, 500));
  }
  button.setAttribute("aria-pressed", String(blinking.has(photo)));
}

function toggleHeat(photo, on) {
  const heat = photo.querySelector("[data-heatmap]");
  const button = photo.querySelector("[data-heat]");
  if (!heat || !button) return;
  const show = on ?? heat.hidden;
  heat.hidden = !show;
  button.setAttribute("aria-pressed", String(show));
}

function photos() { return [...document.querySelectorAll("[data-photo]")]; }

// The photo the reviewer is looking at: the one nearest the top of the viewport, else the first.
function current() {
  const all = photos();
  return all.find(p => p.getBoundingClientRect().bottom > 80) ?? all[0];
}

function confirmThen(form) {
  const dialog = document.getElementById("confirm-dialog");
  if (!dialog || typeof dialog.showModal !== "function") { form.submit(); return; }
  document.getElementById("confirm-text").textContent = form.dataset.confirm;
  dialog.returnValue = "";
  dialog.onclose = () => { if (dialog.returnValue === "ok") form.submit(); };
  dialog.showModal();
}

function toggleHelp(show) {
  const help = document.getElementById("shortcuts");
  const button = document.querySelector("[data-shortcut-help]");
  if (!help) return;
  help.hidden = !(show ?? help.hidden);
  button?.setAttribute("aria-expanded", String(!help.hidden));
  if (!help.hidden) help.scrollIntoView({ block: "nearest" });
}

function focusForm(id, field) {
  const form = document.getElementById(id);
  const target = form?.querySelector(field);
  if (!target) return;
  target.scrollIntoView({ block: "center" });
  target.focus();
}

function typing(target) {
  return target instanceof HTMLElement
    && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))
    && !(target instanceof HTMLInputElement && target.type === "range");
}

if (page) {
  for (const photo of photos()) {
    photo.querySelector("[data-mix]")?.addEventListener("input", e => {
      toggleBlink(photo, false);
      setMix(photo, Number(e.target.value));
    });
    photo.querySelector("[data-blink]")?.addEventListener("click", () => toggleBlink(photo));
    photo.querySelector("[data-heat]")?.addEventListener("click", () => toggleHeat(photo));
  }
  for (const form of document.querySelectorAll("form[data-confirm]")) {
    form.addEventListener("submit", e => {
      e.preventDefault();
      if (form.reportValidity()) confirmThen(form);
    });
  }
  document.querySelector("[data-shortcut-help]")?.addEventListener("click", () => toggleHelp());

  document.addEventListener("keydown", e => {
    if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target) || document.querySelector("dialog[open]")) return;
    const go = selector => { const link = document.querySelector(selector); if (link) location.assign(link.href); };
    switch (e.key) {
      case "a": focusForm("approve-form", "button[type=submit]"); break;
      case "r": focusForm("reject-form", "select"); break;
      case "m": focusForm("more-form", "textarea"); break;
      case "j": case "n": go("[data-shortcut-next]"); break;
      case "k": case "p": go("[data-shortcut-prev]"); break;
      case "h": {
        // One key for every photo: the heat maps go on or off together.
        const any = photos().some(p => p.querySelector("[data-heatmap]") && !p.querySelector("[data-heatmap]").hidden);
        photos().forEach(p => toggleHeat(p, !any));
        break;
      }
      case "b": { const photo = current(); if (photo) toggleBlink(photo); break; }
      case "?": toggleHelp(); break;
      case "Escape": toggleHelp(false); break;
      default: return;
    }
    e.preventDefault();
  });
}
