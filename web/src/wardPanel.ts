/**
 * A ward's story: where it ranks and why. Category and measure scores are drawn as bars on the
 * range of all wards with a tick at the median of all wards, so "above the London median" reads
 * at a glance; each bar has a text equivalent. Raw indicator values carry their unit and level
 * (borough stand-ins are marked), and the rank interval appears when robustness results exist.
 */
import { shareBelow } from '../../src/core/stats/shareBelow.ts';
import { rankVerdict } from '../../src/core/rankVerdict.ts';
import type { Explanation } from '../../src/core/explain.ts';
import type { ComparisonRow, PilotRow, Robustness } from './api.ts';
import type { WardTable } from './wardTable.ts';
import { el, fmt, fmtRank } from './dom.ts';
import { VIRIDIS_10 } from './palette.ts';
import { evaluationSection } from './evaluationText.ts';
import type { EvaluationSummary } from '../../src/core/apiTypes.ts';

export interface IndicatorInfo {
  name: string;
  measure: string;
  level: string;
  status: string;
  period: string;
  unit: string;
  source: string;
  used: boolean;
}

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
  /** The ward's code and the summary of the pilot evaluation plan, when the selection has one. */
  code?: string;
  evaluation?: EvaluationSummary;
  topK: number;
  /** Indicator id → its declaration (status, period, level). */
  indicators: Record<string, IndicatorInfo>;
  /** Indicator id → median of the raw value over all wards (from the ward detail). */
  rawMedians: Record<string, number | null>;
  /** Link to the printable report of this ward. */
  reportHref: string;
  /** The ward's area flags (areas.flag_columns), e.g. { central_activity: 1 }. */
  flags?: Record<string, number>;
  /** The selection's balance.csv rows (evaluation design), when present. */
  balance?: Record<string, string | number | null>[];
}

const percent = (v: number | null) => (v === null || !Number.isFinite(v) ? '–' : `${fmt(v * 100, 3)} %`);
const finite = (v: number | null | undefined): v is number => v !== null && v !== undefined && Number.isFinite(v);
const wholePercent = (v: number) => `${Math.round(v * 100)} %`;

/** "higher than 97 % of London wards" for a score column (direction applied: higher = higher priority). */
export function percentileText(col: Float64Array | undefined, i: number, areaName: string): string {
  if (!col) return 'no data';
  const p = shareBelow(col, i);
  return Number.isFinite(p) ? `higher than ${wholePercent(p)} of ${areaName} wards` : 'no data';
}

/** A contribution in words: index points, and the share of the index when contributions add up to it. */
export function contributionText(c: number, e: Explanation): string {
  if (!finite(c)) return 'no data';
  const pts = `${c >= 0 ? '+' : '−'}${fmt(Math.abs(c))}`;
  return e.exact && finite(e.index) && e.index > 0 ? `${pts} (${wholePercent(c / e.index)} of the index)` : pts;
}

/** Status words for a badge: real data, proxy, borough stand-in (and which of them a measure mixes). */
export function statusLabel(level: string, status: string): string {
  if (level === 'borough') return 'borough stand-in';
  return status === 'proxy' ? 'proxy' : status === 'no-public-source' ? 'no public source' : 'real data';
}

function badge(text: string, title = ''): HTMLElement {
  const kind = /proxy|stand-in/.test(text) ? 'badge-proxy' : /no public/.test(text) ? 'badge-none' : 'badge-real';
  return el('span', { class: `badge ${kind}`, ...(title ? { title } : {}) }, text);
}

/** A measure's badges: the distinct statuses of the indicators it uses (a proxy-built measure says so) and their periods. */
function measureBadges(mid: string, p: PanelInput): { labels: string[]; proxies: string[]; periods: string[] } {
  const used = Object.values(p.indicators).filter((x) => x.measure === mid && x.used);
  const labels = [...new Set(used.map((x) => statusLabel(x.level, x.status)))];
  const proxies = used.filter((x) => x.status === 'proxy' || x.level === 'borough').map((x) => x.name);
  const periods = [...new Set(used.map((x) => x.period).filter(Boolean))];
  return { labels, proxies, periods };
}

