/**
 * `wardrank compare`: how two runs of the index differ, ward by ward, and which measures moved
 * each ward. Pure: the CLI reads the two output folders (src/io/readRunFolder.ts).
 *
 * Per ward (matched by code):
 *
 *   rank_change  = rank_B − rank_A        (negative: higher priority in B; empty if unranked in either)
 *   index_change = index_B − index_A
 *   contribution of measure m (in category c), in each run:
 *       C_m = W_c · w_m · S_m
 *     with S_m the ward's measure score, w_m the measure's effective weight within c and W_c the
 *     category's effective weight in the index (from the run's manifest), each renormalised over
 *     the measures (categories) the ward has a score for — as the engine aggregates and as
 *     `wardrank explain` reports them
 *   contribution_change_m = C_m(B) − C_m(A)
 *   moved_most_by = the measures with the largest |contribution_change|, largest first.
 *
 * With arithmetic aggregation and combination, Σ_m C_m is the index, so the contribution changes
 * add up to index_change exactly (`exact` true). With geometric means or the exponential
 * combination the same products are a first-order attribution and `exact` is false. Scores of
 * two runs with different normalisations are on different scales; the changes then show how the
 * whole method moved each measure's pull, not a change in the data.
 */
import type { RunTable } from '../core/runTable.ts';

export type { RunTable };

export interface WardChange {
  code: string;
  name: string;
  parentName: string;
  rankA: number;
  rankB: number;
  rankChange: number;
  indexA: number;
  indexB: number;
  indexChange: number;
  /** Per measure (in `measures` order). */
  contributionChange: number[];
  /** Measure ids by |contribution change|, largest first (those with a change). */
  movedMostBy: string[];
}

export interface Comparison {
  /** Measures of either run, A's order first. */
  measures: string[];
  wards: WardChange[];
  onlyInA: string[];
  onlyInB: string[];
  exact: boolean;
  /** Settings that differ: path → [A, B] (methods and effective weights). */
  differences: [string, string, string][];
}

/** C_m for every measure of `run` at ward i (NaN where the ward has no score for it). */
export function measureContributions(run: RunTable, i: number): Record<string, number> {
  const catIds = Object.keys(run.categories);
  const W = present(catIds, run.weights.categories, (c) => run.categories[c][i]);
  const out: Record<string, number> = {};
  for (const c of catIds) {
    const ms = Object.keys(run.measures).filter((m) => run.measureCategory[m] === c);
    const w = present(ms, run.weights.measures, (m) => run.measures[m][i]);
    for (const m of ms) {
      const s = run.measures[m][i];
      out[m] = s === s && run.categories[c][i] === run.categories[c][i] ? W[c] * w[m] * s : NaN;
    }
  }
  return out;
}

/** Weights renormalised over the members with a value (0 for the others). */
function present(
  ids: readonly string[],
  weights: Readonly<Record<string, number>>,
  value: (id: string) => number,
): Record<string, number> {
  let total = 0;
  for (const id of ids) if (value(id) === value(id)) total += weights[id] ?? 0;
  const out: Record<string, number> = {};
  for (const id of ids) out[id] = value(id) === value(id) && total > 0 ? (weights[id] ?? 0) / total : 0;
  return out;
}

export function compareRuns(a: RunTable, b: RunTable): Comparison {
  const measures = [...new Set([...Object.keys(a.measures), ...Object.keys(b.measures)])];
  const inB = new Map(b.codes.map((c, i) => [c, i]));
  const inA = new Set(a.codes);
  const wards: WardChange[] = [];
  a.codes.forEach((code, i) => {
    const j = inB.get(code);
    if (j === undefined) return;
    const ca = measureContributions(a, i);
    const cb = measureContributions(b, j);
    const contributionChange = measures.map((m) => (cb[m] ?? NaN) - (ca[m] ?? NaN));
    const movedMostBy = measures
      .map((m, k) => ({ m, d: contributionChange[k] }))
      .filter((x) => x.d === x.d && x.d !== 0)
      .sort((x, y) => Math.abs(y.d) - Math.abs(x.d) || (x.m < y.m ? -1 : 1))
      .map((x) => x.m);
    wards.push({
      code,
      name: a.names[i],
      parentName: a.parentNames[i],
      rankA: a.rank[i],
      rankB: b.rank[j],
      rankChange: b.rank[j] - a.rank[i],
      indexA: a.index[i],
      indexB: b.index[j],
      indexChange: b.index[j] - a.index[i],
      contributionChange,
      movedMostBy,
    });
  });
  return {
    measures,
    wards,
    onlyInA: a.codes.filter((c) => !inB.has(c)),
    onlyInB: b.codes.filter((c) => !inA.has(c)),
    exact: a.exact && b.exact,
    differences: settingDifferences(
      { methods: a.methods, weights: a.weights },
      { methods: b.methods, weights: b.weights },
    ),
  };
}

