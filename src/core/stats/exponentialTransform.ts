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

/** Exponentially transformed scores of a column (higher value = higher priority). */
export function exponentialTransform(x: Float64Array): Float64Array {
  const r = rankDescending(x);
  let n = 0;
  for (let i = 0; i < r.length; i++) if (r[i] === r[i]) n++;
  for (let i = 0; i < r.length; i++) r[i] = r[i] === r[i] ? exponentialFromRank(r[i], n) : NaN;
  return r;
}
