// Studies: the project's studies, newest first. Artists start one from a study file (pasted, or read from a chosen
// file), priced first (POST …/studies/estimate: the most it would cost) and then confirmed. The chosen study (?study=ID)
// is followed live over its job's event stream (so a reload picks it up again), then shown from its results.json: the
// recommendation; per provider the identity pass rate with its Wilson 95 % interval, the cost per kept shot with its
// interval and the success criteria judged; and the published files (report, CSV, JSON). Artists cancel a running study
// (after a confirmation): the job is asked to stop (DELETE …/jobs/{job}) and its stream then ends "cancelled".
import { api, canSpend, el, project, read, refreshBudget, showError, statusBadge, unsafeHeaders, usd, when } from './ui.js';
import { finished, followJob } from './jobs.js';
import { rateCell } from './rates.js';

const list = document.getElementById('studies');
const detail = document.getElementById('study');
// The cancel control exists only for those who may spend (the server renders none for a viewer).
const stop = document.getElementById('study-stop');
let chosen = new URLSearchParams(location.search).get('study');
let stopping = null;

// results.json is snake_case; an interval's key is read whichever way its digits were split.
const interval = o => o?.wilson_ci95 ?? o?.wilson_ci_95 ?? o?.ci95 ?? o?.ci_95 ?? null;
// An enum as words: LikelyNotMet or likely_not_met → "likely not met".
const words = v => String(v ?? '').replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

// A study file sent as itself (the API takes YAML or JSON as the body).
async function send(path, text) {
  const headers = { ...(await unsafeHeaders()), Accept: 'application/json', 'Content-Type': 'application/yaml' };
  return read(await fetch('/api' + project(path), { method: 'POST', credentials: 'same-origin', headers, body: text }));
}

async function loadStudies() {
  const studies = await api(project('/studies'));
  list.replaceChildren(...(studies.length === 0 ? [el('p', { class: 'muted' }, canSpend ? 'No study yet: start one below.' : 'No study yet.')]
    : studies.map(s => el('button', { type: 'button', class: 'record', 'data-study': s.id, 'aria-current': String(s.id === chosen), onclick: () => choose(s.id) },
      el('strong', {}, s.name), statusBadge(s.status),
      el('span', { class: 'meta' }, `started ${when(s.createdAt)}`), el('span', { class: 'meta' }, s.finishedAt ? `ended ${when(s.finishedAt)}` : '')))));
  return studies;
}

/** Shows the cancel control for the running study's job `jobId`, or hides it (null). */
function showStop(jobId) {
  stopping = jobId;
  if (!stop) { return; }
  stop.hidden = !jobId;
  document.getElementById('study-stop-confirm').hidden = true;
  showError(document.getElementById('study-stop-error'), null);
  const ask = document.getElementById('study-stop-ask');
  ask.disabled = false;
  ask.textContent = 'Cancel the study';
}

function wireStop() {
  if (!stop) { return; }
  const ask = document.getElementById('study-stop-ask');
  const confirm = document.getElementById('study-stop-confirm');
  const error = document.getElementById('study-stop-error');
  ask.addEventListener('click', () => { confirm.hidden = false; });
  document.getElementById('study-stop-keep').addEventListener('click', () => { confirm.hidden = true; });
  document.getElementById('study-stop-yes').addEventListener('click', async () => {
    confirm.hidden = true;
    showError(error, null);
    ask.disabled = true;
    ask.textContent = 'Cancelling…';
    try {
      // The run stops at its next shot; the job's stream then ends "cancelled" and the study is shown again.
      await api(project(`/jobs/${stopping}`), { method: 'DELETE' });
    } catch (problem) {
      ask.disabled = false;
      ask.textContent = 'Cancel the study';
      showError(error, problem.message);
    }
  });
}

function choose(id) {
  chosen = id;
  history.replaceState(null, '', `?study=${id}`);
  for (const record of list.querySelectorAll('.record')) { record.setAttribute('aria-current', String(record.dataset.study === id)); }
  showStudy(id);
}

// How one provider stood against the study's success criteria (identity rate, seconds a shot, dollars an image).
function criteria(decision) {
  return el('div', {}, ...[decision.identity, decision.time, decision.price].map(j => {
    const verdict = words(j.verdict);
    const tone = verdict === 'met' || verdict === 'likely met' ? 'ok' : verdict.includes('not met') ? 'bad' : '';
    return el('div', { class: `decision ${tone}`, title: j.method, 'data-criterion': j.criterion }, `${j.criterion}: ${verdict}`);
  }));
}

function keptCost(kept) {
  if (!kept || kept.per_kept_usd === null || kept.per_kept_usd === undefined) { return el('td', { class: 'num muted' }, '—'); }
  const range = kept.low_usd !== null && kept.low_usd !== undefined && kept.high_usd !== null && kept.high_usd !== undefined
    ? el('div', { class: 'interval' }, `${usd(kept.low_usd)} to ${usd(kept.high_usd)}`) : null;
  return el('td', { class: 'num' }, usd(kept.per_kept_usd), range);
}

