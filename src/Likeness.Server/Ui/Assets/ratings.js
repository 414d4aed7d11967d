// Blind rating sessions: the list; a new session from a character's shots or a succeeded study's (artists); the chosen
// session's guest invites (artists: the link, with its secret after #, is shown once, to copy; revoke), its progress and
// its results (win rates per provider with Wilson 95 % intervals, Krippendorff's alpha, Fleiss' kappa, and how often
// the face distance agrees with the human majority). The chosen session is in the address (?session=ID).
import { api, canSpend, el, page, project, showError, stat, statusBadge, when } from './ui.js';
import { percent, rateCell } from './rates.js';

const list = document.getElementById('sessions');
const detail = document.getElementById('session');
let chosen = new URLSearchParams(location.search).get('session');

const number = value => (value === null || value === undefined ? '—' : value.toFixed(2));

async function loadSessions() {
  const sessions = await api(project('/ratings'));
  list.replaceChildren(...(sessions.length === 0 ? [el('p', { class: 'muted' }, canSpend ? 'No session yet: make one below.' : 'No session yet.')]
    : sessions.map(s => el('button', { type: 'button', class: 'record', 'data-session': s.id, 'aria-current': String(s.id === chosen), onclick: () => choose(s.id) },
      el('strong', {}, s.name), el('span', { class: 'meta' }, `${s.pairs} pairs`),
      el('span', { class: 'meta' }, s.source), el('span', { class: 'meta' }, when(s.createdAt))))));
  return sessions;
}

function choose(id) {
  chosen = id;
  history.replaceState(null, '', `?session=${id}`);
  for (const record of list.querySelectorAll('.record')) { record.setAttribute('aria-current', String(record.dataset.session === id)); }
  showSession(id);
}

// One question's statistics: progress, agreement, and each provider's wins over its decided pairs.
function question(q, pairs) {
  const rows = q.winRates.map(w => el('tr', { 'data-arm': w.arm }, el('td', {}, w.arm),
    el('td', { class: 'num' }, String(w.wins)), el('td', { class: 'num' }, String(w.losses)), el('td', { class: 'num' }, String(w.undecided)),
    rateCell(w.rate, w.wilsonCi95)));
  return el('section', { class: 'question', 'data-question': q.question },
    el('h4', {}, q.question === 'identity' ? 'Which keeps the identity better' : 'Which follows the prompt better'),
    el('p', { class: 'muted' }, `${q.pairs} of ${pairs} pairs voted · ${q.votes} votes · ${q.raters} ${q.raters === 1 ? 'rater' : 'raters'} · `
      + `${q.decided} decided, ${q.undecided} undecided · Krippendorff's α ${number(q.krippendorffAlpha)} · Fleiss' κ ${number(q.fleissKappa)}`),
    rows.length === 0 ? el('p', { class: 'muted' }, 'No decided pair yet.')
      : el('table', { class: 'table' }, el('thead', {}, el('tr', {}, el('th', {}, 'Provider'), el('th', { class: 'num' }, 'Wins'), el('th', { class: 'num' }, 'Losses'),
        el('th', { class: 'num' }, 'Undecided'), el('th', {}, 'Win rate (95 % interval)'))), el('tbody', {}, rows)));
}

async function showSession(id) {
  detail.hidden = false;
  const [session, results] = await Promise.all([api(project(`/ratings/${id}`)), api(project(`/ratings/${id}/results`))]);
  document.getElementById('session-name').textContent = session.name;
  document.getElementById('session-meta').textContent = ` ${session.source} · ${session.pairs} pairs · made ${when(session.createdAt)}`;
  document.getElementById('session-rate').href = `/ui/projects/${page.project}/ratings/${id}/rate`;
  const identity = results.questions.find(q => q.question === 'identity');
  const agreement = results.automaticAgreement;
  document.getElementById('session-progress').replaceChildren(
    stat('Pairs voted', `${identity?.pairs ?? 0} of ${session.pairs}`),
    stat('Raters', String(Math.max(0, ...results.questions.map(q => q.raters)))),
    stat('Face distance agrees', agreement.trials === 0 ? '—' : `${percent(agreement.rate)} of ${agreement.trials}`));
  document.getElementById('results').replaceChildren(...results.questions.map(q => question(q, session.pairs)));
  if (canSpend) { await loadInvites(id); }
}