/** Leaves of two settings objects that differ, as [path, A, B] (values as JSON; absent = "—"). */
export function settingDifferences(a: unknown, b: unknown, path = ''): [string, string, string][] {
  const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  if (isObj(a) && isObj(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => settingDifferences(a[k], b[k], path ? `${path}.${k}` : k));
  }
  const show = (x: unknown) =>
    x === undefined ? '—' : typeof x === 'number' ? String(Math.round(x * 1e6) / 1e6) : JSON.stringify(x);
  return show(a) === show(b) ? [] : [[path, show(a), show(b)]];
}

/** Summary figures: wards ranked in both, how many changed rank, mean |Δrank|, Spearman's ρ over them. */
export function comparisonSummary(c: Comparison): {
  compared: number;
  rankedInBoth: number;
  changed: number;
  meanAbsChange: number;
  maxAbsChange: number;
  spearman: number;
} {
  const both = c.wards.filter((w) => w.rankChange === w.rankChange);
  const abs = both.map((w) => Math.abs(w.rankChange));
  const changed = abs.filter((d) => d > 0).length;
  return {
    compared: c.wards.length,
    rankedInBoth: both.length,
    changed,
    meanAbsChange: both.length ? abs.reduce((s, d) => s + d, 0) / both.length : NaN,
    maxAbsChange: both.length ? Math.max(...abs) : NaN,
    spearman: pearson(ranksOf(both.map((w) => w.rankA)), ranksOf(both.map((w) => w.rankB))),
  };
}

/** Average ranks of x among themselves (1 = smallest), so ρ is computed over the wards ranked in both. */
function ranksOf(x: number[]): number[] {
  const order = x.map((v, i) => [v, i] as const).sort((p, q) => p[0] - q[0]);
  const r = new Array<number>(x.length);
  for (let s = 0; s < order.length;) {
    let e = s + 1;
    while (e < order.length && order[e][0] === order[s][0]) e++;
    for (let k = s; k < e; k++) r[order[k][1]] = (s + e + 1) / 2;
    s = e;
  }
  return r;
}

function pearson(x: number[], y: number[]): number {
  const n = x.length;
  if (n < 2) return NaN;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}

/** compare.csv: one row per ward in both runs, in B's rank order (unranked last), then by code. */
export function comparisonCsvRows(c: Comparison): { header: string[]; rows: (string | number)[][] } {
  const header = [
    'code',
    'name',
    'borough_name',
    'rank_a',
    'rank_b',
    'rank_change',
    'index_a',
    'index_b',
    'index_change',
    ...c.measures.map((m) => `contribution_change_${m}`),
    'moved_most_by',
  ];
  const order = [...c.wards].sort(
    (x, y) =>
      (x.rankB === x.rankB ? x.rankB : Infinity) - (y.rankB === y.rankB ? y.rankB : Infinity) ||
      (x.code < y.code ? -1 : 1),
  );
  const rows = order.map((w) => [
    w.code,
    w.name,
    w.parentName,
    w.rankA,
    w.rankB,
    w.rankChange,
    w.indexA,
    w.indexB,
    w.indexChange,
    ...w.contributionChange,
    w.movedMostBy.slice(0, 3).join(' '),
  ]);
  return { header, rows };
}
