/**
 * A ward's story: where it ranks and why. Category and measure scores are drawn as bars on the
 * range of all wards with a tick at the median of all wards, so "above the London median" reads
 * at a glance; each bar has a text equivalent. Raw indicator values carry their unit and level
 * (borough stand-ins are marked), and the rank interval appears when robustness results exist.
 */
import { median } from '../../src/core/stats/quantile.ts';
import type { Explanation } from '../../src/core/explain.ts';
import type { ComparisonRow, PilotRow, Robustness } from './api.ts';
import type { WardTable } from './wardTable.ts';
import { el, fmt, fmtRank } from './dom.ts';

export interface PanelInput {
  explain: Explanation;
  table: WardTable;
  areaName: string;
  robustness: Robustness | null;
  /** Weights differ from the published ones. */
  whatIf: boolean;
  publishedRank: number;
  pilot: PilotRow | null;
  /** Comparison rows in which this ward is the comparison (for a comparison ward) or the pilot (for a pilot). */
  comparisons: ComparisonRow[];
  pilotNames: Record<string, string>;
  topK: number;
}

const percent = (v: number | null) => (v === null || !Number.isFinite(v) ? '–' : `${fmt(v * 100, 3)} %`);
const finite = (v: number | null | undefined): v is number => v !== null && v !== undefined && Number.isFinite(v);

function range(col: Float64Array): { min: number; max: number; median: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const v of col) if (v === v) (min = Math.min(min, v)), (max = Math.max(max, v));
  return { min, max, median: median(col) };
}

function bar(name: string, value: number | null, col: Float64Array | undefined, areaName: string, level: 'category' | 'measure'): HTMLElement {
  const r = col ? range(col) : { min: NaN, max: NaN, median: NaN };
  const span = r.max - r.min;
  const pos = (v: number) => `${(span > 0 ? ((v - r.min) / span) * 100 : 50).toFixed(1)}%`;
  const relation = !finite(value) || !finite(r.median) ? 'no data' : value > r.median ? `above the ${areaName} median` : value < r.median ? `below the ${areaName} median` : `at the ${areaName} median`;
  return el(
    'div',
    { class: `bar-row bar-${level}` },
    el('div', { class: 'bar-label' }, el('span', {}, name), el('span', { class: 'bar-value' }, finite(value) ? fmt(value) : 'no data')),
    el(
      'div',
      { class: 'bar-track', 'aria-hidden': 'true' },
      finite(value) ? el('div', { class: 'bar-fill', style: `width:${pos(value)}` }) : null,
      finite(r.median) ? el('div', { class: 'bar-median', style: `left:${pos(r.median)}` }) : null,
    ),
    el('div', { class: 'sr-only' }, `${name}: ${finite(value) ? fmt(value) : 'no data'}, ${relation} (${fmt(r.median)}).`),
  );
}

