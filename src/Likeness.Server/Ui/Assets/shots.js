// A shot as a figure (image, provider, status, face distance), shared by the character page and the gallery.
import { el, page, statusBadge } from './ui.js';

/** The URL of a shot's first image. */
export function shotImage(characterId, shot) {
  return `/api/projects/${page.project}/characters/${characterId}/shots/${shot.id}/images/0`;
}

/** The face distance of a shot for people (lower is closer to the references), or why there is none. */
export function faceDistance(shot) {
  const d = shot.scores?.faceDistanceMin;
  if (d === null || d === undefined) { return shot.scores?.faceDetected === false ? 'no face found' : 'not measured'; }
  return `face distance ${Number(d).toFixed(3)}`;
}

/** A figure for one shot; `onOpen(shot, src)` opens the full-size view when given. */
export function shotFigure(characterId, shot, { characterName, onOpen } = {}) {
  const src = shotImage(characterId, shot);
  const image = shot.imageCount > 0 ? el('img', { src, alt: shot.request?.prompt || 'shot', loading: 'lazy' }) : el('span', { class: 'muted' }, 'no image');
  return el('figure', { class: 'shot', 'data-shot': shot.id, 'data-status': shot.status },
    onOpen && shot.imageCount > 0 ? el('button', { class: 'open', type: 'button', title: 'Full size', onclick: () => onOpen(shot, src) }, image) : el('div', { class: 'open' }, image),
    el('figcaption', {},
      el('div', { class: 'row' }, el('strong', {}, characterName || shot.provider), statusBadge(shot.status)),
      el('div', { class: 'row muted' }, el('span', {}, characterName ? shot.provider : `seed ${shot.request?.seed ?? '—'}`), el('span', { class: 'distance' }, faceDistance(shot))),
      el('div', { class: 'prompt', title: shot.request?.prompt || '' }, shot.request?.prompt || shot.request?.scenario || '')));
}