async function loadInvites(id) {
  const invites = await api(project(`/ratings/${id}/invites`));
  document.querySelector('#invites tbody').replaceChildren(...(invites.length === 0 ? [el('tr', {}, el('td', { colspan: 5, class: 'muted' }, 'No guest invited yet.'))]
    : invites.map(i => {
      const expired = new Date(i.expiresAt) < new Date();
      const state = i.revokedAt ? 'revoked' : expired ? 'expired' : 'active';
      const revoke = state === 'active'
        ? el('button', { type: 'button', class: 'button small danger', onclick: async () => { await api(project(`/ratings/${id}/invites/${i.id}`), { method: 'DELETE' }); await loadInvites(id); } }, 'Revoke')
        : null;
      return el('tr', { 'data-invite': i.id }, el('td', {}, i.label), el('td', {}, when(i.createdAt)), el('td', {}, when(i.expiresAt)),
        el('td', {}, state === 'active' ? statusBadge('active') : el('span', { class: 'badge bad' }, state)), el('td', { class: 'num' }, revoke));
    })));
}

function wireInvites() {
  const form = document.getElementById('invite-form');
  const error = document.getElementById('invite-error');
  const link = document.getElementById('invite-link');
  const copied = document.getElementById('invite-copied');
  form.addEventListener('submit', async e => {
    e.preventDefault();
    showError(error, null);
    const data = new FormData(form);
    try {
      const issued = await api(project(`/ratings/${chosen}/invites`), { method: 'POST', json: { label: data.get('label'), expiresInDays: Number(data.get('days')) } });
      link.value = new URL(issued.link, location.origin).href;
      copied.textContent = '';
      document.getElementById('invite-issued').hidden = false;
      form.reset();
      await loadInvites(chosen);
    } catch (problem) {
      showError(error, problem.message);
    }
  });
  document.getElementById('invite-copy').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(link.value);
      copied.textContent = 'Copied';
    } catch {
      // No clipboard access (an insecure origin, a denied permission): select it for the person to copy.
      link.select();
      copied.textContent = 'Selected: press Ctrl+C';
    }
  });
}

async function wireCreation() {
  const form = document.getElementById('session-form');
  const source = document.getElementById('session-source');
  const error = document.getElementById('session-error');
  const [characters, studies] = await Promise.all([api(project('/characters')), api(project('/studies'))]);
  const fromStudies = studies.filter(s => s.status === 'succeeded' && s.files.includes('results.json'));
  source.replaceChildren(
    el('optgroup', { label: 'A character’s shots' }, ...characters.map(c => el('option', { value: `character:${c.id}` }, c.name))),
    ...(fromStudies.length > 0 ? [el('optgroup', { label: 'A study’s shots' }, ...fromStudies.map(s => el('option', { value: `study:${s.id}` }, s.name)))] : []));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    showError(error, null);
    const data = new FormData(form);
    const [kind, id] = String(data.get('source')).split(':');
    const name = data.get('name') || null;
    const pairs = Number(data.get('pairs'));
    const button = document.getElementById('session-create');
    button.disabled = true;
    try {
      let made;
      if (kind === 'study') {
        // The study's own results.json names its shots: the server pairs them as `likeness rate create --study` does.
        const results = await api(project(`/studies/${id}/results.json`));
        const query = new URLSearchParams({ pairsPerProviderPair: String(pairs), ...(name ? { name } : {}) });
        made = await api(project(`/ratings/from-study?${query}`), { method: 'POST', json: results });
      } else {
        made = await api(project('/ratings'), { method: 'POST', json: { name, character: id, pairsPerProviderPair: pairs } });
      }
      form.reset();
      await loadSessions();
      choose(made.id);
    } catch (problem) {
      showError(error, problem.message);
    } finally {
      button.disabled = false;
    }
  });
}

async function start() {
  const sessions = await loadSessions();
  if (canSpend) {
    wireInvites();
    await wireCreation();
  }
  if (chosen && sessions.some(s => s.id === chosen)) {
    await showSession(chosen);
  } else if (sessions.length > 0) {
    choose(sessions[0].id);
  }
}

start();
