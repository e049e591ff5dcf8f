/**
 * Row-wise weighted means across columns, with weights renormalised over the values present in
 * each row (OECD/JRC 2008 Handbook §1.7; COINr `Aggregate()` with missing data):
 *
 *   arithmetic:  y = Σᵢ wᵢ·xᵢ / Σᵢ wᵢ            over present i
 *   geometric:   y = exp(Σᵢ wᵢ·ln xᵢ / Σᵢ wᵢ)    over present i (requires every xᵢ > 0)
 *
 * coverage = Σ_present wᵢ / Σ_all wᵢ; a row whose coverage is below `minCoverage` gets NaN.
 * Returns the result and the coverage per row. Column-at-a-time loops keep the inner loop on
 * contiguous typed arrays. `into` (optional) supplies the output and scratch arrays (length ≥ n),
 * so a caller evaluating thousands of runs (robustness) does not allocate per call; `logged`
 * (geometric only) says the columns already hold ln xᵢ, so a caller reusing columns across many
 * means takes each logarithm once (same arithmetic, same result).
 */
import { extent } from './moments.ts';

export type MeanKind = 'arithmetic' | 'geometric';

export interface RowMeanBuffers {
  value: Float64Array;
  coverage: Float64Array;
  wsum: Float64Array;
}

export function weightedRowMean(
  columns: readonly Float64Array[],
  weights: readonly number[],
  kind: MeanKind,
  minCoverage: number,
  n: number,
  into?: RowMeanBuffers,
  logged = false,
): { value: Float64Array; coverage: Float64Array } {
  const sum = into ? into.value.fill(0) : new Float64Array(n);
  const wsum = into ? into.wsum.fill(0) : new Float64Array(n);
  let wall = 0;
  for (let c = 0; c < columns.length; c++) {
    const w = weights[c];
    if (!(w > 0)) continue;
    wall += w;
    const col = columns[c];
    if (kind === 'arithmetic' || logged) {
      for (let i = 0; i < n; i++) {
        const v = col[i];
        if (v === v) {
          sum[i] += w * v;
          wsum[i] += w;
        }
      }
    } else {
      for (let i = 0; i < n; i++) {
        const v = col[i];
        if (v === v) {
          sum[i] += w * Math.log(v);
          wsum[i] += w;
        }
      }
    }
  }
  const coverage = into ? into.coverage : new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const cov = wall > 0 ? wsum[i] / wall : 0;
    coverage[i] = cov;
    // a small tolerance so that coverage exactly at the threshold is not lost to rounding
    if (wsum[i] > 0 && cov >= minCoverage - 1e-12) {
      const m = sum[i] / wsum[i];
      sum[i] = kind === 'arithmetic' ? m : Math.exp(m);
    } else sum[i] = NaN;
  }
  return { value: sum, coverage };
}

/** Rescale to [1, 100] (min-max), as COINr does before a geometric mean: all values strictly positive. */
export function rescaleToPositive(x: Float64Array): Float64Array {
  const [lo, hi] = extent(x);
  const out = new Float64Array(x.length);
  const range = hi - lo;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    out[i] = v === v ? (range > 0 ? 1 + (99 * (v - lo)) / range : 50.5) : NaN;
  }
  return out;
}
