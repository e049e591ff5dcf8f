/**
 * Priority ranks: 1 for the largest value, ties averaged, NaN for missing — the ascending
 * fractional rank of −x. Reference: as `rankAverage`.
 */
import { rankAverage } from './rankAverage.ts';

export function rankDescending(x: ArrayLike<number>, out?: Float64Array): Float64Array {
  return rankAverage(x, out, -1);
}
