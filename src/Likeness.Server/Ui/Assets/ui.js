// Shared by every page: the API client (cookie session + antiforgery header), DOM helpers, and the header's
// project switcher, budget left and sign-out. Imported once per page; the header is wired at import.
const root = document.getElementById('app');

/** The page's project id and the caller's role there (from the server-rendered frame). */
export const page = {
  project: root?.dataset.project || null,
  role: root?.dataset.role || null,
};

/** Whether the caller may create, upload and spend (the API checks it again). */
export const canSpend = ['artist', 'admin', 'owner'].includes(page.role);

let antiforgery = null;

async function antiforgeryToken() {
  if (!antiforgery) {
    const r = await fetch('/api/session/antiforgery', { credentials: 'same-origin' });
    if (r.status === 401) { signInAgain(); }
    antiforgery = (await r.json()).token;
  }
  return antiforgery;
}

function signInAgain() {
  location.assign('/ui/sign-in?next=' + encodeURIComponent(location.pathname + location.search));
  throw new ApiError('Signed out', 401);
}

/** A problem the API answered (RFC 9457): its detail or title is what a person reads. */
export class ApiError extends Error {
  constructor(message, status, problem) {
    super(message);
    this.status = status;
    this.problem = problem;
  }
}

/** The headers an unsafe request of this signed-in browser carries. */
export async function unsafeHeaders() {
  return { 'X-CSRF-TOKEN': await antiforgeryToken() };
}

/** Calls the API under /api; `json` is sent as the body; answers the parsed JSON (or null for 204). */
export async function api(path, { method = 'GET', json } = {}) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') { Object.assign(headers, await unsafeHeaders()); }
  if (json !== undefined) { headers['Content-Type'] = 'application/json'; }
  const r = await fetch('/api' + path, { method, headers, credentials: 'same-origin', body: json === undefined ? undefined : JSON.stringify(json) });
  return read(r);
}

/** Reads a response: JSON on success, an ApiError with the problem's words otherwise. */
export async function read(r) {
  if (r.status === 401) { signInAgain(); }
  const text = await r.text();
  const body = text ? JSON.parse(text) : null;
  if (!r.ok) {
    throw new ApiError(body?.detail || body?.title || `The server answered ${r.status}.`, r.status, body);
  }
  return body;
}

/** The project's API path prefix. */
export const project = (path = '') => `/projects/${page.project}${path}`;

/** Makes an element: el('div', {class: 'x'}, 'text', child). Text is always text (never parsed as HTML). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) { continue; }
    if (name.startsWith('on')) { node.addEventListener(name.slice(2), value); } else { node.setAttribute(name, value === true ? '' : value); }
  }
  node.append(...children.flat().filter(c => c !== null && c !== undefined && c !== false));
  return node;
}

/** US dollars for people. */
export function usd(value) {
  if (value === null || value === undefined) { return '—'; }
  const n = Number(value);
  return '$' + n.toFixed(Math.abs(n) < 1 && n !== 0 ? 3 : 2);
}

/** A date and time for people. */
export function when(value) {
  return value ? new Date(value).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—';
}

/** A figure in a row of stats: its label above, its value large. */
export function stat(label, value) {
  return el('div', { class: 'stat' }, el('div', { class: 'muted' }, label), el('div', { class: 'value' }, value));
}

/** A badge for a status (ready, training, failed…). */
export function statusBadge(status) {
  const tone = { ready: 'ok', succeeded: 'ok', accepted: 'ok', failed: 'bad', refused: 'bad', cancelled: 'bad', training: 'busy', running: 'busy', queued: 'busy', pending: 'busy', uploading: 'busy', warned: 'warn', 'held back': 'warn', delivered: 'ok', retrying: 'warn', kept: 'ok', rejected: 'bad', pass: 'ok', fail: 'bad', active: 'ok' }[status] || '';
  return el('span', { class: `badge ${tone}` }, status);
}

/** A reference role for people, as the API takes it: ThreeQuarter → three-quarter. */
export const roleName = role => role.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();

/** Shows `message` in an error element, or hides it. */
export function showError(element, message) {
  element.textContent = message || '';
  element.hidden = !message;
}

/** Refreshes the header's budget left, and the member's credits left when they have an allowance. */
export async function refreshBudget() {
  const target = document.getElementById('budget-left');
  if (!target || !page.project) { return; }
  const [costs, credits] = await Promise.all([api(project('/costs')), api(project('/credits/me'))]);
  target.textContent = costs.availableUsd === null ? 'no cap' : usd(costs.availableUsd);
  // A member without an allowance has no credit limit: only the budget holds them, so nothing is shown.
  const box = document.getElementById('credits');
  box.hidden = credits.allowanceUsd === null;
  if (credits.allowanceUsd !== null) {
    document.getElementById('credits-left').textContent = `${usd(credits.remainingUsd)} of ${usd(credits.allowanceUsd)} a ${credits.period}`;
  }
}

document.getElementById('project-switcher')?.addEventListener('change', e => {
  location.assign(`/ui/projects/${e.target.value}`);
});
document.getElementById('sign-out')?.addEventListener('click', async () => {
  await api('/session', { method: 'DELETE' });
  location.assign('/ui/sign-in');
});
refreshBudget();
