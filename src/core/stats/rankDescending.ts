/**
 * Priority ranks: 1 for the largest value, ties averaged, NaN for missing — the ascending
 * fractional rank of −x. Reference: as `rankAverage`.
 */
import { rankAverage } from './rankAverage.ts';

export function rankDescending(x: ArrayLike<number>, out?: Float64Array): Float64Array {
  const neg = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) neg[i] = -x[i];
  return rankAverage(neg, out);
}
