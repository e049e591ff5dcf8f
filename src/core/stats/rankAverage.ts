/**
 * Ascending fractional ranks with ties averaged ("fractional ranking", R's
 * `rank(ties.method = "average")`): the smallest value gets 1; k values tied over positions
 * p…p+k−1 each get p + (k−1)/2. Missing values (NaN) get NaN and are not counted.
 *
 * Sorting an index array keyed by a typed column keeps this fast with no per-cell objects.
 */
import { radixOrder } from './radixOrder.ts';

export function rankAverage(x: ArrayLike<number>, out: Float64Array = new Float64Array(x.length)): Float64Array {
  const order = presentOrder(x);
  const m = order.length;
  out.fill(NaN);
  let i = 0;
  while (i < m) {
    let j = i + 1;
    const v = x[order[i]];
    while (j < m && x[order[j]] === v) j++;
    const r = (i + 1 + j) / 2; // mean of positions i+1 … j
    for (let k = i; k < j; k++) out[order[k]] = r;
    i = j;
  }
  return out;
}

/**
 * Indices of the non-missing values, sorted by value ascending (stable for ties: lower index
 * first). Short columns use a comparator sort; longer ones a radix sort (`radixOrder`), whose
 * cost grows linearly — the comparator sort dominated ranking at national scale.
 */
export function presentOrder(x: ArrayLike<number>): Uint32Array {
  let m = 0;
  for (let i = 0; i < x.length; i++) if (x[i] === x[i]) m++;
  const order = new Uint32Array(m);
  let k = 0;
  for (let i = 0; i < x.length; i++) if (x[i] === x[i]) order[k++] = i;
  if (m < RADIX_FROM) return order.sort((a, b) => x[a] - x[b] || a - b);
  const values = new Float64Array(m);
  for (let j = 0; j < m; j++) values[j] = x[order[j]];
  return radixOrder(values, order);
}

/** Below this many values the radix sort's fixed cost (8 × 256 counters) outweighs its gain. */
const RADIX_FROM = 256;
