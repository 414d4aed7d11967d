// Costs: the summary, spend per character and per provider (the recorded cost of every shot and identity), the
// spending alerts, and the ledger with a kind filter.
import { api, el, project, stat, statusBadge, usd, when } from './ui.js';

function rows(tbody, totals) {
  const sorted = [...totals.entries()].sort((a, b) => b[1] - a[1]);
  tbody.replaceChildren(...(sorted.length === 0 ? [el('tr', {}, el('td', { colspan: 2, class: 'muted' }, 'Nothing spent yet.'))]
    : sorted.map(([name, amount]) => el('tr', {}, el('td', {}, name), el('td', { class: 'num' }, usd(amount))))));
}

// An alert's webhook delivery: delivered, still being retried (with the last error), or none configured.
function delivery(alert) {
  if (alert.deliveredAt) { return statusBadge('delivered'); }
  return alert.attempts > 0 ? el('span', { title: alert.lastError || '' }, statusBadge('retrying'), ` ${alert.attempts}×`) : el('span', { class: 'muted' }, 'pending');
}

function renderAlerts(alerts) {
  document.querySelector('#alerts tbody').replaceChildren(...(alerts.length === 0 ? [el('tr', {}, el('td', { colspan: 5, class: 'muted' }, 'No alert: no threshold reached.'))]
    : alerts.map(a => el('tr', { 'data-alert': a.id }, el('td', {}, when(a.at)), el('td', {}, el('span', { class: `badge ${a.thresholdPercent >= 100 ? 'bad' : 'warn'}` }, a.kind)),
      el('td', { class: 'num' }, a.kind === 'prices' ? '—' : `${a.thresholdPercent} %`), el('td', {}, a.message), el('td', {}, delivery(a))))));
}

async function load() {
  const [summary, ledger, characters, alerts] = await Promise.all([
    api(project('/costs')), api(project('/costs/ledger?limit=1000')), api(project('/characters')), api(project('/alerts?limit=100'))]);
  renderAlerts(alerts);
  document.getElementById('summary').replaceChildren(
    stat('Budget', summary.budgetUsd === null ? 'no cap' : usd(summary.budgetUsd)),
    stat('Spent', usd(summary.committedUsd)),
    stat('Held by calls under way', usd(summary.reservedUsd)),
    stat('Left', summary.availableUsd === null ? 'no cap' : usd(summary.availableUsd)));

  // Spend per character and provider: what each shot and each identity cost (their own recorded cost, so a ledger
  // line without a subject still counts where it belongs); the ledger below names the subjects it knows.
  const subjects = new Map();
  const perCharacter = new Map();
  const perProvider = new Map();
  const add = (map, key, amount) => map.set(key, (map.get(key) ?? 0) + Number(amount || 0));
  await Promise.all(characters.map(async c => {
    const base = project(`/characters/${c.id}`);
    const [shots, identities] = await Promise.all([api(base + '/shots'), api(base + '/identities')]);
    for (const s of shots) { subjects.set(s.id, `shot of ${c.name} at ${s.provider}`); }
    for (const i of identities) { subjects.set(i.id, `${c.name}'s ${i.provider} identity v${i.version}`); }
    for (const paid of [...shots, ...identities].filter(p => Number(p.costUsd) > 0)) {
      add(perCharacter, c.name, paid.costUsd);
      add(perProvider, paid.provider, paid.costUsd);
    }
  }));
  rows(document.querySelector('#per-character tbody'), perCharacter);
  rows(document.querySelector('#per-provider tbody'), perProvider);

  // A commit or refund line says only its kind: it is named by the reservation it settles.
  const reserved = new Map(ledger.filter(l => l.kind === 'reserve').map(l => [l.reservationId, l.description]));
  const whatOf = l => (l.kind !== 'reserve' && reserved.get(l.reservationId)) || subjects.get(l.subjectId) || l.description || '';
  const tbody = document.querySelector('#ledger tbody');
  const kind = document.getElementById('ledger-kind');
  function render() {
    const shown = ledger.filter(l => !kind.value || l.kind === kind.value);
    tbody.replaceChildren(...(shown.length === 0 ? [el('tr', {}, el('td', { colspan: 4, class: 'muted' }, 'No ledger line.'))]
      : shown.map(l => el('tr', {}, el('td', {}, when(l.at)), el('td', {}, el('span', { class: 'badge' }, l.kind)),
        el('td', {}, whatOf(l)), el('td', { class: 'num' }, usd(l.amountUsd))))));
  }

  kind.addEventListener('change', render);
  render();
}

load();
