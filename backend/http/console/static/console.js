// The console's only script: progressive enhancement of pages that work without it.
// Times in the admin's zone, the error summary focused, one submit per form, copy buttons, live test progress.
(() => {
  'use strict';

  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const TIME_FORMAT = { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: zone };
  const numbers = new Intl.NumberFormat('en-GB');

  // The server writes times in the zone of this cookie; set it, and rewrite this page's times if it was not known yet.
  document.cookie = `together_tz=${encodeURIComponent(zone)}; Path=/admin; SameSite=Strict; Max-Age=31536000`;
  const shown = document.querySelector('[data-zone]');
  if (shown && shown.textContent !== zone) {
    const format = new Intl.DateTimeFormat('en-GB', TIME_FORMAT);
    for (const time of document.querySelectorAll('time[data-local]')) time.textContent = format.format(new Date(time.dateTime));
    shown.textContent = zone;
  }

  const summary = document.querySelector('[data-error-summary]');
  if (summary) summary.focus();

  // A second click on a button that starts something does nothing (the server also runs one test at a time).
  for (const button of document.querySelectorAll('[data-prevent-double-click]')) {
    const form = button.form;
    if (!form) continue;
    form.addEventListener('submit', (event) => {
      if (form.dataset.submitted) {
        event.preventDefault();
        return;
      }
      form.dataset.submitted = 'true';
      button.setAttribute('aria-disabled', 'true');
    });
  }

  for (const button of document.querySelectorAll('[data-copy]')) {
    const source = document.getElementById(button.dataset.copy);
    if (!source || !navigator.clipboard) continue;
    button.hidden = false;
    const label = button.innerHTML;
    button.addEventListener('click', async () => {
      await navigator.clipboard.writeText(source.textContent.trim());
      button.textContent = 'Copied';
      setTimeout(() => (button.innerHTML = label), 2000);
    });
  }

  const panel = document.querySelector('[data-test-run]');
  if (panel) followTest(panel);

  /**
   * Polls the admin API for the run's progress. The status line is updated about every 10 % or 10 s,
   * not on every tick, so a screen reader is not flooded; the bar moves each time. A backend restart
   * only pauses it: polling carries on until the backend answers again.
   */
  function followTest(section) {
    const bar = section.querySelector('progress');
    const status = section.querySelector('[role=status]');
    const check = section.querySelector('[data-check-progress]');
    if (check) check.hidden = true;
    let announcedAt = 0;
    let announcedPercent = -10;
    let failures = 0;

    const poll = async () => {
      let run;
      try {
        const response = await fetch(section.dataset.testRun, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
        if (response.status === 401) return window.location.reload();
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        run = (await response.json()).testRun;
        failures = 0;
      } catch {
        failures += 1;
        if (failures === 3) status.textContent = 'Waiting for Together to answer. The test carries on.';
        return setTimeout(poll, Math.min(1000 * 2 ** failures, 5000));
      }
      const { checked, total, percent } = run.progress;
      bar.max = Math.max(total, 1);
      bar.value = checked;
      bar.textContent = `${percent}%`;
      if (run.status !== 'QUEUED' && run.status !== 'RUNNING') {
        status.textContent = 'Test finished.';
        const link = document.createElement('a');
        link.href = `/admin/test?run=${encodeURIComponent(run.id)}`;
        link.textContent = 'See the results';
        link.className = 'button button-primary';
        status.after(link);
        for (const form of section.querySelectorAll('form')) form.hidden = true;
        return;
      }
      const now = Date.now();
      if (percent - announcedPercent >= 10 || now - announcedAt >= 10_000 || failures > 0) {
        status.textContent = `Checked ${numbers.format(checked)} of ${numbers.format(total)} people`;
        announcedAt = now;
        announcedPercent = percent;
      }
      setTimeout(poll, 1000);
    };
    setTimeout(poll, 1000);
  }
})();