/**
 * One measure or category: its percentile among all wards, and its contribution to the index as a
 * bar (length ∝ |contribution| against the ward's largest; the headline uses the same numbers).
 */
function contributionRow(
  name: string,
  level: 'category' | 'measure',
  id: string,
  c: { score: number; contribution: number },
  p: PanelInput,
  i: number,
  maxAbs: number,
): HTMLElement {
  const col = p.table.columns[`${level}:${id}`];
  const pctText = percentileText(col, i, p.areaName);
  const contrib = contributionText(c.contribution, p.explain);
  const width = finite(c.contribution) && maxAbs > 0 ? (Math.abs(c.contribution) / maxAbs) * 100 : 0;
  const b = level === 'measure' ? measureBadges(id, p) : null;
  return el(
    'div',
    { class: `bar-row bar-${level}`, 'data-id': id },
    el('div', { class: 'bar-label' }, el('span', {}, name), el('span', { class: 'bar-value' }, contrib)),
    el(
      'div',
      { class: 'bar-track', 'aria-hidden': 'true' },
      width > 0
        ? el('div', {
            class: `bar-fill${c.contribution < 0 ? ' bar-negative' : ''}`,
            // a positive contribution in the decile palette's third step (the shared palette lives in TypeScript)
            style: `width:${width.toFixed(1)}%${c.contribution < 0 ? '' : `;background:${VIRIDIS_10[2]}`}`,
          })
        : null,
    ),
    el('div', { class: 'bar-pct' }, pctText),
    b
      ? el(
          'div',
          { class: 'badges' },
          ...b.labels.map((l) =>
            badge(l, l === 'proxy' || l === 'borough stand-in' ? `Built from ${b.proxies.join(', ')}` : ''),
          ),
          b.periods.length ? el('span', { class: 'period' }, b.periods.join('; ')) : null,
          b.labels.some((l) => l !== 'real data') && b.proxies.length
            ? el('span', { class: 'proxy-note' }, `proxy measure, from: ${b.proxies.join(', ')}`)
            : null,
        )
      : null,
    el('div', { class: 'sr-only' }, `${name}: ${pctText}; contribution ${contrib}.`),
  );
}

