/**
 * Step "combine": categories → index.
 *
 * - arithmetic:  I = Σ_c w_c · S_c / Σ_c w_c
 * - geometric:   I = exp(Σ_c w_c · ln S_c / Σ_c w_c)     (every S_c > 0: see steps/positiveScale.ts)
 * - exponential: I = Σ_c w_c · X(S_c) / Σ_c w_c         X = the IoD exponential transformation
 *
 * Weights are renormalised over the categories a ward has; a ward whose present category weight
 * is below `min_coverage` (default 1: every category with data) is not ranked. So the City of
 * London, which has no MPS crime data, is reported as "no data" rather than ranked as if it had
 * no crime.
 *
 * The exponential transformation ranks each category's scores among the areas ranked in this
 * run only (those meeting `min_coverage`): an unranked area never takes a rank position, so
 * it cannot shift anyone's X.
 */
import type { CombineMethod, Methods } from '../framework.ts';
import type { StepRecord } from '../types.ts';
import { weightedRowMean, type RowMeanBuffers } from '../stats/weightedMean.ts';
import { exponentialTransform } from '../stats/exponentialTransform.ts';
import { aggregator } from '../methods/aggregate/registry.ts';

export function combine(
  categories: Readonly<Record<string, Float64Array>>,
  weights: Readonly<Record<string, number>>,
  settings: Methods['combine'],
  n: number,
): { index: Float64Array; coverage: Float64Array; transformed: Record<string, Float64Array>; record: StepRecord } {
  const ids = Object.keys(categories);
  const transformed = settings.method === 'exponential' ? ids.map(() => new Float64Array(n)) : undefined;
  const { value, coverage } = combineColumns(
    ids.map((id) => categories[id]),
    ids.map((id) => weights[id]),
    settings.method,
    settings.min_coverage,
    n,
    { transformed },
  );
  let unranked = 0;
  for (let i = 0; i < n; i++) if (value[i] !== value[i]) unranked++;
  const notes = unranked ? [`${unranked} area(s) lack a category score and are not ranked`] : [];
  if (settings.method === 'exponential')
    notes.push('exponential transformation of each category over the areas ranked in this run');
  return {
    index: value,
    coverage,
    transformed: transformed ? Object.fromEntries(ids.map((id, k) => [id, transformed[k]])) : {},
    record: { step: 'combine', settings: { ...settings, weights }, notes },
  };
}

/**
 * The index from category columns (the combine step's arithmetic, shared with the Monte Carlo
 * fast path). `scratch.transformed` (exponential: one array of length ≥ n per column) receives
 * the X columns; `scratch.into` / `scratch.covered` are reused output buffers.
 */
export function combineColumns(
  columns: readonly Float64Array[],
  weights: readonly number[],
  method: CombineMethod,
  minCoverage: number,
  n: number,
  scratch: { transformed?: Float64Array[]; into?: RowMeanBuffers; covered?: RowMeanBuffers } = {},
): { value: Float64Array; coverage: Float64Array } {
  if (method !== 'exponential') return aggregator(method).mean(columns, weights, minCoverage, n, scratch.into);
  // the areas ranked in this run: an arithmetic mean is NaN exactly where coverage falls short
  const covered = weightedRowMean(columns, weights, 'arithmetic', minCoverage, n, scratch.covered).value;
  const xs = columns.map((col, k) => {
    const out = scratch.transformed?.[k] ?? new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = covered[i] === covered[i] ? col[i] : NaN;
    return exponentialTransform(out, out);
  });
  return weightedRowMean(xs, weights, 'arithmetic', minCoverage, n, scratch.into);
}
