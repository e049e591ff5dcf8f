/**
 * The exponential transformation of the English Indices of Deprivation, used to combine
 * domains so that a high score in one cannot be fully cancelled by a low score in another.
 *
 * With r the priority rank (1 = highest priority) among the N areas with data,
 *   R = (N − r + 1) / N          (R = 1 for the highest priority, 1/N for the lowest)
 *   X = −23 · ln(1 − R · (1 − e^(−100/23)))
 * so X = 100 at the top and X ≈ 0 at the bottom, with about 10 % of areas above 50.
 *
 * Reference: MHCLG (2019), The English Indices of Deprivation 2019 Technical Report, §3.8 and
 * Appendix: "exponential transformation".
 */
import { rankDescending } from './rankDescending.ts';

const C = 1 - Math.exp(-100 / 23);

export function exponentialFromRank(r: number, n: number): number {
  const R = (n - r + 1) / n;
  return -23 * Math.log(1 - R * C);
}

/**
 * X for every rank 1, 1.5, 2, … n (average ranks of ties are half-integers), indexed by 2r:
 * one logarithm per possible rank, computed once per n, instead of one per area per call (the
 * Monte Carlo runs combine categories thousands of times).
 */
const tables = new Map<number, Float64Array>();
function exponentialTable(n: number): Float64Array {
  let table = tables.get(n);
  if (!table) {
    // Categories of one framework differ in their counts (a ward may lack one): keep a few.
    if (tables.size >= 8) tables.clear();
    table = new Float64Array(2 * n + 1);
    for (let k = 2; k <= 2 * n; k++) table[k] = exponentialFromRank(k / 2, n);
    tables.set(n, table);
  }
  return table;
}

/** Exponentially transformed scores of a column (higher value = higher priority), into `out` if given. */
export function exponentialTransform(x: Float64Array, out?: Float64Array): Float64Array {
  const r = rankDescending(x, out);
  let n = 0;
  for (let i = 0; i < r.length; i++) if (r[i] === r[i]) n++;
  const X = exponentialTable(n);
  // 2r is a whole number (ranks are multiples of ½); an integer index keeps the lookup fast
  for (let i = 0; i < r.length; i++) r[i] = r[i] === r[i] ? X[(2 * r[i]) | 0] : NaN;
  return r;
}