export function renderPanel(host: HTMLElement, p: PanelInput): void {
  const e = p.explain;
  // An unranked ward (no index, e.g. the City of London without MPS crime data) has no rank
  // interval and nothing "pushing it up": the panel says why it is not ranked and shows only
  // the values it has.
  const ranked_ = finite(e.rank);
  const ranked = p.table.rank.filter((r) => r === r).length;
  const head = el(
    'header',
    {},
    el('h2', { id: 'panel-title', tabindex: '-1' }, e.name),
    el('p', { class: 'borough' }, `${e.parentName} · ${e.code}`),
    el(
      'p',
      { class: 'rank-line', 'data-testid': 'ward-rank' },
      ranked_ ? `Rank ${fmtRank(e.rank)} of ${ranked}` : 'Not ranked',
      finite(e.rank) && e.decile ? ` · decile ${e.decile}` : '',
    ),
    ranked_ ? null : el('p', { class: 'not-ranked' }, notRankedReason(e)),
    p.flags && Object.entries(p.flags).some(([, v]) => v === 1)
      ? el(
          'p',
          { class: 'flags' },
          ...Object.entries(p.flags)
            .filter(([, v]) => v === 1)
            .map(([k]) =>
              badge(`flag: ${k.replace(/_/g, ' ')}`, `Area flag ${k} = 1 in the areas file (areas.flag_columns)`),
            ),
        )
      : null,
    p.whatIf
      ? el('p', { class: 'whatif-note' }, `With your weights. Published rank: ${fmtRank(p.publishedRank)}.`)
      : null,
  );

  const verdict = p.robustness && ranked_ ? rankVerdict(p.robustness.p05_rank, p.robustness.p95_rank, ranked) : null;
  const robust = verdict
    ? el(
        'section',
        { class: 'robustness' },
        el('h3', {}, 'How sure is the rank?'),
        el(
          'p',
          { class: `verdict verdict-${verdict.verdict}`, 'data-testid': 'verdict' },
          `${verdict.verdict === 'stable' ? 'Stable' : 'Uncertain'}: ranked between ${verdict.from} and ${verdict.to} in 90 % of the robustness runs.`,
        ),
        el(
          'p',
          { class: 'hint' },
          `Stable means the interval is no wider than ${verdict.threshold} places (one decile). Median rank ${fmtRank(Math.round(p.robustness!.median_rank ?? NaN))}; in the top ${p.topK} in ${percent(p.robustness!.p_top_k)} of runs, in the top decile in ${percent(p.robustness!.p_top_decile)}.`,
        ),
        p.whatIf ? el('p', { class: 'hint' }, 'These figures are for the published weights.') : null,
      )
    : null;

  const pilot = pilotSection(p);
  const i = p.table.codes.indexOf(e.code);
  const drivers = ranked_ ? topDrivers(e, 3) : [];
  const why = drivers.length
    ? el(
        'p',
        { class: 'why' },
        'Pushed up most by: ',
        drivers.map((m) => `${m.name} ${contributionText(m.contribution, e)}`).join('; '),
        '.',
        e.exact ? '' : ' (approximate for geometric methods)',
      )
    : null;

  const scores = el(
    'section',
    { class: 'scores' },
    el('h3', {}, 'What makes up the index'),
    el(
      'p',
      { class: 'hint' },
      `Each bar is a measure's contribution to the index (weight × score${e.exact ? '; they add up to the index' : ''}); below it, how the ward compares with all ${p.areaName} wards.`,
    ),
  );
  const all = e.categories.flatMap((c) => [c, ...c.measures]);
  const maxAbs = Math.max(0, ...all.map((x) => (finite(x.contribution) ? Math.abs(x.contribution) : 0)));
  for (const c of e.categories) {
    scores.append(contributionRow(c.name, 'category', c.id, c, p, i, maxAbs));
    for (const m of c.measures) scores.append(contributionRow(m.name, 'measure', m.id, m, p, i, maxAbs));
  }

  const groups: HTMLElement[] = [];
  for (const c of e.categories)
    for (const m of c.measures) {
      groups.push(el('tr', { class: 'measure-head' }, el('th', { scope: 'rowgroup', colspan: '3' }, m.name)));
      for (const ind of m.indicators) {
        const info = p.indicators[ind.id];
        const med = p.rawMedians[ind.id];
        groups.push(
          el(
            'tr',
            {},
            el(
              'th',
              { scope: 'row' },
              ind.name,
              el('br'),
              badge(
                statusLabel(ind.level, info?.status ?? 'real'),
                ind.level === 'borough' ? 'The borough value, used for every ward in the borough' : '',
              ),
              ind.imputed ? badge('imputed') : null,
              info?.period ? el('span', { class: 'period' }, info.period) : null,
            ),
            el(
              'td',
              {},
              finite(ind.raw) ? fmt(ind.raw, 4) : 'no data',
              el('span', { class: 'unit' }, ind.unit ? ` ${ind.unit}` : ''),
            ),
            el('td', {}, finite(med) ? fmt(med, 4) : '–'),
          ),
        );
      }
    }
  const raw = el(
    'section',
    { class: 'raw' },
    el('h3', {}, 'Indicator values'),
    el(
      'table',
      {},
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          el('th', { scope: 'col' }, 'Indicator'),
          el('th', { scope: 'col' }, 'This ward'),
          el('th', { scope: 'col' }, `${p.areaName} median`),
        ),
      ),
      el('tbody', {}, ...groups),
    ),
  );
  const report = el(
    'p',
    {},
    el('a', { href: p.reportHref, target: '_blank', rel: 'noopener', class: 'report-link' }, 'Printable ward report'),
    ' ',
    el('button', { type: 'button', id: 'compare-open', class: 'link' }, 'Compare with another ward'),
  );
  host.replaceChildren(head, why ?? '', pilot ?? '', robust ?? '', scores, raw, report);
}