export function renderPanel(host: HTMLElement, p: PanelInput): void {
  const e = p.explain;
  const ranked = p.table.rank.filter((r) => r === r).length;
  const head = el(
    'header',
    {},
    el('h2', { id: 'panel-title', tabindex: '-1' }, e.name),
    el('p', { class: 'borough' }, `${e.parentName} · ${e.code}`),
    el(
      'p',
      { class: 'rank-line', 'data-testid': 'ward-rank' },
      finite(e.rank) ? `Rank ${fmtRank(e.rank)} of ${ranked}` : 'Not ranked (not enough data)',
      finite(e.rank) && e.decile ? ` · decile ${e.decile}` : '',
    ),
    p.whatIf ? el('p', { class: 'whatif-note' }, `With your weights. Published rank: ${fmtRank(p.publishedRank)}.`) : null,
  );

  const robust = p.robustness
    ? el(
        'section',
        { class: 'robustness' },
        el('h3', {}, 'How sure is the rank?'),
        el('p', {}, `Across the robustness runs the rank fell between ${fmtRank(p.robustness.p05_rank)} and ${fmtRank(p.robustness.p95_rank)} (90 % interval; median ${fmtRank(p.robustness.median_rank)}).`),
        el('p', {}, `In the top ${p.topK}: ${percent(p.robustness.p_top_k)} of runs · in the top decile: ${percent(p.robustness.p_top_decile)} of runs.`),
        p.whatIf ? el('p', { class: 'hint' }, 'These figures are for the published weights.') : null,
      )
    : null;

  const pilot = pilotSection(p);
  const drivers = topDrivers(e, 3);
  const why = drivers.length
    ? el('p', { class: 'why' }, 'Pushed up most by: ', drivers.join(', '), '.', e.exact ? '' : ' (approximate for geometric or exponential methods)')
    : null;

  const scores = el('section', { class: 'scores' }, el('h3', {}, 'Scores against the median of all wards'), el('p', { class: 'hint' }, 'Bars span the lowest to the highest ward; the tick marks the median. Further right = higher priority.'));
  for (const c of e.categories) {
    scores.append(bar(c.name, c.score, p.table.columns[`category:${c.id}`], p.areaName, 'category'));
    for (const m of c.measures) scores.append(bar(m.name, m.score, p.table.columns[`measure:${m.id}`], p.areaName, 'measure'));
  }

  const rawRows: HTMLElement[] = [];
  for (const c of e.categories)
    for (const m of c.measures)
      for (const i of m.indicators) {
        const stand = i.level === 'borough';
        rawRows.push(
          el(
            'tr',
            {},
            el('th', { scope: 'row' }, i.name, stand ? el('span', { class: 'badge', title: 'The borough value, used for every ward in the borough' }, 'borough stand-in') : null, i.imputed ? el('span', { class: 'badge' }, 'imputed') : null),
            el('td', {}, finite(i.raw) ? fmt(i.raw, 4) : 'no data'),
            el('td', {}, i.unit || ''),
          ),
        );
      }
  const raw = el(
    'section',
    { class: 'raw' },
    el('h3', {}, 'Indicator values'),
    el('table', {}, el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Indicator'), el('th', { scope: 'col' }, 'Value'), el('th', { scope: 'col' }, 'Unit'))), el('tbody', {}, ...rawRows)),
  );
  host.replaceChildren(head, why ?? '', pilot ?? '', robust ?? '', scores, raw);
}

/**
 * The measures with the largest positive contributions (effective weight × score, as
 * `explainArea` gives them; `topMeasures` in src/core/explain.ts ranks the same way).
 */
function topDrivers(e: Explanation, k: number): string[] {
  return e.categories
    .flatMap((c) => c.measures)
    .filter((m) => finite(m.contribution) && m.contribution > 0)
    .sort((a, b) => b.contribution - a.contribution)
    .slice(0, k)
    .map((m) => m.name);
}

function pilotSection(p: PanelInput): HTMLElement | null {
  if (p.pilot) {
    return el(
      'section',
      { class: 'pilot' },
      el('h3', {}, p.pilot.pilot !== undefined && p.pilot.pilot !== null ? `Pilot ward ${p.pilot.pilot}` : 'Pilot ward'),
      p.pilot.reason ? el('p', {}, p.pilot.reason) : null,
      p.comparisons.length ? el('p', {}, 'Comparison wards: ', p.comparisons.map((c) => `${c.name} (${c.borough_name}, rank ${fmtRank(c.rank)})`).join('; ')) : null,
    );
  }
  if (p.comparisons.length) {
    return el(
      'section',
      { class: 'pilot' },
      el('h3', {}, 'Comparison ward'),
      ...p.comparisons.map((c) => el('p', {}, `Matched to pilot ${p.pilotNames[c.pilot_code] ?? c.pilot_code} (similarity distance ${fmt(c.distance)}): a ward like it in its needs, for comparing outcomes.`)),
    );
  }
  return null;
}
