// The compare view: a shot beside its closest reference (the reference whose face is nearest the shot's, from
// GET …/shots/{id}/compare), with that face distance, the threshold the shot is judged by (the gate's when a gate judged
// it, else the character's calibration in force), CLIP-T and CLIP-I ("not measured" without a CLIP model, CLIP-I with
// the hint that it is not identity) and DINO-I where scored.
import { api, el, project, showError, statusBadge } from './ui.js';
import { calibratedCheck, shotImage } from './shots.js';

const dialog = document.getElementById('compare');

/** A score for people, or "not measured". */
const score = value => (value === null || value === undefined ? 'not measured' : Number(value).toFixed(3));

function fact(label, ...value) {
  return el('div', { class: 'fact' }, el('dt', {}, label), el('dd', {}, ...value));
}

// The threshold and the verdict: the gate's own, else the calibration's reading of the mean face distance.
function judgement(shot, calibration) {
  const gate = shot.verdict;
  if (gate && gate.faceThreshold !== null && gate.faceDistance !== null) {
    return [fact('Threshold', `${gate.faceThreshold.toFixed(3)} `, el('span', { class: 'muted' }, 'the gate’s calibrated threshold')),
      fact('Identity', statusBadge(gate.faceDistance <= gate.faceThreshold ? 'pass' : 'fail'), ` mean face distance ${gate.faceDistance.toFixed(3)}`)];
  }
  const check = calibratedCheck(shot, calibration);
  if (check) {
    return [fact('Threshold', `${check.threshold.toFixed(3)} `, el('span', { class: 'muted' },
      `calibration v${check.version}, at a ${(calibration.targetFalseAcceptRate * 100).toFixed(1)} % target false-accept rate`)),
    fact('Identity', statusBadge(check.pass ? 'pass' : 'fail'), ` mean face distance ${check.distance.toFixed(3)}`)];
  }
  const why = !calibration ? 'no calibration for this character'
    : calibration.metric !== 'face' ? `the character is judged by ${calibration.metric}, not by faces`
    : calibration.threshold === null ? `not calibrated: ${calibration.warnings[0] || 'no threshold'}`
    : 'no face measured in the shot by the calibration’s engine';
  return [fact('Threshold', el('span', { class: 'muted' }, why))];
}

// CLIP-I from the compare answer: the mean over the references (a study's CLIP-I) and the cosine to the one shown.
function clipImage(found) {
  const c = found.clipI;
  if (!c) { return fact('CLIP-I', el('span', { class: 'muted' }, 'not measured'), el('div', { class: 'muted' }, found.clipIUnmeasured)); }
  const shown = c.toReference === null ? '' : ` · ${c.toReference.toFixed(3)} to this reference`;
  return fact('CLIP-I', `${c.mean.toFixed(3)} mean of ${c.references} references${shown}`, el('span', { class: 'muted' }, ` ${c.model}`),
    el('div', { class: 'muted', id: 'compare-clip-i-hint', title: 'Background, pose, colour and layout count as much as the face; the face distance measures identity.' },
      'CLIP-I measures overall image likeness, not identity.'));
}

/** Opens the compare view of `shot` (of `character`), read against the character's `calibration` (or null). */
export async function compare(character, shot, calibration) {
  const facts = document.getElementById('compare-facts');
  const reference = document.getElementById('compare-reference');
  const error = document.getElementById('compare-error');
  showError(error, null);
  document.getElementById('compare-title').textContent = `${character.name} · ${shot.provider}`;
  document.getElementById('compare-shot').src = shotImage(character.id, shot, 768);
  reference.replaceChildren(el('p', { class: 'muted' }, 'Finding the closest reference…'));
  facts.replaceChildren();
  dialog.showModal();
  let found, scores;
  try {
    // The gallery's cards are summaries: CLIP-T and DINO-I come with the full shot.
    const path = project(`/characters/${character.id}/shots/${shot.id}`);
    let full;
    [found, full] = await Promise.all([api(`${path}/compare`), api(path)]);
    scores = full.scores || {};
  } catch (problem) {
    showError(error, problem.message);
    return;
  }

  reference.replaceChildren(found.reference
    ? el('img', { id: 'compare-reference-image', src: `/api${project(`/characters/${character.id}/references/${found.reference.id}/image?w=768`)}`, alt: `${character.name}, ${found.reference.fileName}` })
    : el('p', { class: 'muted' }, found.unmeasured));
  const dino = scores.dino;
  // Only what was scored: DINO-I appears where a DINOv2 model measured the shot.
  facts.replaceChildren(...[
    fact('Closest reference', found.reference ? `${found.reference.fileName} (${found.reference.role})` : el('span', { class: 'muted' }, 'none')),
    fact('Face distance to it', found.faceDistance === null ? el('span', { class: 'muted' }, 'not measured') : found.faceDistance.toFixed(3)),
    ...judgement(shot, calibration),
    fact('CLIP-T', score(scores.clipT), scores.clipModel ? el('span', { class: 'muted' }, ` ${scores.clipModel}, against the prompt`) : null),
    clipImage(found),
    dino ? fact('DINO-I', `whole ${dino.wholeMean.toFixed(3)} · crop ${dino.cropMean.toFixed(3)}`, el('span', { class: 'muted' }, ` ${dino.model}`)) : null,
  ].filter(Boolean));
}
