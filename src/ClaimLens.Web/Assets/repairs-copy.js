// Copy buttons on the follow-up desk: copy the linked input's text and say so. Without script the link stays
// selectable in its read-only field.
const status = document.getElementById('copy-status');
for (const button of document.querySelectorAll('button[data-copy]')) {
  button.addEventListener('click', async () => {
    const input = document.getElementById(button.dataset.copy);
    if (!input) return;
    input.select();
    try {
      await navigator.clipboard.writeText(input.value);
      if (status) status.textContent = document.documentElement.lang.startsWith('en') ? 'Link copied.' : '链接已复制。';
    } catch {
      if (status) status.textContent = document.documentElement.lang.startsWith('en') ? 'Press Ctrl+C to copy the selected link.' : '请按 Ctrl+C 复制已选中的链接。';
    }
  });
}
