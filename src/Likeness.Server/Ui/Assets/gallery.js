// The gallery: every shot of every character in the order they were made, read page by page (the first screen comes
// with the first page; more as the reader scrolls, or with "Show more"), filtered by character, provider, status and
// review, with a full-size view. Artists accept or reject a shot by hand (kept beside the gate's automatic verdict,
// with who and when) and add it to the character's references (the server takes the image from the store and keeps
// its provenance). A shot no gate judged is read against its character's calibration in force (pass or fail, named
// by version); "Compare" shows a shot beside its closest reference (compare.js).
import { api, canSpend, el, project, showError, statusBadge, when } from './ui.js';
import { calibratedCheck, faceDistance, shotFigure } from './shots.js';
import { compare } from './compare.js';
import { shotPages } from './shotpages.js';

// The first page fills a 1920 px screen twice over; each later one is as big again.
const PageSize = 60;
// Cards whose thumbnails are asked for at once, ahead of the rest: about a 1920 px screen's worth.
const FirstScreen = 24;

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
  const pages = shotPages(characters, PageSize);
  const [first, references, states] = await Promise.all([
    pages.next(PageSize),
    Promise.all(characters.map(c => api(project(`/characters/${c.id}/references`)))),
    Promise.all(characters.map(c => api(project(`/characters/${c.id}/calibration`)))),
  ]);
  // Each character's calibration in force (null when no engine can measure its shots).
  const calibrations = new Map(characters.map((c, i) => [c.id, states[i].calibration]));
  const shots = [];
  // Shots already taken as references (their provenance names them).
  const inReferences = new Set(references.flat().filter(r => r.provenance).map(r => r.provenance.shotId));
  options(filters.elements.character, characters.map(c => c.name));
  const providers = new Set();
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

  function figureOf(entry, index) {
    const { shot, character } = entry;
    const controls = canSpend && shot.status !== 'pending' && shot.status !== 'failed' ? actions(entry) : null;
    const calibration = calibrations.get(character.id);
    const comparing = shot.imageCount > 0
      ? el('button', { type: 'button', class: 'button small ghost compare', onclick: () => compare(character, shot, calibration) }, 'Compare')
      : null;
    const node = shotFigure(character.id, shot, {
      characterName: character.name,
      first: index < FirstScreen,
      calibration,
      onOpen: (s, src) => open(s, src, character.name, calibration),
      extra: [verdicts(shot, calibration), comparing, ...(controls ? controls.nodes : [])],
    });
    node.dataset.review = reviewOf(shot);
    controls?.attach(node);
    return node;
  }

  const shows = entry => {
    const f = Object.fromEntries(new FormData(filters));
    const { shot, character } = entry;
    return (!f.character || character.name === f.character) && (!f.provider || shot.provider === f.provider) && (!f.status || shot.status === f.status)
      && (!f.review || (f.review === 'unreviewed' ? !shot.review : reviewOf(shot) === f.review));
  };

  const more = el('button', { type: 'button', class: 'button ghost wide', id: 'gallery-more', hidden: true }, 'Show more');
  gallery.after(more);

  function count() {
    const shown = gallery.querySelectorAll('.shot').length;
    document.getElementById('shot-count').textContent = `${shown} of ${shots.length} shots` + (pages.done ? '' : ' so far');
    more.hidden = pages.done;
    if (shown === 0) {
      gallery.replaceChildren(el('p', { class: 'muted' }, shots.length === 0 && pages.done ? 'No shot yet: generate one from a character’s page.'
        : pages.done ? 'No shot matches these filters.' : 'No shot matches these filters so far.'));
    }
  }

  // New entries go at the end (the list's order); a filter change redraws what is loaded.
  function append(entries) {
    shots.push(...entries);
    const fresh = entries.map(e => e.shot.provider).filter(p => !providers.has(p));
    for (const p of new Set(fresh)) { providers.add(p); }
    if (fresh.length > 0) {
      const chosen = filters.elements.provider.value;
      filters.elements.provider.replaceChildren(el('option', { value: '' }, 'All'));
      options(filters.elements.provider, [...providers].sort());
      filters.elements.provider.value = chosen;
    }
    gallery.querySelector(':scope > p.muted')?.remove();
    const before = gallery.querySelectorAll('.shot').length;
    gallery.append(...entries.filter(shows).map((entry, i) => figureOf(entry, before + i)));
    count();
  }

  function render() {
    gallery.replaceChildren(...shots.filter(shows).map((entry, i) => figureOf(entry, i)));
    count();
  }

  // Another page while the button is still near the screen (a filter may hide a whole page).
  const near = () => !more.hidden && more.getBoundingClientRect().top < innerHeight + 800;
  let loading = null;
  function loadMore() {
    if (loading || pages.done) { return loading; }
    more.disabled = true;
    loading = pages.next(PageSize).then(entries => { more.textContent = 'Show more'; append(entries); })
      .catch(problem => { more.textContent = `Show more (the last try failed: ${problem.message})`; })
      .finally(() => {
        loading = null;
        more.disabled = false;
        // After the new cards are laid out: the button may still be near (an observer reports only changes).
        requestAnimationFrame(() => { if (near()) { loadMore(); } });
      });
    return loading;
  }

  more.addEventListener('click', loadMore);
  // The next page is read as the "Show more" button nears the screen.
  new IntersectionObserver(seen => { if (seen.some(e => e.isIntersecting)) { loadMore(); } }, { rootMargin: '800px 0px' }).observe(more);
  // Scrolling is checked too: cards sized on first paint (content-visibility) can move the button without a crossing.
  addEventListener('scroll', () => { if (near()) { loadMore(); } }, { passive: true });
  filters.addEventListener('change', render);
  gallery.replaceChildren();
  append(first);
}

load();
