/**
 * Step "aggregate": indicators → measures → categories, each a weighted mean by a method of the
 * aggregation registry (src/core/methods/aggregate/: arithmetic, geometric), chosen per level
 * (`aggregate.indicators`, `aggregate.measures`), with weights renormalised over the values
 * present (see `weightedRowMean`).
 *
 * - A ward whose present indicator weight is below the measure's `min_coverage` share gets no
 *   measure score (NaN) and a flag; likewise measures → categories with the category's
 *   `min_coverage`. Nothing is silently treated as zero.
 * - Inputs are never rescaled here (COINr's convention): geometric means get positive inputs
 *   because the normalised indicators were put on a positive scale (steps/positiveScale.ts).
 *
 * Reference: OECD/JRC (2008) Handbook §1.7 (linear and geometric aggregation); COINr `Aggregate()`.
 */
import type { AggregateMethod, CategorySpec, MeasureSpec } from '../framework.ts';
import type { StepRecord } from '../types.ts';
import { aggregator } from '../methods/aggregate/registry.ts';
import type { RowMeanBuffers } from '../stats/weightedMean.ts';

export interface Group {
  id: string;
  minCoverage: number;
  members: string[];
  weights: number[];
}

export interface AggregateOutput {
  scores: Record<string, Float64Array>;
  /** Per group: count of areas below the coverage threshold. */
  uncovered: Record<string, number>;
}

/**
 * Aggregates member columns into one column per group. `logMemo` (optional) lets a caller that
 * aggregates the same columns many times (the robustness runs) keep each column's geometric-mean
 * input across calls, as its logarithm: the same numbers, each logarithm taken once. `into`
 * (optional, one per group in order) supplies the output arrays, so such a caller does not
 * allocate per call; the scores are then those arrays, overwritten by its next call.
 */
export function aggregateGroups(
  groups: readonly Group[],
  columns: Readonly<Record<string, Float64Array>>,
  kind: AggregateMethod,
  n: number,
  logMemo?: WeakMap<Float64Array, Float64Array>,
  into?: readonly RowMeanBuffers[],
): AggregateOutput {
  const scores: Record<string, Float64Array> = {};
  const uncovered: Record<string, number> = {};
  const method = aggregator(kind);
  // logMemo: a geometric mean over columns the caller keeps takes each column's logarithm once
  const logged = logMemo !== undefined && kind === 'geometric';
  for (let k = 0; k < groups.length; k++) {
    const g = groups[k];
    const cols = g.members.map((id) => (logged ? memoLog(logMemo!, columns[id]) : columns[id]));
    const { value } = method.mean(cols, g.weights, g.minCoverage, n, into?.[k], logged);
    scores[g.id] = value;
    let missing = 0;
    for (let i = 0; i < n; i++) if (value[i] !== value[i]) missing++;
    uncovered[g.id] = missing;
  }
  return { scores, uncovered };
}

/** ln of a column, remembered in `memo`. */
function memoLog(memo: WeakMap<Float64Array, Float64Array>, column: Float64Array): Float64Array {
  let out = memo.get(column);
  if (!out) {
    // a loop rather than column.map(Math.log): the same logarithms, without a call per value
    out = new Float64Array(column.length);
    for (let i = 0; i < column.length; i++) out[i] = Math.log(column[i]);
    memo.set(column, out);
  }
  return out;
}

/** The measure groups: each measure's indicators (those with data) and their weights. */
export function measureGroups(
  measures: readonly MeasureSpec[],
  indicatorMeasure: ReadonlyMap<string, string>,
  indicatorWeight: Readonly<Record<string, number>>,
): Group[] {
  return measures
    .map((m) => {
      const members = [...indicatorMeasure].filter(([, mid]) => mid === m.id).map(([id]) => id);
      return { id: m.id, minCoverage: m.min_coverage, members, weights: members.map((id) => indicatorWeight[id]) };
    })
    .filter((g) => g.members.length > 0 && g.weights.some((w) => w > 0));
}

/** The category groups over the measures that have data. */
export function categoryGroups(
  categories: readonly CategorySpec[],
  measures: readonly MeasureSpec[],
  measuresWithData: ReadonlySet<string>,
  measureWeight: Readonly<Record<string, number>>,
): Group[] {
  return categories
    .map((c) => {
      const members = measures.filter((m) => m.category === c.id && measuresWithData.has(m.id)).map((m) => m.id);
      return { id: c.id, minCoverage: c.min_coverage, members, weights: members.map((id) => measureWeight[id]) };
    })
    .filter((g) => g.members.length > 0 && g.weights.some((w) => w > 0));
}

export function aggregateRecord(
  level: 'measures' | 'categories',
  kind: AggregateMethod,
  groups: readonly Group[],
  out: AggregateOutput,
): StepRecord {
  const notes: string[] = [];
  for (const g of groups) {
    if (out.uncovered[g.id] > 0) {
      notes.push(
        `${g.id}: ${out.uncovered[g.id]} area(s) below ${Math.round(g.minCoverage * 100)} % coverage get no score`,
      );
    }
  }
  return {
    step: `aggregate:${level}`,
    settings: {
      method: kind,
      groups: groups.map(({ id, members, weights, minCoverage }) => ({ id, members, weights, minCoverage })),
    },
    notes,
  };
}

/** Weights divided by their sum (all zero → all zero). */
export function normaliseWeights(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + (b > 0 ? b : 0), 0);
  return weights.map((w) => (total > 0 && w > 0 ? w / total : 0));
}
