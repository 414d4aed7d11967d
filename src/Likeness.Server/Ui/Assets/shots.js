// A shot as a figure (image, provider, status, face distance), shared by the character page and the gallery.
import { el, page, statusBadge } from './ui.js';

/** Whether a provider (as /api/providers lists it) can generate shots of a character now. */
export const generates = p => p.available && (p.capabilities.includes('reference-generation') || p.capabilities.includes('trained-generation'));

/** The URL of a shot's first image; with `width`, its thumbnail of about that width (the server resizes and caches it). */
export function shotImage(characterId, shot, width) {
  return `/api/projects/${page.project}/characters/${characterId}/shots/${shot.id}/images/0` + (width ? `?w=${width}` : '');
}

/**
 * A shot no gate judged, read against the character's calibration in force (`GET …/calibration`'s `calibration`): its
 * mean face distance (what the calibration measures) passes at or below the threshold. Null when it cannot be read so:
 * a gate judged it, no usable face calibration, no face measured, or another face engine measured the shot.
 */
export function calibratedCheck(shot, calibration) {
  const mean = shot.scores?.faceDistanceMean;
  if (shot.verdict || !calibration || calibration.metric !== 'face' || calibration.threshold === null
    || mean === null || mean === undefined || shot.scores.faceAnalyzer !== calibration.model) { return null; }
  return { distance: mean, threshold: calibration.threshold, pass: mean <= calibration.threshold, version: calibration.version };
}

/**
 * The identity score a person reads, with a tone for its badge: the gate's face check against the character's
 * calibrated threshold when a gate judged the shot; else, given the character's `calibration`, the mean face distance
 * against its threshold (the gallery's badge names the calibration); otherwise the measured face distance alone (lower is closer to the
 * references; no pass or fail is made up without a threshold), or why there is none.
 */
export function identityScore(shot, calibration) {
  const check = shot.verdict;
  if (check && check.faceDistance !== null && check.faceThreshold !== null) {
    return { text: `face distance ${check.faceDistance.toFixed(3)} · threshold ${check.faceThreshold.toFixed(3)}`, tone: check.faceDistance <= check.faceThreshold ? 'ok' : 'bad' };
  }
  const calibrated = calibratedCheck(shot, calibration);
  if (calibrated) {
    return { text: `face distance ${calibrated.distance.toFixed(3)} · threshold ${calibrated.threshold.toFixed(3)}`, tone: calibrated.pass ? 'ok' : 'bad' };
  }
  const d = shot.scores?.faceDistanceMin;
  if (d === null || d === undefined) { return { text: shot.scores?.faceDetected === false ? 'no face found' : 'not measured', tone: 'warn' }; }
  return { text: `face distance ${Number(d).toFixed(3)}`, tone: '' };
}

/** The identity score's words alone. */
export const faceDistance = (shot, calibration) => identityScore(shot, calibration).text;

/** Which entry of the character's route made the shot, and what it skipped (null for a shot made without a route). */
function routeServed(shot) {
  const r = shot.route;
  if (!r) { return null; }
  const skipped = r.skipped || [];
  return el('div', { class: 'route-served muted', title: skipped.map(k => `entry ${k.entry} ${k.provider} skipped: ${k.reason}`).join('\n') || null },
    `${r.policy} route entry ${r.entry} (${r.provider})` + (skipped.length > 0 ? `, after ${skipped.length} skipped` : ''));
}

/**
 * A figure for one shot; `onOpen(shot, src)` opens the full-size view when given; `extra` is appended to its caption;
 * `first` marks a card of the first screen, whose thumbnail is asked for at once and before the others;
 * `calibration` is the character's calibration in force, for a shot no gate judged.
 */
export function shotFigure(characterId, shot, { characterName, onOpen, extra, first, calibration } = {}) {
  const src = shotImage(characterId, shot);
  // A list item may leave the count out (a summary shape): a succeeded shot has its image.
  const hasImage = shot.imageCount === undefined ? shot.status === 'succeeded' : shot.imageCount > 0;
  const image = hasImage ? el('img', { src: shotImage(characterId, shot, 384), alt: shot.request?.prompt || 'shot', loading: first ? 'eager' : 'lazy', fetchpriority: first ? 'high' : null }) : el('span', { class: 'muted' }, 'no image');
  return el('figure', { class: 'shot', 'data-shot': shot.id, 'data-status': shot.status },
    onOpen && hasImage ? el('button', { class: 'open', type: 'button', title: 'Full size', onclick: () => onOpen(shot, src) }, image) : el('div', { class: 'open' }, image),
    el('figcaption', {},
      el('div', { class: 'row' }, el('strong', {}, characterName || shot.provider), statusBadge(shot.status)),
      el('div', { class: 'row muted' }, el('span', {}, characterName ? shot.provider : `seed ${shot.request?.seed ?? '—'}`), el('span', { class: 'distance' }, faceDistance(shot, calibration))),
      el('div', { class: 'prompt', title: shot.request?.prompt || '' }, shot.request?.prompt || shot.request?.scenario || ''),
      routeServed(shot),
      extra));
}
