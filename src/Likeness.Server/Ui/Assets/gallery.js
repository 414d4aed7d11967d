// The gallery: every shot of every character, filtered by character, provider, status and review, with a full-size
// view. Artists accept or reject a shot by hand (kept beside the gate's automatic verdict, with who and when) and add
// it to the character's references (the server takes the image from the store and keeps its provenance). A shot no
// gate judged is read against its character's calibration in force (pass or fail, named by version); "Compare" shows a
// shot beside its closest reference (compare.js).
import { api, canSpend, el, project, showError, statusBadge, when } from './ui.js';
import { calibratedCheck, faceDistance, shotFigure } from './shots.js';
import { compare } from './compare.js';

const gallery = document.getElementById('gallery');
const filters = document.getElementById('filters');
const viewer = document.getElementById('viewer');

function open(shot, src, characterName, calibration) {
  document.getElementById('viewer-image').src = src;
  document.getElementById('viewer-caption').textContent = `${characterName} · ${shot.provider} · ${faceDistance(shot, calibration)} · ${shot.request?.prompt || ''}`;
  viewer.showModal();
}

function options(select, values) {
  select.append(...values.map(v => el('option', { value: v }, v)));
}

const reviewOf = shot => (shot.review ? (shot.review.accepted ? 'accepted' : 'rejected') : '');

// The calibration a shot no gate judged is read against: pass or fail, named by version, with its target FAR.
function calibratedBadge(shot, calibration) {
  const check = calibratedCheck(shot, calibration);
  if (!check) { return null; }
  const title = `Not gated: its mean face distance ${check.distance.toFixed(3)} read against the character's calibration v${check.version} `
    + `(threshold ${check.threshold.toFixed(3)} at a ${(calibration.targetFalseAcceptRate * 100).toFixed(1)} % target false-accept rate)`
    + (calibration.warnings.length > 0 ? `. ${calibration.warnings.join(' ')}` : '');
  return el('span', { class: 'gate calibrated', title }, `calibration v${check.version} `, statusBadge(check.pass ? 'pass' : 'fail'));
}

// The gate's verdict (when a gate judged it, else the calibration's reading) and the person's, side by side.
function verdicts(shot, calibration) {
  const gate = shot.verdict ? el('span', { class: 'gate', title: 'The identity gate’s automatic verdict' }, 'gate ', statusBadge(shot.verdict.kept ? 'kept' : 'rejected'),
    shot.verdict.kept ? null : el('span', { class: 'muted' }, ` ${shot.verdict.reason}`)) : calibratedBadge(shot, calibration);
  const person = shot.review
    ? el('span', { class: 'review-state' }, statusBadge(reviewOf(shot)), el('span', { class: 'muted' }, ` by ${shot.review.reviewerName}, ${when(shot.review.at)}`))
    : el('span', { class: 'review-state muted' }, 'not reviewed');
  return el('div', { class: 'verdicts' }, gate, person);
}

async function load() {
  const characters = await api(project('/characters'));
  const [all, references, states] = await Promise.all([
    Promise.all(characters.map(async c => (await api(project(`/characters/${c.id}/shots`))).map(shot => ({ shot, character: c })))),
    Promise.all(characters.map(c => api(project(`/characters/${c.id}/references`)))),
    Promise.all(characters.map(c => api(project(`/characters/${c.id}/calibration`)))),
  ]);
  // Each character's calibration in force (null when no engine can measure its shots).
  const calibrations = new Map(characters.map((c, i) => [c.id, states[i].calibration]));
  const shots = all.flat().sort((a, b) => new Date(b.shot.createdAt) - new Date(a.shot.createdAt));
  // Shots already taken as references (their provenance names them).
  const inReferences = new Set(references.flat().filter(r => r.provenance).map(r => r.provenance.shotId));
  options(filters.elements.character, characters.map(c => c.name));
  options(filters.elements.provider, [...new Set(shots.map(s => s.shot.provider))].sort());
  const wanted = new URLSearchParams(location.search).get('character');
  if (wanted) { filters.elements.character.value = wanted; }

  function actions(entry) {
    const { shot, character } = entry;
    const base = project(`/characters/${character.id}/shots/${shot.id}`);
    const error = el('p', { class: 'error', role: 'alert', hidden: true });
    const review = async accepted => {
      try {
        entry.shot = await api(base + '/review', { method: 'PUT', json: { accepted } });
        figure.replaceWith(figureOf(entry));
      } catch (problem) {
        showError(error, problem.message);
      }
    };
    const taken = inReferences.has(shot.id);
    const add = el('button', { type: 'button', class: 'button small ghost add-reference', disabled: taken || shot.status !== 'succeeded' }, taken ? 'In references' : 'Add to references');
    add.addEventListener('click', async () => {
      add.disabled = true;
      try {
        await api(project(`/characters/${character.id}/references/from-shots`), { method: 'POST', json: { shots: [{ shot: shot.id }] } });
        inReferences.add(shot.id);
        add.textContent = 'In references';
      } catch (problem) {
        const findings = problem.problem?.findings?.filter(f => f.severity === 'error').map(f => f.message) || [];
        showError(error, findings.length > 0 ? findings.join(' ') : problem.message);
        add.disabled = false;
      }
    });
    let figure = null;
    const bar = el('div', { class: 'review' },
      el('button', { type: 'button', class: 'button small accept', 'aria-pressed': String(shot.review?.accepted === true), onclick: () => review(true) }, 'Accept'),
      el('button', { type: 'button', class: 'button small reject', 'aria-pressed': String(shot.review?.accepted === false), onclick: () => review(false) }, 'Reject'),
      add);
    return { nodes: [bar, error], attach: node => { figure = node; } };
  }

  function figureOf(entry) {
    const { shot, character } = entry;
    const controls = canSpend && shot.status !== 'pending' && shot.status !== 'failed' ? actions(entry) : null;
    const calibration = calibrations.get(character.id);
    const comparing = shot.imageCount > 0
      ? el('button', { type: 'button', class: 'button small ghost compare', onclick: () => compare(character, shot, calibration) }, 'Compare')
      : null;
    const node = shotFigure(character.id, shot, {
      characterName: character.name,
      calibration,
      onOpen: (s, src) => open(s, src, character.name, calibration),
      extra: [verdicts(shot, calibration), comparing, ...(controls ? controls.nodes : [])],
    });
    node.dataset.review = reviewOf(shot);
    controls?.attach(node);
    return node;
  }

  function render() {
    const f = Object.fromEntries(new FormData(filters));
    const shown = shots.filter(({ shot, character }) =>
      (!f.character || character.name === f.character) && (!f.provider || shot.provider === f.provider) && (!f.status || shot.status === f.status)
      && (!f.review || (f.review === 'unreviewed' ? !shot.review : reviewOf(shot) === f.review)));
    document.getElementById('shot-count').textContent = `${shown.length} of ${shots.length} shots`;
    gallery.replaceChildren(...(shown.length === 0 ? [el('p', { class: 'muted' }, shots.length === 0 ? 'No shot yet: generate one from a character’s page.' : 'No shot matches these filters.')]
      : shown.map(figureOf)));
  }

  filters.addEventListener('change', render);
  render();
}

load();
