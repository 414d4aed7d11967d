// A background job followed live over its event stream (training, reference set, video): a progress box with status,
// bar, percent, message, elapsed time and cost. It survives a reload (the job id is kept in localStorage under `key`)
// and a lost connection or server restart (EventSource reconnects with Last-Event-ID).
import { api, el, project, statusBadge, usd } from './ui.js';

/** Whether a job's status is final. */
export const finished = status => ['succeeded', 'failed', 'cancelled'].includes(status);

/**
 * Follows job `jobId` in `container`: the box is `#${name}-job`, its status badge `#${name}-status`, its title `title`;
 * `key` keeps it across reloads; `onChange(job)` runs when the status changes, `onEnd(job)` once at the end.
 */
export function followJob(container, jobId, options) {
  const { name, title, key, onChange, onEnd } = options;
  if (key) { localStorage.setItem(key, jobId); }
  const status = el('span', { id: `${name}-status` }, statusBadge('queued'));
  const bar = el('span');
  const percent = el('strong', {}, '0 %');
  const message = el('span', { class: 'muted message' }, '');
  const cost = el('span', {}, '');
  const elapsed = el('span', { class: 'muted' }, '');
  const box = el('div', { class: 'job', id: `${name}-job`, 'data-job': jobId },
    el('div', { class: 'line' }, el('span', {}, `${title} `, status), percent),
    el('div', { class: 'progress large' }, bar),
    el('div', { class: 'line' }, message, el('span', {}, elapsed, ' ', cost)));
  container.replaceChildren(box);
  const events = new EventSource(`/api${project(`/jobs/${jobId}/events`)}`);
  events.addEventListener('job', e => {
    const job = JSON.parse(e.data);
    status.replaceChildren(statusBadge(job.status));
    bar.style.width = `${job.percent}%`;
    percent.textContent = `${Math.round(job.percent)} %`;
    message.textContent = job.message || '';
    cost.textContent = job.costUsd ? `· ${usd(job.costUsd)}` : '';
    elapsed.textContent = `${Math.round((new Date(job.updatedAt) - new Date(job.createdAt)) / 1000)} s`;
    const changed = box.dataset.status !== job.status;
    box.dataset.status = job.status;
    if (changed && onChange) { onChange(job); }
    if (finished(job.status)) {
      events.close();
      if (key) { localStorage.removeItem(key); }
      if (job.error) { message.textContent = job.error.detail || job.error.title || `${title} failed.`; }
      if (onEnd) { onEnd(job); }
    }
  });
  // Given up for good (not a reload, which also cuts the stream), it is a job the server no longer knows: only then
  // is it forgotten.
  events.onerror = async () => {
    if (events.readyState !== EventSource.CLOSED) { return; }
    try {
      await api(project(`/jobs/${jobId}`));
      followJob(container, jobId, options);
    } catch (problem) {
      if (problem.status === 404) {
        if (key) { localStorage.removeItem(key); }
        container.replaceChildren();
      }
    }
  };
}

/** Follows the job kept under `key` by an earlier page, if one is. */
export function resumeJob(container, key, options) {
  const running = localStorage.getItem(key);
  if (running) { followJob(container, running, { ...options, key }); }
}
