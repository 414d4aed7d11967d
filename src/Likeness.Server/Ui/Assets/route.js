// The character's route (issue 18, part 4): its policy and ordered entries with the identity each uses now, and for an
// auto route what it would decide now (the break-even against the kept shots projected over 30 days; reading it starts
// nothing). Artists set it; the generate form then offers "the route" as its provider.
import { api, el, showError, statusBadge, when } from './ui.js';
import { generates } from './shots.js';

// The form offers three places (the API takes up to eight).
const Places = 3;

/** Wires the route panel; `onChange(route)` is told the route (null for none) after each load or save. */
export function routePanel({ base, providers, onChange }) {
  const view = document.getElementById('route-view');
  const form = document.getElementById('route-form');
  const usable = providers.filter(generates);
  let current = null;

  function entryRow(e) {
    const identity = e.identity
      ? [el('span', { class: 'muted' }, `${e.pinned ? 'pinned' : 'in use'}: v${e.identity.version} ${e.identity.kind}`), statusBadge(e.identity.status),
        e.identity.validation ? el('span', { class: `badge ${e.identity.validation === 'validated' ? 'ok' : 'bad'}` }, e.identity.validation) : null]
      : [el('span', { class: 'muted' }, 'no ready identity yet (one that needs no training is made at the first shot)')];
    return el('li', { 'data-provider': e.provider }, el('strong', {}, e.provider), ...identity);
  }

  function render(route) {
    if (!route) {
      view.replaceChildren(el('p', { class: 'muted', id: 'route-none' }, 'No route: each shot is made at the provider you choose.'));
      return;
    }
    const decision = route.decision;
    // replaceChildren, unlike el(), would write a left-out part as the text "null".
    view.replaceChildren(...[
      el('p', { class: 'route-policy', id: 'route-policy' }, el('span', { class: 'badge busy' }, route.policy),
        route.allowTrain ? el('span', { class: 'muted' }, ' may start trainings') : null, el('span', { class: 'muted' }, ` · set ${when(route.updatedAt)}`)),
      el('ol', { class: 'route-list', id: 'route-list' }, route.entries.map(entryRow)),
      decision ? el('div', { class: 'route-decision', id: 'route-decision' },
        el('p', {}, el('strong', {}, 'Auto, now: '), decision.summary),
        decision.breakEvenKeptShots !== null && decision.breakEvenKeptShots !== undefined
          ? el('p', { class: 'muted' }, `Training pays for itself after ${Math.round(decision.breakEvenKeptShots)} kept shots; ${Math.round(decision.projectedKeptShots ?? 0)} are expected over 30 days.`)
          : null) : null,
      route.proposal ? el('p', { class: 'muted' }, `After the last shots: ${route.proposal}`) : null].filter(Boolean));
  }

  function fill(route) {
    form.elements.policy.value = route?.policy || 'fallback';
    form.elements.allowTrain.checked = !!route?.allowTrain;
    form.elements.allowTrain.disabled = form.elements.policy.value !== 'auto';
    document.getElementById('route-entries').replaceChildren(...Array.from({ length: Places }, (_, i) => {
      const select = el('select', { name: `entry-${i}` },
        el('option', { value: '' }, i === 0 ? 'choose a provider' : 'none'), usable.map(p => el('option', { value: p.name }, p.displayName)));
      select.value = route?.entries[i]?.provider || '';
      return el('label', { class: 'field' }, el('span', {}, `Entry ${i + 1}`), select);
    }));
  }

  function show(route) {
    current = route;
    render(route);
    if (form) { fill(route); }
    onChange(route);
  }

  async function load() {
    show(await api(base + '/route'));
  }

  if (form) {
    const error = document.getElementById('route-error');
    form.elements.policy.addEventListener('change', () => {
      form.elements.allowTrain.disabled = form.elements.policy.value !== 'auto';
      if (form.elements.allowTrain.disabled) { form.elements.allowTrain.checked = false; }
    });
    form.addEventListener('submit', async e => {
      e.preventDefault();
      showError(error, null);
      const chosen = Array.from({ length: Places }, (_, i) => form.elements[`entry-${i}`].value).filter(Boolean);
      // An entry left at its provider keeps the identity pinned there.
      const via = chosen.map((provider, i) => {
        const was = current?.entries[i];
        return was && was.provider === provider && was.pinned ? { provider, identity: was.pinned } : { provider };
      });
      const policy = form.elements.policy.value;
      try {
        show(await api(base + '/route', { method: 'PUT', json: { policy, via, allowTrain: policy === 'auto' && form.elements.allowTrain.checked } }));
      } catch (problem) {
        showError(error, problem.message);
      }
    });
  }

  load();
}
