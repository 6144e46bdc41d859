// unei serve: what JavaScript adds to pages that work without it — dropping a file on a
// form's field, and live progress of a batch (the page also refreshes by itself).
'use strict';

function dropTargets() {
  for (const zone of document.querySelectorAll('.drop')) {
    const input = zone.querySelector('input[type=file]');
    if (!input) continue;
    zone.addEventListener('dragover', (event) => {
      event.preventDefault();
      zone.classList.add('over');
    });
    zone.addEventListener('dragleave', () => zone.classList.remove('over'));
    zone.addEventListener('drop', (event) => {
      event.preventDefault();
      zone.classList.remove('over');
      if (event.dataTransfer && event.dataTransfer.files.length > 0) {
        input.files = event.dataTransfer.files;
      }
    });
  }
}

function batchProgress() {
  const bar = document.getElementById('batch-progress');
  if (!bar) return;
  const poll = async () => {
    try {
      const answer = await fetch(bar.dataset.status, { cache: 'no-store' });
      if (!answer.ok) return;
      const progress = await answer.json();
      bar.max = progress.total;
      bar.value = progress.done;
      bar.textContent = `${progress.done} / ${progress.total}`;
      if (progress.finished) {
        window.location.reload();
        return;
      }
    } catch (_) {
      return;
    }
    setTimeout(poll, 500);
  };
  poll();
}

document.addEventListener('DOMContentLoaded', () => {
  dropTargets();
  batchProgress();
});
