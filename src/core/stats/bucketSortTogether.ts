/**
 * Sorts keys[0, m) ascending in place, applying the same moves to ids — by distribution into
 * m equal-width buckets over [min, max] (bucket sort; Knuth, TAOCP vol. 3 §5.2.5 "sorting by
 * distribution"; Cormen et al., Introduction to Algorithms, §8.4):
 *
 *   bucket(k) = min(m − 1, ⌊(k − min) · m / (max − min)⌋)
 *
 * then a counting pass, a stable scatter into bucket order, and one insertion-sort sweep, which
 * only moves items within their bucket (a bucket of more than 24 items, from a skewed column, is
 * quicksorted first). Every floating-point step of bucket(k) is monotone in k (rounding to
 * nearest is), so k < k′ never puts k in a later bucket and the result is exactly sorted. Linear
 * in m for smooth data; about 2× faster than the quicksort on a London composite column, and
 * it is the sort behind every ranking (the Monte Carlo runs rank thousands of columns).
 *
 * Falls back to `sortTogether` (quicksort) below 64 items and when the range is not a finite
 * positive number (all keys equal, an infinite key). Not stable (nor needs to be: tied keys
 * share one average rank). Keys must not be NaN. −0 and 0 are equal keys.
 */
import { sortTogether } from './sortTogether.ts';

const BUCKETS_FROM = 64;
const LONG_BUCKET = 24;

// Scratch space reused across calls; safe because this function neither yields nor re-enters.
let bucketOf = new Int32Array(0);
let ends = new Int32Array(0);
let spareKeys = new Float64Array(0);
let spareIds = new Uint32Array(0);

export function bucketSortTogether(keys: Float64Array, ids: Uint32Array, m: number): void {
  if (m < BUCKETS_FROM) return sortTogether(keys, ids, 0, m);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < m; i++) {
    const k = keys[i];
    if (k < lo) lo = k;
    if (k > hi) hi = k;
  }
  const scale = m / (hi - lo);
  if (!(scale > 0 && scale < Infinity)) return sortTogether(keys, ids, 0, m);
  if (spareKeys.length < m) {
    bucketOf = new Int32Array(m);
    ends = new Int32Array(m + 1);
    spareKeys = new Float64Array(m);
    spareIds = new Uint32Array(m);
  }
  const bucket = bucketOf;
  const end = ends;
  const tk = spareKeys;
  const ti = spareIds;
  end.fill(0, 0, m + 1);
  const last = m - 1;
  for (let i = 0; i < m; i++) {
    let b = Math.floor((keys[i] - lo) * scale);
    if (b > last) b = last;
    bucket[i] = b;
    end[b + 1]++;
  }
  let longest = 0;
  for (let b = 1; b <= m; b++) {
    if (end[b] > longest) longest = end[b];
    end[b] += end[b - 1];
  }
  // end[b] is now where bucket b starts; each placement advances it, leaving where b ends
  for (let i = 0; i < m; i++) {
    const p = end[bucket[i]]++;
    tk[p] = keys[i];
    ti[p] = ids[i];
  }
  if (longest > LONG_BUCKET) {
    let start = 0;
    for (let b = 0; b < m; b++) {
      if (end[b] - start > LONG_BUCKET) sortTogether(tk, ti, start, end[b]);
      start = end[b];
    }
  }
  // items are out of order only within a bucket: one insertion sweep back into keys/ids
  for (let i = 0; i < m; i++) {
    const k = tk[i];
    const d = ti[i];
    let j = i - 1;
    while (j >= 0 && keys[j] > k) {
      keys[j + 1] = keys[j];
      ids[j + 1] = ids[j];
      j--;
    }
    keys[j + 1] = k;
    ids[j + 1] = d;
  }
}
