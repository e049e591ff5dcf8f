/**
 * Ascending fractional ranks with ties averaged ("fractional ranking", R's
 * `rank(ties.method = "average")`): the smallest value gets 1; k values tied over positions
 * p…p+k−1 each get p + (k−1)/2. Missing values (NaN) get NaN and are not counted.
 *
 * Ranks come from a distribution into m equal-width buckets over [min, max] of the m present
 * values (bucket sort: Knuth, TAOCP vol. 3 §5.2.5 "sorting by distribution"; Cormen et al.,
 * Introduction to Algorithms §8.4), without sorting within buckets:
 *
 *   bucket(v) = min(m − 1, ⌊(v − min) · m / (max − min)⌋)
 *   rank(v)   = (values in earlier buckets) + #{u in v's bucket: u < v} + (#{u in v's bucket: u = v} + 1) / 2
 *
 * Each floating-point step of bucket(v) is monotone in v (rounding to nearest is), so every
 * smaller value sits in the same or an earlier bucket and equal values share one: the ranks are
 * exact. Buckets hold one or two values on smooth data, so this is linear in m (about 2× faster
 * than quicksorting (value, position) pairs on London's composite columns); a bucket of more
 * than 24 values (a skewed column) is quicksorted (`sortTogether`), as are columns under 64
 * values and columns whose range is not a finite positive number. With `out` given nothing is
 * allocated, which the Monte Carlo runs rely on (thousands of columns ranked).
 */
import { radixOrder } from './radixOrder.ts';
import { sortTogether } from './sortTogether.ts';

const BUCKETS_FROM = 64;
const LONG_BUCKET = 24;

// Scratch space reused across calls; safe because ranking neither yields nor re-enters.
let scratchKeys = new Float64Array(0);
let scratchIds = new Uint32Array(0);
let scratchBucket = new Int32Array(0);
let scratchEnds = new Int32Array(0);

function scratch(n: number): void {
  if (scratchKeys.length >= n) return;
  scratchKeys = new Float64Array(n);
  scratchIds = new Uint32Array(n);
  scratchBucket = new Int32Array(n);
  scratchEnds = new Int32Array(n + 1);
}

/** `sign` −1 ranks −x (so 1 goes to the largest value) without copying the column. `out` may be x. */
export function rankAverage(
  x: ArrayLike<number>,
  out: Float64Array = new Float64Array(x.length),
  sign: 1 | -1 = 1,
): Float64Array {
  // one element kind in the loops below keeps them monomorphic (fast) whatever callers pass
  return rankColumn(x instanceof Float64Array ? x : Float64Array.from(x), out, sign);
}

function rankColumn(x: Float64Array, out: Float64Array, sign: 1 | -1): Float64Array {
  const n = x.length;
  scratch(n);
  let m = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = x[i];
    if (v === v) {
      const k = sign * v;
      if (k < lo) lo = k;
      if (k > hi) hi = k;
      m++;
    } else out[i] = NaN; // x[i] is NaN too, so this is safe when out is x
  }
  const scale = m / (hi - lo);
  if (m < BUCKETS_FROM || !(scale > 0 && scale < Infinity)) return rankBySorting(x, out, sign);
  const keys = scratchKeys;
  const ids = scratchIds;
  const bucket = scratchBucket;
  const end = scratchEnds;
  end.fill(0, 0, m + 1);
  const last = m - 1;
  for (let i = 0; i < n; i++) {
    const v = x[i];
    if (v !== v) continue;
    let b = Math.floor((sign * v - lo) * scale);
    if (b > last) b = last;
    bucket[i] = b;
    end[b + 1]++;
  }
  for (let b = 1; b <= m; b++) end[b] += end[b - 1];
  // end[b] is where bucket b starts; placing a value advances it, leaving where b ends. From here
  // on x is not read, so out may be x.
  for (let i = 0; i < n; i++) {
    const v = x[i];
    if (v !== v) continue;
    const p = end[bucket[i]]++;
    keys[p] = sign * v;
    ids[p] = i;
  }
  let start = 0;
  for (let b = 0; b < m; b++) {
    const stop = end[b];
    const size = stop - start;
    if (size === 1) out[ids[start]] = start + 1;
    else if (size > LONG_BUCKET) {
      sortTogether(keys, ids, start, stop);
      assignSortedRanks(keys, ids, start, stop, out);
    } else if (size > 1) {
      for (let q = start; q < stop; q++) {
        const k = keys[q];
        let less = 0;
        let equal = 0;
        for (let r = start; r < stop; r++) {
          if (keys[r] < k) less++;
          else if (keys[r] === k) equal++;
        }
        out[ids[q]] = start + less + (equal + 1) / 2;
      }
    }
    start = stop;
  }
  return out;
}

/** The plain way, for short or degenerate columns: sort (value, position) pairs, then sweep the ties. */
function rankBySorting(x: Float64Array, out: Float64Array, sign: 1 | -1): Float64Array {
  const keys = scratchKeys;
  const ids = scratchIds;
  let m = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v === v) {
      keys[m] = sign * v;
      ids[m++] = i;
    }
  }
  // The order within a tie does not matter (tied values share the mean rank), so an unstable
  // in-place sort of (value, position) pairs will do.
  sortTogether(keys, ids, 0, m);
  assignSortedRanks(keys, ids, 0, m, out);
  return out;
}

/** keys[from, to) sorted ascending: each run of equal keys at positions i…j−1 gets rank (i + 1 + j) / 2. */
function assignSortedRanks(keys: Float64Array, ids: Uint32Array, from: number, to: number, out: Float64Array): void {
  let i = from;
  while (i < to) {
    let j = i + 1;
    while (j < to && keys[j] === keys[i]) j++;
    const r = (i + 1 + j) / 2; // mean of positions i+1 … j
    for (let t = i; t < j; t++) out[ids[t]] = r;
    i = j;
  }
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
