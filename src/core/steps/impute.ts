/**
 * Step "impute": fill missing indicator values, or not.
 *
 * - none: leave them missing; aggregation renormalises weights over what is present and a
 *   measure's `min_coverage` decides whether a ward gets a score at all.
 * - mean / median: x̂ = mean (median) of the indicator over all areas with data.
 * - group-mean: x̂ = mean of the indicator over the area's own borough (falls back to the
 *   London mean when the whole borough is missing, and says so).
 *
 * Reference: OECD/JRC (2008) Handbook §1.4 (single imputation); COINr `Impute()`.
 */
import type { ImputeMethod } from '../framework.ts';
import type { StepRecord } from '../types.ts';
import { moments } from '../stats/moments.ts';
import { median } from '../stats/quantile.ts';

export interface ImputeOutput {
  columns: Record<string, Float64Array>;
  imputed: Record<string, Uint8Array>;
  record: StepRecord;
}

export function impute(
  columns: Readonly<Record<string, Float64Array>>,
  method: ImputeMethod,
  parent: Int32Array,
  parentCount: number,
): ImputeOutput {
  const out: Record<string, Float64Array> = {};
  const imputed: Record<string, Uint8Array> = {};
  const notes: string[] = [];
  for (const [id, col] of Object.entries(columns)) {
    const flags = new Uint8Array(col.length);
    imputed[id] = flags;
    if (method === 'none') {
      out[id] = col; // nothing imputed: the flags stay 0, no need to count them
      continue;
    }
    const { filled, fallback } = imputeColumn(col, method, parent, parentCount, flags);
    out[id] = filled;
    if (fallback > 0) notes.push(`${id}: ${fallback} value(s) had no data in their borough; London mean used`);
    let n = 0;
    for (let i = 0; i < flags.length; i++) n += flags[i];
    if (n > 0) notes.push(`${id}: ${n} value(s) imputed (${method})`);
  }
  return { columns: out, imputed, record: { step: 'impute', settings: { method }, notes } };
}

function imputeColumn(
  col: Float64Array,
  method: Exclude<ImputeMethod, 'none'>,
  parent: Int32Array,
  parentCount: number,
  flags: Uint8Array,
): { filled: Float64Array; fallback: number } {
  const filled = col.slice();
  const overall = method === 'median' ? median(col) : moments(col).mean;
  let fallback = 0;
  let groupMean: Float64Array | undefined;
  if (method === 'group-mean') groupMean = meanByGroup(col, parent, parentCount);
  for (let i = 0; i < col.length; i++) {
    if (col[i] === col[i]) continue;
    let v = overall;
    if (groupMean) {
      const g = parent[i] >= 0 ? groupMean[parent[i]] : NaN;
      if (g === g) v = g;
      else fallback++;
    }
    if (v === v) {
      filled[i] = v;
      flags[i] = 1;
    }
  }
  return { filled, fallback };
}

/** Mean of the non-missing values within each group (NaN for a group with none). */
export function meanByGroup(col: Float64Array, group: Int32Array, groupCount: number): Float64Array {
  const sum = new Float64Array(groupCount);
  const count = new Float64Array(groupCount);
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    const g = group[i];
    if (v === v && g >= 0) {
      sum[g] += v;
      count[g]++;
    }
  }
  for (let g = 0; g < groupCount; g++) sum[g] = count[g] > 0 ? sum[g] / count[g] : NaN;
  return sum;
}
