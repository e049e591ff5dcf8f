/**
 * Ascending fractional ranks with ties averaged ("fractional ranking", R's
 * `rank(ties.method = "average")`): the smallest value gets 1; k values tied over positions
 * p…p+k−1 each get p + (k−1)/2. Missing values (NaN) get NaN and are not counted.
 *
 * Sorting (value, position) pairs held in typed arrays (`bucketSortTogether`) keeps this fast
 * with no per-cell objects; with `out` given it allocates nothing, which the Monte Carlo runs
 * rely on (thousands of columns ranked).
 */
import { bucketSortTogether } from './bucketSortTogether.ts';
import { radixOrder } from './radixOrder.ts';

let scratchKeys = new Float64Array(0);
let scratchIds = new Uint32Array(0);

/** `sign` −1 ranks −x (so 1 goes to the largest value) without copying the column. */
export function rankAverage(x: ArrayLike<number>, out: Float64Array = new Float64Array(x.length), sign: 1 | -1 = 1): Float64Array {
  // one element kind in the loops below keeps them monomorphic (fast) whatever callers pass
  return rankColumn(x instanceof Float64Array ? x : Float64Array.from(x), out, sign);
}

function rankColumn(x: Float64Array, out: Float64Array, sign: 1 | -1): Float64Array {
  let m = 0;
  for (let i = 0; i < x.length; i++) if (x[i] === x[i]) m++;
  if (scratchKeys.length < m) {
    scratchKeys = new Float64Array(m);
    scratchIds = new Uint32Array(m);
  }
  // Scratch space reused across calls (ranking runs thousands of times in a Monte Carlo analysis);
  // safe because this function neither yields nor re-enters.
  const keys = scratchKeys;
  const ids = scratchIds;
  let k = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v === v) {
      keys[k] = sign * v;
      ids[k++] = i;
    }
  }
  // The order within a tie does not matter (tied values share the mean rank), so an unstable
  // in-place sort of (value, position) pairs will do, and it is the fastest here.
  bucketSortTogether(keys, ids, m);
  out.fill(NaN);
  let i = 0;
  while (i < m) {
    let j = i + 1;
    while (j < m && keys[j] === keys[i]) j++;
    const r = (i + 1 + j) / 2; // mean of positions i+1 … j
    for (let t = i; t < j; t++) out[ids[t]] = r;
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