/** Why a ward has no index: the measures it lacks (its index needs every category with data). */
function notRankedReason(e: Explanation): string {
  const missing = e.categories
    .flatMap((c) => c.measures)
    .filter((m) => !finite(m.score))
    .map((m) => m.name);
  const lacking = e.categories.filter((c) => !finite(c.score)).map((c) => c.name);
  if (lacking.length)
    return `No index: no data for ${lacking.join(', ')}${missing.length ? ` (${missing.join(', ')})` : ''}. It is left out of the ranking rather than ranked on part of the data.`;
  if (missing.length)
    return `No index: missing ${missing.join(', ')}. It is left out of the ranking rather than ranked on part of the data.`;
  return 'No index under these weights.';
}

/**
 * The measures with the largest positive contributions (effective weight × score, as
 * `explainArea` gives them; `topMeasures` in src/core/explain.ts ranks the same way).
 */
function topDrivers(e: Explanation, k: number): { name: string; contribution: number }[] {
  return e.categories
    .flatMap((c) => c.measures)
    .filter((m) => finite(m.contribution) && m.contribution > 0)
    .sort((a, b) => b.contribution - a.contribution)
    .slice(0, k);
}

/**
 * The evaluation design in words, from the selection's balance.csv when present: how many
 * matching variables still show a standardised-mean-difference flag after matching, so a
 * comparison ward is never presented as "like" its pilot when the balance says otherwise.
 */
function balanceText(balance: PanelInput['balance']): HTMLElement {
  if (!balance?.length)
    return el(
      'p',
      { class: 'hint' },
      'The pilot selection has no balance table (balance.csv), so how alike the pilot and comparison groups are is not known here.',
    );
  const after = balance.filter((r) => r.variable !== 'index');
  const counts = new Map<string, number>();
  for (const r of after)
    counts.set(String(r.flag_after ?? 'unknown'), (counts.get(String(r.flag_after ?? 'unknown')) ?? 0) + 1);
  const parts = [...counts.entries()].map(([flag, n]) => `${n} "${flag}"`).join(', ');
  const ok = counts.get('ok') ?? 0;
  return el(
    'p',
    { 'data-testid': 'balance' },
    `Balance of the pilot wards against their comparison wards after matching (balance.csv, standardised mean differences over ${after.length} variables): ${parts}. `,
    ok === after.length
      ? 'The groups are balanced on every variable.'
      : 'The groups still differ where flagged: compare outcomes with that in mind.',
  );
}

function pilotSection(p: PanelInput): HTMLElement | null {
  if (p.pilot) {
    return el(
      'section',
      { class: 'pilot' },
      el(
        'h3',
        {},
        p.pilot.pilot !== undefined && p.pilot.pilot !== null ? `Pilot ward ${p.pilot.pilot}` : 'Pilot ward',
      ),
      p.pilot.reason ? el('p', {}, p.pilot.reason) : null,
      p.comparisons.length
        ? el(
            'p',
            {},
            'Comparison wards (matched for the evaluation): ',
            p.comparisons
              .map((c) => `${c.name} (${c.borough_name}, rank ${fmtRank(c.rank)}, distance ${fmt(c.distance)})`)
              .join('; '),
          )
        : null,
      balanceText(p.balance),
      evaluationSection(p.evaluation, p.code ?? p.pilot.code, true),
    );
  }
  const evaluation = p.code ? evaluationSection(p.evaluation, p.code, false) : null;
  if (p.comparisons.length || evaluation) {
    return el(
      'section',
      { class: 'pilot' },
      el('h3', {}, 'Comparison ward'),
      evaluation,
      ...p.comparisons.map((c) =>
        el(
          'p',
          {},
          `Matched to pilot ${p.pilotNames[c.pilot_code] ?? c.pilot_code} for the evaluation (matching distance ${fmt(c.distance)}; smaller = closer on the matching variables).`,
        ),
      ),
      p.comparisons.length ? balanceText(p.balance) : null,
    );
  }
  return null;
}
