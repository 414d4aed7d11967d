// The character page: references (drag and drop, one upload per file with its progress and its check findings),
// identities (the training price before confirming, then live progress over SSE that survives a reload), generation
// (the estimate before confirming, then the new shot among the others, at a provider or through the character's route),
// and the route, reference set and video sections (route.js, referenceset.js, video.js).
import { api, canSpend, el, page, project, refreshBudget, showError, statusBadge, unsafeHeaders, usd } from './ui.js';
import { followJob, resumeJob } from './jobs.js';
import { identityVersions } from './identities.js';
import { referenceSet } from './referenceset.js';
import { routePanel } from './route.js';
import { generates, shotFigure } from './shots.js';
import { referenceFigure } from './references.js';
import { videos } from './video.js';

const name = document.getElementById('character')?.dataset.character;
if (name) { start(); }

async function start() {
  const character = await api(project(`/characters/${encodeURIComponent(name)}`));
  const base = project(`/characters/${character.id}`);
  const trainingKey = `likeness.training.${page.project}.${character.id}`;
  const providers = await api('/providers');

  // ---- References
  const references = document.getElementById('references');
  async function loadReferences() {
    const list = await api(base + '/references');
    document.getElementById('reference-count').textContent = `${list.length} photo${list.length === 1 ? '' : 's'}`;
    references.replaceChildren(...(list.length === 0 ? [el('p', { class: 'muted' }, 'No reference yet.')] : list.map(r => referenceFigure(base, r, canSpend))));
  }

  const uploads = document.getElementById('uploads');
  const dropzone = document.getElementById('dropzone');
  if (dropzone) {
    const input = document.getElementById('reference-files');
    input.addEventListener('change', () => { uploadAll([...input.files]); input.value = ''; });
    // Files chosen while the page was still loading (before this listener existed) are sent now, not lost.
    if (input.files.length > 0) { uploadAll([...input.files]); input.value = ''; }
    dropzone.addEventListener('keydown', e => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); input.click(); } });
    dropzone.addEventListener('dragover', e => { e.preventDefault(); dropzone.classList.add('over'); });
    dropzone.addEventListener('dragleave', () => dropzone.classList.remove('over'));
    dropzone.addEventListener('drop', e => { e.preventDefault(); dropzone.classList.remove('over'); uploadAll([...e.dataTransfer.files]); });
    dropzone.dataset.ready = 'true';
  }

  // One request for the whole drop: the reference checks judge the set (at least three faces, one person), and the
  // server stores all of it or none. Each file's bar follows its own bytes within the request's body.
  async function uploadAll(files) {
    if (files.length === 0) { return; }
    const headers = await unsafeHeaders();
    const rows = files.map(file => {
      const bar = el('span');
      const state = el('span', { class: 'state' }, statusBadge('uploading'));
      const findings = el('ul', { class: 'findings' });
      const row = el('li', { class: 'upload', 'data-file': file.name }, el('span', {}, file.name), el('div', { class: 'progress' }, bar), state, findings);
      uploads.append(row);
      return { file, bar, state, findings, row };
    });
    const { status, body } = await send(files, headers, loaded => {
      let offset = 0;
      for (const r of rows) {
        r.bar.style.width = `${Math.max(0, Math.min(100, 100 * (loaded - offset) / Math.max(1, r.file.size)))}%`;
        offset += r.file.size;
      }
    });
    const found = body?.findings || [];
    const setErrors = found.filter(f => f.severity === 'error' && !f.fileName);
    for (const r of rows) {
      r.bar.style.width = '100%';
      const mine = found.filter(f => f.fileName === r.file.name);
      const verdict = status === 201 ? (mine.some(f => f.severity === 'warning') ? 'warned' : 'accepted')
        : mine.some(f => f.severity === 'error') ? 'refused' : 'held back';
      r.state.replaceChildren(statusBadge(verdict));
      r.row.dataset.verdict = verdict;
      r.findings.append(...mine.map(f => el('li', { class: f.severity }, f.message)));
      if (verdict === 'held back') {
        r.findings.append(el('li', { class: 'muted' }, 'Not stored: the upload is all or nothing, and another file was refused.'));
      }
    }
    if (status !== 201) {
      const message = setErrors.map(f => f.message).join(' ') || (found.length === 0 ? body?.detail || `The server answered ${status}.` : '');
      if (message) { uploads.append(el('li', { class: 'upload error' }, message)); }
      const passed = rows.filter(r => r.row.dataset.verdict === 'held back').map(r => r.file);
      if (passed.length > 0 && setErrors.length === 0) {
        const again = el('button', { type: 'button', class: 'button primary small', id: 'upload-passed' }, `Add the ${passed.length} that passed`);
        again.addEventListener('click', () => { again.closest('li').remove(); uploads.replaceChildren(); uploadAll(passed); });
        uploads.append(el('li', { class: 'upload-retry' }, again));
      }
    }
    await loadReferences();
  }

  function send(files, headers, onProgress) {
    return new Promise(resolve => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `/api${base}/references`);
      for (const [k, v] of Object.entries(headers)) { xhr.setRequestHeader(k, v); }
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.upload.onprogress = e => onProgress(e.loaded);
      xhr.onload = () => {
        let body = null;
        try { body = JSON.parse(xhr.responseText); } catch { body = null; }
        resolve({ status: xhr.status, body });
      };
      xhr.onerror = () => resolve({ status: 0, body: { detail: 'The upload did not reach the server.' } });
      const form = new FormData();
      for (const file of files) { form.append('file', file, file.name); }
      xhr.send(form);
    });
  }

  // ---- Identities (identities.js) and training
  const versions = identityVersions({ base });
  const loadIdentities = versions.load;

  const training = document.getElementById('training');
  const trainingJob = { name: 'training', title: 'Training', key: trainingKey, onChange: loadIdentities, onEnd: () => { loadIdentities(); refreshBudget(); } };

  const trainForm = document.getElementById('train-form');
  if (trainForm) {
    const select = document.getElementById('train-provider');
    const trainers = providers.filter(p => p.available && p.capabilities.includes('training'));
    select.replaceChildren(...trainers.map(p => el('option', { value: p.name }, p.displayName)));
    const confirm = document.getElementById('train-confirm');
    // A retrain budget lets the job train again, up the retrain ladder, a version validated below the threshold.
    const retrain = document.getElementById('train-retrain');
    const retrainBudget = () => (Number(retrain.value) > 0 ? Number(retrain.value) : null);
    trainForm.addEventListener('submit', async e => {
      e.preventDefault();
      const provider = trainers.find(p => p.name === select.value);
      const price = provider?.prices.find(p => p.unit === 'training');
      const costs = await api(project('/costs'));
      document.getElementById('train-estimate').textContent =
        `Training at ${provider.displayName} costs ${price ? usd(price.usd) : 'its provider’s price'}; budget left ${costs.availableUsd === null ? 'uncapped' : usd(costs.availableUsd)}.`
        + (retrainBudget() === null ? '' : ` Retrains below the threshold for up to ${usd(retrainBudget())} more.`);
      confirm.hidden = false;
    });
    document.getElementById('train-cancel').addEventListener('click', () => { confirm.hidden = true; });
    document.getElementById('train-start').addEventListener('click', async () => {
      confirm.hidden = true;
      try {
        const job = await api(project('/identities'), { method: 'POST', json: { character: character.id, provider: select.value, ...(retrainBudget() === null ? {} : { retrainBudgetUsd: retrainBudget() }) } });
        followJob(training, job.id, trainingJob);
        loadIdentities();
      } catch (problem) {
        training.replaceChildren(el('p', { class: 'error' }, problem.message));
      }
    });
  }

  // ---- Generation and shots
  const shots = document.getElementById('shots');
  async function loadShots() {
    const list = await api(base + '/shots');
    shots.replaceChildren(...(list.length === 0 ? [el('p', { class: 'muted' }, 'No shot yet.')] : list
      .sort((a, b) => new Date(b.createdAt) - new Date(a.createdAt))
      .map(s => shotFigure(character.id, s))));
  }

  // With a route, the generate form offers it as a provider (last, so the default choice stays a provider).
  let route = null;
  function offerRoute(r) {
    route = r;
    const select = document.getElementById('generate-provider');
    if (!select) { return; }
    select.querySelector('option[value=route]')?.remove();
    if (r) { select.append(el('option', { value: 'route' }, `The route (${r.policy}: ${r.entries.map(e => e.provider).join(' → ')})`)); }
  }

  const generateForm = document.getElementById('generate-form');
  if (generateForm) {
    const select = document.getElementById('generate-provider');
    const generators = providers.filter(generates);
    select.replaceChildren(...generators.map(p => el('option', { value: p.name }, p.displayName)));
    const confirm = document.getElementById('generate-confirm');
    const error = document.getElementById('generate-error');
    let request = null;
    generateForm.addEventListener('submit', async e => {
      e.preventDefault();
      showError(error, null);
      const data = new FormData(generateForm);
      // No provider: the server follows the route; its first entry prices the estimate.
      const viaRoute = data.get('provider') === 'route' && route;
      request = { provider: viaRoute ? null : data.get('provider'), prompt: data.get('prompt'), aspectRatio: data.get('aspectRatio'), seed: data.get('seed') ? Number(data.get('seed')) : null };
      try {
        const estimate = await api(project('/costs/estimate'), { method: 'POST', json: { character: character.id, provider: viaRoute ? route.entries[0].provider : request.provider, prompt: request.prompt, aspectRatio: request.aspectRatio, count: 1 } });
        document.getElementById('generate-estimate').textContent =
          `1 image, ${estimate.width}×${estimate.height}, about ${usd(estimate.estimateUsd)}` + (estimate.withinBudget ? '.' : ': more than the budget left.');
        document.getElementById('generate-start').disabled = !estimate.withinBudget;
        confirm.hidden = false;
      } catch (problem) {
        showError(error, problem.message);
      }
    });
    document.getElementById('generate-cancel').addEventListener('click', () => { confirm.hidden = true; });
    document.getElementById('generate-start').addEventListener('click', async () => {
      const button = document.getElementById('generate-start');
      button.disabled = true;
      button.textContent = 'Generating…';
      try {
        await api(base + '/shots', { method: 'POST', json: request });
        confirm.hidden = true;
        await loadShots();
        refreshBudget();
      } catch (problem) {
        showError(error, problem.message);
      } finally {
        button.disabled = false;
        button.textContent = 'Generate';
      }
    });
  }

  await Promise.all([loadReferences(), loadIdentities(), loadShots()]);
  resumeJob(training, trainingKey, trainingJob);
  routePanel({ base, providers, onChange: offerRoute });
  const pins = videos({ character, base, providers });
  referenceSet({ character, base, providers, onMade: loadShots, onPinned: () => { loadReferences(); pins.load(); } });
}
