// The reference set (seed 003's "generate-refs"): one button makes the five standard views from the newest ready
// identity at a provider (its estimate first, then the job's progress), the views are shown beside the training
// references with each one's measured face distance, and "Pin as character" takes the chosen frontal plus up to three
// more as references (with their provenance, on the server) and pins them for video.
import { api, el, page, project, refreshBudget, roleName, showError, usd } from './ui.js';
import { followJob, resumeJob } from './jobs.js';
import { generates, identityScore, shotImage } from './shots.js';

const MaxExtras = 3;

export function referenceSet({ character, base, providers, onMade, onPinned }) {
  const section = document.getElementById('reference-set');
  const slots = [...section.querySelectorAll('.view')];
  const jobBox = document.getElementById('refset-progress');
  const error = document.getElementById('refset-error');
  const key = `likeness.refset.${page.project}.${character.id}`;
  let references = [];
  const chosen = new Map();

  // The newest succeeded shot of each view: what the latest set made (or an earlier one, where a view failed).
  async function load() {
    const [shots, refs] = await Promise.all([api(base + '/shots'), api(base + '/references')]);
    references = refs;
    document.getElementById('refset-references').replaceChildren(...(refs.length === 0 ? [el('p', { class: 'muted' }, 'No reference yet.')] : refs.map(r =>
      el('figure', { class: 'thumb' }, el('div', { class: 'frame' }, el('img', { src: `/api${base}/references/${r.id}/image?w=256`, alt: r.fileName, loading: 'lazy' })),
        el('figcaption', {}, el('span', { title: r.fileName }, r.fileName), el('span', { class: 'badge' }, r.provenance ? 'generated' : roleName(r.role)))))));
    const newest = new Map();
    for (const s of shots.filter(s => s.status === 'succeeded' && s.imageCount > 0)) {
      const seen = newest.get(s.request?.scenario);
      if (!seen || new Date(s.createdAt) > new Date(seen.createdAt)) { newest.set(s.request?.scenario, s); }
    }
    for (const slot of slots) { show(slot, newest.get(slot.dataset.view)); }
    choose();
  }

  function show(slot, shot) {
    const frame = slot.querySelector('.frame');
    const distance = slot.querySelector('.distance');
    slot.dataset.shot = shot?.id || '';
    if (!shot) { return; }
    const score = identityScore(shot);
    frame.replaceChildren(el('img', { src: shotImage(character.id, shot, 384), alt: `${slot.dataset.title} view`, loading: 'lazy' }));
    distance.className = `distance badge ${score.tone}`;
    distance.textContent = score.text;
    const pick = slot.querySelector('.pick');
    if (pick) { pick.remove(); }
    if (document.getElementById('pin-bar')) {
      const frontal = el('input', { type: 'radio', name: 'pin-frontal', value: shot.id, 'aria-label': `${slot.dataset.title} as the frontal`, onchange: choose });
      const extra = el('input', { type: 'checkbox', name: 'pin-extra', value: shot.id, 'aria-label': `${slot.dataset.title} as one of the three more`, onchange: choose });
      frontal.checked = slot.dataset.view === 'frontal';
      extra.checked = ['three-quarter', 'profile', 'close-up'].includes(slot.dataset.view);
      slot.append(el('div', { class: 'pick' }, el('label', {}, frontal, ' frontal'), el('label', {}, extra, ' also')));
    }
  }

  // The pin's choice: one frontal and up to three more (a view is not both).
  function choose() {
    const bar = document.getElementById('pin-bar');
    if (!bar) { return; }
    const frontal = section.querySelector('input[name=pin-frontal]:checked')?.value;
    const extras = [...section.querySelectorAll('input[name=pin-extra]:checked')].map(i => i.value).filter(v => v !== frontal);
    chosen.clear();
    if (frontal) { chosen.set('frontal', frontal); }
    chosen.set('extras', extras);
    bar.hidden = slots.every(s => !s.dataset.shot);
    const tooMany = extras.length > MaxExtras;
    document.getElementById('pin-summary').textContent = !frontal ? 'Choose the frontal view.'
      : tooMany ? `A pin takes the frontal and up to ${MaxExtras} more (${extras.length} chosen).`
        : `Pin the frontal and ${extras.length} more as ${character.name}'s references for video.`;
    document.getElementById('pin-start').disabled = !frontal || tooMany;
  }

  async function pin() {
    showError(error, null);
    const button = document.getElementById('pin-start');
    button.disabled = true;
    try {
      // A view already taken as a reference is reused (the same file again would be refused as a duplicate).
      const ids = [chosen.get('frontal'), ...chosen.get('extras')];
      const taken = new Map(references.filter(r => r.provenance).map(r => [r.provenance.shotId, r.id]));
      const missing = ids.filter(id => !taken.has(id));
      if (missing.length > 0) {
        const added = await api(base + '/references/from-shots', { method: 'POST', json: { shots: missing.map(shot => ({ shot })) } });
        for (const r of added.added) { taken.set(r.provenance.shotId, r.id); }
      }
      await api(base + '/pins', { method: 'POST', json: { frontal: taken.get(ids[0]), references: ids.slice(1).map(id => taken.get(id)) } });
      await load();
      onPinned();
    } catch (problem) {
      const findings = problem.problem?.findings?.filter(f => f.severity === 'error').map(f => f.message) || [];
      showError(error, findings.length > 0 ? findings.join(' ') : problem.message);
    } finally {
      choose();
    }
  }

  const form = document.getElementById('refset-form');
  if (form) {
    const select = document.getElementById('refset-provider');
    select.replaceChildren(...providers.filter(generates).map(p => el('option', { value: p.name }, p.displayName)));
    const confirm = document.getElementById('refset-confirm');
    const end = job => {
      load();
      onMade();
      refreshBudget();
      if (job.status === 'failed') { showError(error, job.error?.detail || 'The reference set failed.'); }
    };
    const options = { name: 'refset', title: 'Reference set', key, onEnd: end };
    form.addEventListener('submit', async e => {
      e.preventDefault();
      showError(error, null);
      try {
        const estimate = await api(project('/costs/estimate'), { method: 'POST', json: { character: character.id, provider: select.value, referenceSet: true } });
        document.getElementById('refset-estimate').textContent = `${estimate.count} views at ${select.selectedOptions[0].textContent}, about ${usd(estimate.estimateUsd)}`
          + (estimate.withinBudget ? '.' : ': more than the budget left.');
        document.getElementById('refset-start').disabled = !estimate.withinBudget;
        confirm.hidden = false;
      } catch (problem) {
        showError(error, problem.message);
      }
    });
    document.getElementById('refset-cancel').addEventListener('click', () => { confirm.hidden = true; });
    document.getElementById('refset-start').addEventListener('click', async () => {
      confirm.hidden = true;
      try {
        const data = new FormData(form);
        const job = await api(base + '/reference-sets', { method: 'POST', json: { provider: data.get('provider'), seed: data.get('seed') ? Number(data.get('seed')) : null } });
        followJob(jobBox, job.id, options);
      } catch (problem) {
        showError(error, problem.message);
      }
    });
    document.getElementById('pin-start').addEventListener('click', pin);
    resumeJob(jobBox, key, options);
  }

  load();
}
