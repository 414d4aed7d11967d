// Video from a pin: the character's pins (the frontal reference and up to three more, as thumbnails), the form (pin,
// provider, prompt, duration, shape) with the provider's price per second before confirming, the job's progress (its
// message carries the server's estimate), and the clips made, each playing in the page with its identity check
// (docs/video.md: the share of frames with a face, the share that keep the character, the median face distance).
import { api, el, page, refreshBudget, showError, statusBadge, usd, when } from './ui.js';
import { followJob, resumeJob } from './jobs.js';

const percent = value => (value === null || value === undefined ? '—' : `${Math.round(value * 100)} %`);

/** The identity check of a made clip, in words, or why there is none. */
function identityOf(check) {
  if (!check) { return el('div', { class: 'identity muted' }, 'Identity not checked yet.'); }
  const parts = [];
  if (check.detectionRate !== null) { parts.push(`faces in ${percent(check.detectionRate)} of frames`); }
  if (check.keptRate !== null) { parts.push(`${percent(check.keptRate)} keep the character`); }
  if (check.medianDistance !== null) {
    parts.push(`median face distance ${check.medianDistance.toFixed(3)}` + (check.threshold !== null ? ` (threshold ${check.threshold.toFixed(3)})` : ''));
  }
  if (check.breaks !== null) { parts.push(`${check.breaks} break${check.breaks === 1 ? '' : 's'}`); }
  const tone = check.keptRate === null ? '' : check.keptRate >= 0.9 && check.breaks === 0 ? 'ok' : 'warn';
  return el('div', { class: 'identity' }, el('span', { class: `badge ${tone}` }, 'identity'), ' ', parts.join(' · ') || 'not measured',
    check.note ? el('div', { class: 'muted' }, check.note) : null);
}

export function videos({ character, base, providers }) {
  const pinsBox = document.getElementById('pins');
  const list = document.getElementById('videos');
  const jobBox = document.getElementById('video-progress');
  const error = document.getElementById('video-error');
  const key = `likeness.video.${page.project}.${character.id}`;
  const newestFirst = (a, b) => new Date(b.createdAt) - new Date(a.createdAt);

  async function load() {
    const [pins, references, made] = await Promise.all([api(base + '/pins'), api(base + '/references'), api(base + '/videos')]);
    const byId = new Map(references.map(r => [r.id, r]));
    const thumb = id => (byId.has(id)
      ? el('img', { src: `/api${base}/references/${id}/image?w=128`, alt: byId.get(id).fileName, title: byId.get(id).fileName, loading: 'lazy' })
      : el('span', { class: 'muted' }, 'removed'));
    const ordered = [...pins].sort(newestFirst);
    pinsBox.replaceChildren(...(ordered.length === 0 ? [el('p', { class: 'muted' }, 'No pin yet: pin the character from its reference set first.')]
      : ordered.map((p, i) => el('div', { class: 'pin', 'data-pin': p.id },
        el('div', { class: 'pin-images' }, el('span', { class: 'frontal', title: 'frontal' }, thumb(p.frontalReferenceId)), ...p.referenceIds.map(thumb)),
        el('div', { class: 'muted' }, `Pin ${p.id.slice(0, 8)}${i === 0 ? ' · newest' : ''} · ${when(p.createdAt)}`)))));
    const select = document.getElementById('video-pin');
    if (select) {
      // Nothing to make a video of until the character is pinned.
      document.getElementById('video-form').hidden = ordered.length === 0;
      select.replaceChildren(...ordered.map((p, i) => el('option', { value: p.id }, `${p.id.slice(0, 8)}: ${1 + p.referenceIds.length} references${i === 0 ? ' (newest)' : ''}`)));
    }
    list.replaceChildren(...[...made].sort(newestFirst).map(clip));
  }

  function clip(v) {
    const src = `/api${base}/videos/${v.id}/file`;
    const note = el('p', { class: 'muted playback', hidden: true }, 'This browser cannot play the clip’s format: ', el('a', { href: src, download: '' }, 'download it'), '.');
    let player = el('div', { class: 'no-clip muted' }, v.error || v.status);
    if (v.status === 'succeeded') {
      player = el('video', { src, controls: true, loop: true, muted: true, playsinline: true, preload: 'metadata' });
      player.addEventListener('error', () => { note.hidden = false; });
    }
    return el('figure', { class: 'clip', 'data-video': v.id, 'data-status': v.status }, player, note,
      el('figcaption', {},
        el('div', { class: 'row' }, el('strong', {}, v.provider), statusBadge(v.status), el('span', {}, usd(v.costUsd))),
        el('div', { class: 'muted' }, `${v.actualSeconds ? v.actualSeconds.toFixed(1) : v.durationSeconds} s · ${v.aspectRatio} · ${when(v.createdAt)}`),
        el('div', { class: 'prompt', title: v.prompt }, v.prompt),
        identityOf(v.identity)));
  }

  const form = document.getElementById('video-form');
  if (form) {
    const select = document.getElementById('video-provider');
    const makers = providers.filter(p => p.available && p.capabilities.includes('element-video'));
    select.replaceChildren(...makers.map(p => el('option', { value: p.name }, p.displayName)));
    const confirm = document.getElementById('video-confirm');
    const options = { name: 'video', title: 'Video', key, onEnd: job => { load(); refreshBudget(); if (job.status === 'failed') { showError(error, job.error?.detail || 'The video failed.'); } } };
    let request = null;
    form.addEventListener('submit', e => {
      e.preventDefault();
      showError(error, null);
      const data = new FormData(form);
      request = { pin: data.get('pin'), provider: data.get('provider'), prompt: data.get('prompt'), durationSeconds: Number(data.get('durationSeconds')), aspectRatio: data.get('aspectRatio') };
      const provider = makers.find(p => p.name === request.provider);
      const perSecond = provider?.prices.find(p => p.unit === 'video-second');
      document.getElementById('video-estimate').textContent = perSecond
        ? `${request.durationSeconds} s at ${provider.displayName}: about ${usd(perSecond.usd * request.durationSeconds)} (${usd(perSecond.usd)} a second).`
        : `${request.durationSeconds} s at ${provider?.displayName}: priced by the provider; the job states its estimate.`;
      confirm.hidden = false;
    });
    document.getElementById('video-cancel').addEventListener('click', () => { confirm.hidden = true; });
    document.getElementById('video-start').addEventListener('click', async () => {
      confirm.hidden = true;
      try {
        const job = await api(base + '/videos', { method: 'POST', json: request });
        followJob(jobBox, job.id, options);
      } catch (problem) {
        showError(error, problem.message);
      }
    });
    resumeJob(jobBox, key, options);
  }

  load();
  return { load };
}
