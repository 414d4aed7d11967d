// The cast: a card per character (frontal thumbnail, trigger token, identity status per provider), and the
// new-character form for artists.
import { api, el, project, page, showError, statusBadge } from './ui.js';

const cast = document.getElementById('cast');

/** The newest identity per provider (the one a person cares about). */
function latestPerProvider(identities) {
  const latest = new Map();
  for (const i of identities) {
    const seen = latest.get(i.provider);
    if (!seen || i.version > seen.version) { latest.set(i.provider, i); }
  }
  return [...latest.values()].sort((a, b) => a.provider.localeCompare(b.provider));
}

async function card(character) {
  const base = project(`/characters/${character.id}`);
  const [references, identities] = await Promise.all([api(base + '/references'), api(base + '/identities')]);
  const frontal = references.find(r => r.role.toLowerCase() === 'frontal') || references[0];
  const portrait = frontal
    ? el('img', { src: `/api${base}/references/${frontal.id}/image?w=512`, alt: `${character.name}, ${frontal.fileName}`, loading: 'lazy' })
    : el('span', { class: 'initial', 'aria-hidden': 'true' }, character.name.slice(0, 1).toUpperCase());
  const statuses = latestPerProvider(identities);
  return el('a', { class: 'card character-card', href: `/ui/projects/${page.project}/characters/${encodeURIComponent(character.name)}`, 'data-character': character.name },
    el('div', { class: 'portrait' }, portrait),
    el('div', { class: 'body' },
      el('h3', {}, character.name),
      el('div', {}, el('span', { class: 'badge mono', title: 'Trigger token' }, character.triggerToken), ' ',
        el('span', { class: 'muted' }, `${references.length} reference${references.length === 1 ? '' : 's'}`)),
      el('div', { class: 'identities' },
        statuses.length === 0 ? el('span', { class: 'muted' }, 'No identity yet')
          : statuses.map(i => el('span', { class: 'identity', title: `${i.provider} v${i.version}` }, el('span', { class: 'muted' }, i.provider + ' '), statusBadge(i.status)))),
      character.profile?.coreIdentity ? el('p', { class: 'muted', style: 'margin:0' }, character.profile.coreIdentity) : null));
}

async function load() {
  const characters = await api(project('/characters'));
  if (characters.length === 0) {
    cast.replaceChildren(el('div', { class: 'card empty' }, el('h2', {}, 'No character yet'), el('p', { class: 'muted' }, 'Create the first one to upload its references.')));
    return;
  }
  cast.replaceChildren(...await Promise.all(characters.map(card)));
}

const form = document.getElementById('character-form');
if (form) {
  const error = document.getElementById('character-error');
  const list = value => String(value || '').split(',').map(s => s.trim()).filter(Boolean);
  document.getElementById('new-character').addEventListener('click', () => { form.hidden = false; form.elements.name.focus(); });
  document.getElementById('cancel-character').addEventListener('click', () => { form.hidden = true; });
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const data = new FormData(form);
    try {
      const created = await api(project('/characters'), {
        method: 'POST',
        json: {
          name: data.get('name'),
          triggerToken: data.get('triggerToken') || null,
          profile: { coreIdentity: data.get('coreIdentity') || '', physicalTraits: list(data.get('physicalTraits')), style: data.get('style') || '', negative: list(data.get('negative')) },
        },
      });
      location.assign(`/ui/projects/${page.project}/characters/${encodeURIComponent(created.name)}`);
    } catch (problem) {
      showError(error, problem.message);
    }
  });
}

load();
