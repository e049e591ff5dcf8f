/**
 * Step "combine": categories → index.
 *
 * - arithmetic:  I = Σ_c w_c · S_c / Σ_c w_c           over categories present
 * - exponential: I = Σ_c w_c · X(S_c) / Σ_c w_c        X = the IoD exponential transformation
 *
 * Weights are renormalised over the categories a ward has; a ward whose present category weight
 * is below `min_coverage` (default 1: every category with data) is not ranked. So the City of
 * London, which has no MPS crime data, is reported as "no data" rather than ranked as if it had
 * no crime.
 */
import type { Methods } from '../framework.ts';
import type { StepRecord } from '../types.ts';
import { weightedRowMean } from '../stats/weightedMean.ts';
import { exponentialTransform } from '../stats/exponentialTransform.ts';

export function combine(
  categories: Readonly<Record<string, Float64Array>>,
  weights: Readonly<Record<string, number>>,
  settings: Methods['combine'],
  n: number,
): { index: Float64Array; coverage: Float64Array; record: StepRecord } {
  const ids = Object.keys(categories);
  const cols = ids.map((id) => (settings.method === 'exponential' ? exponentialTransform(categories[id]) : categories[id]));
  const { value, coverage } = weightedRowMean(cols, ids.map((id) => weights[id]), 'arithmetic', settings.min_coverage, n);
  let unranked = 0;
  for (let i = 0; i < n; i++) if (value[i] !== value[i]) unranked++;
  const notes = unranked ? [`${unranked} area(s) lack a category score and are not ranked`] : [];
  return { index: value, coverage, record: { step: 'combine', settings: { ...settings, weights }, notes } };
}
