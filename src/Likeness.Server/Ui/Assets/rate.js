// Blind rating: the reference photos, two images side by side, one question and three answers (keys 1, 2 and 0), and
// the progress. A guest's invite secret is the page's fragment and goes in the X-Rating-Invite header of every call
// (images too, so they are fetched as blobs); a member calls the session's routes with the cookie.
import { el, read, unsafeHeaders, showError } from './ui.js';

const root = document.getElementById('rate');
const invite = location.hash.length > 1 ? decodeURIComponent(location.hash.slice(1)) : null;
const base = invite ? '/api/rate' : `/api/projects/${root.dataset.project}/ratings/${root.dataset.session}`;
const errorBox = document.getElementById('rate-error');
let current = null;
let busy = false;
const objectUrls = { shown: [], next: [] };

async function call(path, { method = 'GET', json } = {}) {
  const headers = { Accept: 'application/json' };
  if (invite) { headers['X-Rating-Invite'] = invite; } else if (method !== 'GET') { Object.assign(headers, await unsafeHeaders()); }
  if (json !== undefined) { headers['Content-Type'] = 'application/json'; }
  const send = () => fetch(base + path, { method, headers, credentials: 'same-origin', body: json === undefined ? undefined : JSON.stringify(json) });
  let r = await send();
  // A guest link opened where someone is signed in still sends the cookie, and a cookie-authenticated vote needs the
  // antiforgery header: the API says so by naming it, and the vote is sent again with it.
  if (invite && r.status === 400 && (await r.clone().json().catch(() => null))?.field === 'X-CSRF-TOKEN') {
    Object.assign(headers, await unsafeHeaders());
    r = await send();
  }
  return read(r);
}

async function image(url, kind) {
  const r = await fetch(url, { headers: invite ? { 'X-Rating-Invite': invite } : {}, credentials: 'same-origin' });
  if (!r.ok) { throw new Error(`An image could not be loaded (${r.status}).`); }
  const objectUrl = URL.createObjectURL(await r.blob());
  objectUrls[kind].push(objectUrl);
  return objectUrl;
}

function release(kind) {
  for (const url of objectUrls[kind].splice(0)) { URL.revokeObjectURL(url); }
}

async function show(task) {
  document.getElementById('rate-session').textContent = task.session;
  const progress = document.getElementById('rate-progress');
  if (task.done) {
    document.getElementById('rate-task').hidden = true;
    document.getElementById('rate-done').hidden = false;
    progress.textContent = `${task.total} of ${task.total} done`;
    current = task;
    return;
  }

  // The same pair is asked both questions in a row: its images are loaded once. Everything else changes after the
  // images are in, so the progress never announces a question whose images are still the previous pair's.
  if (!current || current.pairId !== task.pairId) {
    const [left, right, ...references] = await Promise.all([image(task.left, 'next'), image(task.right, 'next'), ...task.references.map(r => image(r, 'next'))]);
    release('shown');
    objectUrls.shown = objectUrls.next.splice(0);
    document.getElementById('rate-left').src = left;
    document.getElementById('rate-right').src = right;
    document.getElementById('rate-references').replaceChildren(...references.map((src, i) => el('img', { src, alt: `Reference photo ${i + 1}` })));
  }

  document.getElementById('rate-question').textContent = task.questionText;
  document.getElementById('rate-prompt').replaceChildren(...(task.question === 'prompt' ? ['Prompt: ', el('q', {}, task.prompt)] : []));
  document.getElementById('rate-task').hidden = false;
  progress.textContent = `${task.answered + 1} of ${task.total}`;
  current = task;
}

async function answer(choice) {
  if (busy || !current || current.done) { return; }
  busy = true;
  try {
    showError(errorBox, '');
    await show(await call('/votes', { method: 'POST', json: { pairId: current.pairId, question: current.question, answer: choice } }));
  } catch (e) {
    showError(errorBox, e.message);
  } finally {
    busy = false;
  }
}

for (const button of document.querySelectorAll('[data-answer]')) {
  button.addEventListener('click', () => answer(button.dataset.answer));
}

document.addEventListener('keydown', e => {
  if (e.altKey || e.ctrlKey || e.metaKey) { return; }
  const choice = { 1: 'left', 2: 'right', 0: 'cannot-tell' }[e.key];
  if (choice) { e.preventDefault(); answer(choice); }
});

call('/next').then(show).catch(e => showError(errorBox, e.message));
