// The character's identity versions, newest first: provider, version (and the one it was trained from), status, the
// post-training validation (pass rate with its interval, cost per kept shot), cost, and which version is in use at
// its provider. Artists put a ready version in use, roll the one in use back to the version before it, or archive one;
// the API answers each change with the versions as they are now.
import { api, canSpend, el, showError, statusBadge, usd, when } from './ui.js';

const percent = x => `${Math.round(100 * x)} %`;

function validation(v) {
  if (!v) { return el('span', { class: 'muted' }, 'not validated'); }
  return el('span', { class: 'validation', title: v.summary },
    el('span', { class: `badge ${v.outcome === 'validated' ? 'ok' : 'bad'}` }, v.outcome),
    ` ${percent(v.passRate)} kept (${v.passed}/${v.attempts}, ${percent(v.passRateLow)}–${percent(v.passRateHigh)})`,
    v.costPerKeptUsd === null ? null : el('div', { class: 'muted' }, `${usd(v.costPerKeptUsd)} a kept shot`));
}

/** Wires the identities table under `base` (the character's API path); `onChange` runs after a change. */
export function identityVersions({ base, onChange }) {
  const body = document.querySelector('#identities tbody');
  const error = document.getElementById('identities-error');

  async function act(call) {
    showError(error, null);
    try {
      render(await call());
      onChange?.();
    } catch (problem) {
      showError(error, problem.message);
    }
  }

  function actions(i, list) {
    if (!canSpend) { return null; }
    const earlier = list.some(o => o.provider === i.provider && o.status === 'ready' && o.version < i.version);
    return el('div', { class: 'row-actions' },
      i.status === 'ready' && !i.inUse
        ? el('button', { type: 'button', class: 'button small use', onclick: () => act(() => api(`${base}/identities/${i.id}/in-use`, { method: 'PUT' })) }, 'Use')
        : null,
      i.inUse && earlier
        ? el('button', { type: 'button', class: 'button small rollback', onclick: () => act(() => api(`${base}/identities/rollback`, { method: 'POST', json: { provider: i.provider } })) }, 'Roll back')
        : null,
      i.status === 'ready' || i.status === 'failed'
        ? el('button', { type: 'button', class: 'button small ghost danger archive', onclick: () => act(() => api(`${base}/identities/${i.id}/archive`, { method: 'POST' })) }, 'Archive')
        : null);
  }

  function render(list) {
    const byVersion = new Map(list.map(i => [i.id, i]));
    body.replaceChildren(...(list.length === 0 ? [el('tr', {}, el('td', { colspan: 8, class: 'muted' }, 'No identity yet.'))] : [...list]
      .sort((a, b) => a.provider.localeCompare(b.provider) || b.version - a.version)
      .map(i => el('tr', { 'data-identity': i.id, 'data-provider': i.provider, 'data-version': i.version, 'data-in-use': String(i.inUse) },
        el('td', {}, i.provider),
        el('td', {}, `v${i.version}`, i.parentId && byVersion.has(i.parentId) ? el('div', { class: 'muted' }, `from v${byVersion.get(i.parentId).version}`) : null),
        el('td', {}, statusBadge(i.status), i.failureReason ? el('div', { class: 'muted' }, i.failureReason) : null),
        el('td', {}, validation(i.validation)),
        el('td', { class: 'num' }, usd(i.costUsd)),
        el('td', {}, when(i.createdAt)),
        el('td', { class: 'in-use' }, i.inUse ? el('span', { class: 'badge ok', title: i.chosenAt ? `chosen ${when(i.chosenAt)}` : 'the automatic choice' }, i.chosenAt ? 'in use (chosen)' : 'in use') : null),
        el('td', {}, actions(i, list))))));
  }

  async function load() {
    render(await api(base + '/identities'));
  }

  return { load };
}
