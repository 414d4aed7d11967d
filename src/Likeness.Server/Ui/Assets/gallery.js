// The gallery: every shot of every character, filtered by character, provider and status, with a full-size view.
import { api, el, project } from './ui.js';
import { faceDistance, shotFigure } from './shots.js';

const gallery = document.getElementById('gallery');
const filters = document.getElementById('filters');
const viewer = document.getElementById('viewer');

function open(shot, src, characterName) {
  document.getElementById('viewer-image').src = src;
  document.getElementById('viewer-caption').textContent = `${characterName} · ${shot.provider} · ${faceDistance(shot)} · ${shot.request?.prompt || ''}`;
  viewer.showModal();
}

function options(select, values) {
  select.append(...values.map(v => el('option', { value: v }, v)));
}

async function load() {
  const characters = await api(project('/characters'));
  const all = (await Promise.all(characters.map(async c => (await api(project(`/characters/${c.id}/shots`))).map(shot => ({ shot, character: c })))))
    .flat()
    .sort((a, b) => new Date(b.shot.createdAt) - new Date(a.shot.createdAt));
  options(filters.elements.character, characters.map(c => c.name));
  options(filters.elements.provider, [...new Set(all.map(s => s.shot.provider))].sort());
  const wanted = new URLSearchParams(location.search).get('character');
  if (wanted) { filters.elements.character.value = wanted; }

  function render() {
    const f = Object.fromEntries(new FormData(filters));
    const shown = all.filter(({ shot, character }) =>
      (!f.character || character.name === f.character) && (!f.provider || shot.provider === f.provider) && (!f.status || shot.status === f.status));
    document.getElementById('shot-count').textContent = `${shown.length} of ${all.length} shots`;
    gallery.replaceChildren(...(shown.length === 0 ? [el('p', { class: 'muted' }, all.length === 0 ? 'No shot yet: generate one from a character’s page.' : 'No shot matches these filters.')]
      : shown.map(({ shot, character }) => shotFigure(character.id, shot, { characterName: character.name, onOpen: (s, src) => open(s, src, character.name) }))));
  }

  filters.addEventListener('change', render);
  render();
}

load();
