// A reference photo as a thumbnail: the face detector's box drawn over it, its role tag on it, and for artists a
// choice of role (saved at once through …/references/{id}/role). Used by the character page's references.
import { api, el, roleName } from './ui.js';

/** The roles a reference can be tagged with, as the API takes them. */
export const roles = ['frontal', 'three-quarter', 'profile', 'full-body', 'close-up', 'other'];

/**
 * The square a thumbnail shows of the photo (object-fit: cover in a square frame): of side min(width, height), centred
 * on the detected face where there is one (so a full-body photo does not lose the head), else on the middle. Answers
 * its offset in the upright image's pixels and the CSS object-position that shows it.
 */
function square(r) {
  const side = Math.min(r.width, r.height);
  const f = r.face;
  const clamp = (v, max) => Math.max(0, Math.min(max, v));
  const ox = clamp((f ? f.x + f.width / 2 : r.width / 2) - side / 2, r.width - side);
  const oy = clamp((f ? f.y + f.height / 2 : r.height / 2) - side / 2, r.height - side);
  const at = (offset, length) => (length > side ? `${100 * offset / (length - side)}%` : '50%');
  return { side, ox, oy, position: `${at(ox, r.width)} ${at(oy, r.height)}` };
}

/** The face detector's box over the thumbnail showing `shown` (square()); null without a face. */
function faceBox(r, shown) {
  const f = r.face;
  if (!f) { return null; }
  const box = el('div', { class: 'face-box', title: `face found, score ${f.score.toFixed(2)}` + (f.facesFound > 1 ? `; ${f.facesFound} faces in the photo` : '') });
  const pct = v => `${100 * v / shown.side}%`;
  // Through the style object (not a style attribute), so a strict style-src never refuses it.
  Object.assign(box.style, { left: pct(f.x - shown.ox), top: pct(f.y - shown.oy), width: pct(f.width), height: pct(f.height) });
  return box;
}

/** A figure for one reference of the character at `base` (the API path); `editable` adds the role choice. */
export function referenceFigure(base, r, editable) {
  const tag = el('span', { class: 'badge role-tag' }, roleName(r.role));
  const caption = el('figcaption', {}, el('span', { title: r.fileName }, r.fileName));
  if (editable) {
    const select = el('select', { class: 'role-select', 'aria-label': `What ${r.fileName} shows` }, roles.map(x => el('option', { value: x }, x)));
    select.value = roleName(r.role);
    select.addEventListener('change', async () => {
      select.disabled = true;
      try {
        const saved = await api(`${base}/references/${r.id}/role`, { method: 'PUT', json: { role: select.value } });
        r.role = saved.role;
        tag.textContent = roleName(saved.role);
        select.removeAttribute('title');
      } catch (problem) {
        select.value = roleName(r.role);
        select.title = problem.message;
      } finally {
        select.disabled = false;
      }
    });
    caption.append(select);
  }
  const shown = square(r);
  const image = el('img', { src: `/api${base}/references/${r.id}/image?w=256`, alt: r.fileName, loading: 'lazy' });
  image.style.objectPosition = shown.position;
  return el('figure', { class: 'thumb', 'data-reference': r.id },
    el('div', { class: 'frame' }, image, faceBox(r, shown), tag),
    caption);
}