async function showResults(study, container) {
  const { analysis } = await api(project(`/studies/${study.id}/results.json`));
  const decisions = new Map(analysis.decisions.providers.map(d => [d.provider, d]));
  const rows = analysis.by_provider.map(g => {
    const decision = decisions.get(g.provider);
    return el('tr', { 'data-provider': g.provider },
      el('td', {}, el('strong', {}, g.provider), decision ? el('div', { class: 'muted' }, decision.approach) : null),
      el('td', { class: 'num' }, `${g.shots - g.failed} of ${g.shots}`),
      rateCell(g.identity_pass.rate, interval(g.identity_pass)),
      keptCost(decision?.per_kept),
      el('td', {}, decision ? criteria(decision) : '—'));
  });
  const files = [['report.html', 'Open the report'], ['results.csv', 'results.csv'], ['results.json', 'results.json']].filter(([file]) => study.files.includes(file));
  container.replaceChildren(
    el('h3', { class: 'spaced' }, 'Recommendation'),
    el('p', { class: 'recommendation', id: 'study-recommendation' }, analysis.decisions.recommendation.text),
    el('table', { class: 'table', id: 'study-providers' },
      el('thead', {}, el('tr', {}, el('th', {}, 'Provider'), el('th', { class: 'num' }, 'Shots made'), el('th', {}, 'Identity pass rate (95 % interval)'),
        el('th', { class: 'num' }, 'Cost per kept shot'), el('th', {}, 'Success criteria'))),
      el('tbody', {}, rows)),
    el('h3', { class: 'spaced' }, 'Published files'),
    el('ul', { class: 'files' }, ...files.map(([file, label]) => el('li', {},
      el('a', { class: 'button small', href: `/api${project(`/studies/${study.id}/${file}`)}`, 'data-file': file, target: file === 'report.html' ? '_blank' : null, rel: 'noopener' }, label)))));
}

async function showStudy(id, { keepProgress = false } = {}) {
  detail.hidden = false;
  const study = await api(project(`/studies/${id}`));
  if (chosen !== id) { return; }
  document.getElementById('study-name').textContent = study.name;
  document.getElementById('study-meta').textContent = ` started ${when(study.createdAt)}` + (study.finishedAt ? ` · ended ${when(study.finishedAt)}` : '');
  document.getElementById('study-status').replaceChildren(statusBadge(study.status));
  document.getElementById('study-definition').textContent = study.definition;
  const progress = document.getElementById('study-progress');
  const results = document.getElementById('study-results');
  results.replaceChildren();
  if (!keepProgress) { progress.replaceChildren(); }
  const running = !finished(study.status) && study.jobId;
  showStop(running ? study.jobId : null);
  if (running) {
    followJob(progress, study.jobId, {
      name: 'study-run', title: 'Study',
      onEnd: async () => {
        if (stopping === study.jobId) { showStop(null); }
        refreshBudget();
        await loadStudies();
        if (chosen === id) { await showStudy(id, { keepProgress: true }); }
      },
    });
  } else if (study.status === 'succeeded') {
    await showResults(study, results);
  } else if (study.jobId) {
    const job = await api(project(`/jobs/${study.jobId}`));
    results.replaceChildren(el('p', { class: 'error' }, job.error?.detail || job.error?.title || job.message || `The study ${study.status}.`));
  }
}

// A first study file to edit: the project's first character at two providers that need no training.
function example(characters, providers) {
  const names = characters.slice(0, 1).map(c => JSON.stringify(c.name));
  const instant = providers.filter(p => p.available && p.capabilities.includes('reference-generation')).slice(0, 2).map(p => p.name);
  return `name: ${names.length > 0 ? `${characters[0].name} across providers` : 'A comparison'}\ncharacters: [${names.join(', ')}]\nproviders: [${instant.join(', ')}]\nscenarios: [close-up-portrait, profile]\nvariations: 2\nmegapixels: 0.25\n`;
}

function wireStart(characters, providers) {
  const form = document.getElementById('study-form');
  const text = document.getElementById('study-text');
  const error = document.getElementById('study-error');
  const confirm = document.getElementById('study-confirm');
  const start = document.getElementById('study-start');
  // What a person already typed or chose while the page loaded is theirs; the example only fills an empty form.
  if (text.value.trim() === '') {
    text.value = example(characters, providers);
  }
  text.addEventListener('input', () => { confirm.hidden = true; });
  document.getElementById('study-file').addEventListener('change', async e => {
    const file = e.target.files[0];
    if (file) {
      text.value = await file.text();
      confirm.hidden = true;
    }
  });
  form.addEventListener('submit', async e => {
    e.preventDefault();
    showError(error, null);
    confirm.hidden = true;
    try {
      const estimate = await send('/studies/estimate', text.value);
      const parts = estimate.providers.map(p => `${p.provider} ${usd(p.totalUsd)}${p.trainingUsd > 0 ? ` with ${usd(p.trainingUsd)} of training` : ''}`);
      document.getElementById('study-estimate').textContent =
        `${estimate.shots} shots of ${estimate.characters.join(', ')}: at most ${usd(estimate.estimateUsd)} (${parts.join('; ')}); shots already made cost nothing. `
        + `Budget left ${estimate.availableUsd === null ? 'uncapped' : usd(estimate.availableUsd)}` + (estimate.withinBudget ? '.' : ': not enough for all of it.');
      start.disabled = !estimate.withinBudget;
      confirm.hidden = false;
    } catch (problem) {
      showError(error, problem.message);
    }
  });
  document.getElementById('study-cancel').addEventListener('click', () => { confirm.hidden = true; });
  start.addEventListener('click', async () => {
    start.disabled = true;
    try {
      const job = await send('/studies', text.value);
      confirm.hidden = true;
      chosen = job.resultIds[0];
      await loadStudies();
      choose(chosen);
    } catch (problem) {
      showError(error, problem.message);
    } finally {
      start.disabled = false;
    }
  });
}

async function begin() {
  wireStop();
  const studies = await loadStudies();
  if (canSpend) {
    const [characters, providers] = await Promise.all([api(project('/characters')), api('/providers')]);
    wireStart(characters, providers);
  }
  if (chosen && studies.some(s => s.id === chosen)) {
    await showStudy(chosen);
  } else if (studies.length > 0) {
    choose(studies[0].id);
  }
}

begin();
