/**
 * Row-wise weighted means across columns, with weights renormalised over the values present in
 * each row (OECD/JRC 2008 Handbook §1.7; COINr `Aggregate()` with missing data):
 *
 *   arithmetic:  y = Σᵢ wᵢ·xᵢ / Σᵢ wᵢ            over present i
 *   geometric:   y = exp(Σᵢ wᵢ·ln xᵢ / Σᵢ wᵢ)    over present i (requires every xᵢ > 0)
 *
 * coverage = Σ_present wᵢ / Σ_all wᵢ; a row whose coverage is below `minCoverage` gets NaN.
 * Returns the result and the coverage per row. Each row's sums stay in registers while it
 * walks the columns (row at a time: about twice as fast as updating two arrays per column, and
 * the same sums in the same order, so the same results). `into` (optional) supplies the output
 * arrays (length ≥ n), so a caller evaluating thousands of runs (robustness) does not allocate
 * per call; `logged` (geometric only) says the columns already hold ln xᵢ, so a caller reusing
 * columns across many means takes each logarithm once (same arithmetic, same result).
 */
import { extent } from './moments.ts';

export type MeanKind = 'arithmetic' | 'geometric';

export interface RowMeanBuffers {
  value: Float64Array;
  coverage: Float64Array;
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
  // the columns with positive weight, in order; each row then sums over them in that order
  const cols: Float64Array[] = [];
  const ws: number[] = [];
  let wall = 0;
  for (let c = 0; c < columns.length; c++) {
    const w = weights[c];
    if (!(w > 0)) continue;
    wall += w;
    cols.push(columns[c]);
    ws.push(w);
  }
  const value = into ? into.value : new Float64Array(n);
  const coverage = into ? into.coverage : new Float64Array(n);
  const takeLog = kind === 'geometric' && !logged;
  // Column at a time over contiguous typed arrays: value[] accumulates Σw·x (or Σw·ln x) and
  // coverage[] accumulates Σw, in column order — the same sums, in the same order, as row by row.
  value.fill(0, 0, n);
  coverage.fill(0, 0, n);
  for (let c = 0; c < cols.length; c++) {
    const col = cols[c];
    const w = ws[c];
    if (takeLog) {
      for (let i = 0; i < n; i++) {
        const v = col[i];
        if (v === v) {
          value[i] += w * Math.log(v);
          coverage[i] += w;
        }
      }
    } else {
      for (let i = 0; i < n; i++) {
        const v = col[i];
        if (v === v) {
          value[i] += w * v;
          coverage[i] += w;
        }
      }
    }
  }
  for (let i = 0; i < n; i++) {
    const wsum = coverage[i];
    const cov = wall > 0 ? wsum / wall : 0;
    coverage[i] = cov;
    // a small tolerance so that coverage exactly at the threshold is not lost to rounding
    if (wsum > 0 && cov >= minCoverage - 1e-12) {
      const mean = value[i] / wsum;
      value[i] = kind === 'arithmetic' ? mean : Math.exp(mean);
    } else value[i] = NaN;
  }
  return { value, coverage };
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
