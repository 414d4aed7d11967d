// A proportion with its 95 % interval as a table cell (rating win rates, study pass rates): the number, the interval,
// and a bar with the interval drawn over it.
import { el } from './ui.js';

/** "62 %" for a rate in 0..1, or a dash. */
export const percent = value => (value === null || value === undefined ? '—' : `${(value * 100).toFixed(0)} %`);

/** A table cell for `rate` with its `interval` ({low, high}, either may be null). */
export function rateCell(rate, interval) {
  const bar = el('div', { class: 'bar', 'aria-hidden': 'true' });
  if (rate !== null && rate !== undefined) {
    bar.append(el('span', { style: `width: ${(rate * 100).toFixed(1)}%` }));
  }
  if (interval) {
    bar.append(el('i', { style: `left: ${(interval.low * 100).toFixed(1)}%; width: ${((interval.high - interval.low) * 100).toFixed(1)}%` }));
  }
  return el('td', { class: 'bar-cell' },
    el('div', {}, el('strong', {}, percent(rate)), ' ', interval ? el('span', { class: 'interval' }, `(${percent(interval.low)} to ${percent(interval.high)})`) : null),
    bar);
}
