/**
 * The legend: what the colours mean (deciles of the shown variable, darker = higher priority),
 * the no-data class, and the outline styles for pilot, comparison and selected wards.
 */
import { VIRIDIS_10, NO_DATA } from './palette.ts';
import { el } from './dom.ts';

function swatch(colour: string): HTMLElement {
  return el('span', { class: 'swatch', style: `background:${colour}`, 'aria-hidden': 'true' });
}

function outline(kind: 'pilot' | 'comparison' | 'selected'): HTMLElement {
  const s = el('span', { class: `outline outline-${kind}`, 'aria-hidden': 'true' });
  return s;
}

export function renderLegend(
  host: HTMLElement,
  o: { title: string; isIndex: boolean; counts: number[]; showPilots: boolean; unit?: 'wards' | 'boroughs' },
): void {
  const boroughs = o.unit === 'boroughs';
  const items = VIRIDIS_10.map((c, i) => {
    const d = i + 1;
    const what =
      d === 1
        ? 'top 10 % — highest priority'
        : d === 10
          ? 'bottom 10 % — lowest priority'
          : `${(d - 1) * 10}–${d * 10} %`;
    return el(
      'li',
      {},
      swatch(c),
      el('span', {}, `Decile ${d}: ${what}`),
      el('span', { class: 'count' }, `${o.counts[d]}`),
    );
  });
  items.push(
    el(
      'li',
      {},
      swatch(NO_DATA),
      el('span', {}, o.isIndex ? 'Not ranked (no data)' : 'No data'),
      el('span', { class: 'count' }, `${o.counts[0]}`),
    ),
  );
  const outlines = el(
    'ul',
    { class: 'legend-outlines' },
    o.showPilots ? el('li', {}, outline('pilot'), 'Pilot ward') : null,
    o.showPilots ? el('li', {}, outline('comparison'), 'Comparison ward') : null,
    el('li', {}, outline('selected'), 'Selected ward'),
  );
  host.replaceChildren(
    el('h2', { id: 'legend-title' }, o.title),
    el(
      'p',
      { class: 'hint' },
      boroughs
        ? 'Deciles of this borough summary across the boroughs (from boroughs.csv; higher = higher priority). Darker = higher priority. Counts are boroughs.'
        : o.isIndex
          ? 'Deciles of the priority ranking. Darker = higher priority.'
          : 'Deciles of this score across all wards (direction applied: higher score = higher priority). Darker = higher priority.',
    ),
    el('ul', { class: 'legend-classes', 'aria-labelledby': 'legend-title' }, ...items),
    outlines,
  );
}

/** Wards per class, index 0 = no data. */
export function classCounts(classes: Uint8Array): number[] {
  const c = new Array<number>(11).fill(0);
  for (const k of classes) c[k]++;
  return c;
}
