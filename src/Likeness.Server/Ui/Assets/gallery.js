// The gallery: every shot of every character in the order they were made, read page by page (the first screen comes
// with the first page; more as the reader scrolls, or with "Show more"), filtered by character, provider, status and
// review on the server (a change reads the gallery again from the start), with a full-size view. Artists accept or
// reject a shot by hand (kept beside the gate's automatic verdict, with who and when) and add it to the character's
// references (the server takes the image from the store and keeps its provenance). A shot no gate judged is read
// against its character's calibration in force (pass or fail, named by version); "Compare" shows a shot beside its
// closest reference (compare.js).
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
  options(filters.elements.character, characters.map(c => c.name));
  const wanted = new URLSearchParams(location.search).get('character');
  if (wanted) { filters.elements.character.value = wanted; }
  // What the cards need besides the shots, read while the first page is: each character's calibration in force (null
  // when no engine can measure its shots) and the shots already taken as references (their provenance names them).
  let calibrations = new Map();
  let inReferences = new Set();
  const ready = Promise.all([
    Promise.all(characters.map(c => api(project(`/characters/${c.id}/references`)))),
    Promise.all(characters.map(c => api(project(`/characters/${c.id}/calibration`)))),
    Promise.all(characters.map(c => api(project(`/characters/${c.id}/identities`)))),
  ]).then(([references, states, identities]) => {
    calibrations = new Map(characters.map((c, i) => [c.id, states[i].calibration]));
    inReferences = new Set(references.flat().filter(r => r.provenance).map(r => r.provenance.shotId));
    // A shot is made at its identity's provider, so the characters' identities name every provider a shot can have.
    options(filters.elements.provider, [...new Set(identities.flat().map(i => i.provider))].sort());
  });
  // A failure is shown by the reading that waits for it (on the "Show more" button).
  ready.catch(() => {});

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

  // The filters are the server's (…/shots?provider=&status=&review=, applied before it pages): the gallery holds only
  // matching shots, so a match far down the list shows without reading every shot before it.
  function chosen() {
    const f = Object.fromEntries(new FormData(filters));
    const query = new URLSearchParams(['provider', 'status', 'review'].filter(k => f[k]).map(k => [k, f[k]]));
    return { characters: f.character ? characters.filter(c => c.name === f.character) : characters, query: query.toString(), any: Object.values(f).some(Boolean) };
  }

  const more = el('button', { type: 'button', class: 'button ghost wide', id: 'gallery-more', hidden: true }, 'Show more');
  gallery.after(more);

  // One reading of the gallery per choice of filters; a change starts another, and what the last one still brings is dropped.
  let reading = null;

  function count() {
    const shown = gallery.querySelectorAll('.shot').length;
    document.getElementById('shot-count').textContent = `${shown} shot${shown === 1 ? '' : 's'}` + (reading.pages.done ? '' : ' so far');
    more.hidden = reading.pages.done;
    if (shown === 0 && reading.pages.done) {
      gallery.replaceChildren(el('p', { class: 'muted' }, reading.filtered ? 'No shot matches these filters.' : 'No shot yet: generate one from a character’s page.'));
    }
  }

  // New entries go at the end (the list's order).
  function append(entries) {
    gallery.querySelector(':scope > p.muted')?.remove();
    const before = gallery.querySelectorAll('.shot').length;
    gallery.append(...entries.map((entry, i) => figureOf(entry, before + i)));
    count();
  }

  // Another page while the button is still near the screen.
  const near = () => !more.hidden && more.getBoundingClientRect().top < innerHeight + 800;
  function loadMore() {
    const current = reading;
    if (current.loading || current.pages.done) { return current.loading; }
    more.disabled = true;
    current.loading = current.pages.next(PageSize)
      .then(entries => ready.then(() => { if (current === reading) { more.textContent = 'Show more'; append(entries); } }))
      .catch(problem => { if (current === reading) { more.hidden = false; more.textContent = `Show more (the last try failed: ${problem.message})`; } })
      .finally(() => {
        current.loading = null;
        if (current !== reading) { return; }
        more.disabled = false;
        // After the new cards are laid out: the button may still be near (an observer reports only changes).
        requestAnimationFrame(() => { if (near()) { loadMore(); } });
      });
    return current.loading;
  }

  // From the first page of what the filters keep.
  function restart() {
    const choice = chosen();
    reading = { pages: shotPages(choice.characters, PageSize, choice.query), filtered: choice.any, loading: null };
    more.hidden = true;
    more.disabled = false;
    more.textContent = 'Show more';
    gallery.replaceChildren(el('p', { class: 'muted' }, 'Loading the shots…'));
    document.getElementById('shot-count').textContent = '';
    return loadMore();
  }

  more.addEventListener('click', loadMore);
  // The next page is read as the "Show more" button nears the screen.
  new IntersectionObserver(seen => { if (seen.some(e => e.isIntersecting)) { loadMore(); } }, { rootMargin: '800px 0px' }).observe(more);
  // Scrolling is checked too: cards sized on first paint (content-visibility) can move the button without a crossing.
  addEventListener('scroll', () => { if (near()) { loadMore(); } }, { passive: true });
  filters.addEventListener('change', restart);
  restart();
}

load();
