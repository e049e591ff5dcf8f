/**
 * The `count` most extreme non-missing values of a column, as indices in ascending order of
 * value — the last `count` entries of `presentOrder(x)` for the upper side, the first `count`
 * for the lower side, with the same tie rule (equal values: lower index first).
 *
 * Winsorising k ≤ `max_winsorised` points (default 5) only ever reads that end of the order, so
 * one O(n) scan with a small sorted buffer replaces a full O(n log n) sort of every column that
 * fails the shape check. For a large `count` the full order is returned (same contract:
 * `winsorise` reads only the relevant end).
 */
import { presentOrder } from './rankAverage.ts';

/** Above this many points a full sort is cheaper than the buffer's insertion cost. */
const BUFFER_MAX = 64;

export function extremeOrder(x: ArrayLike<number>, count: number, side: 'upper' | 'lower'): Uint32Array {
  if (count > BUFFER_MAX) return presentOrder(x);
  // buf[0 … len−1]: kept indices from least to most extreme
  const buf = new Uint32Array(count);
  let len = 0;
  const upper = side === 'upper';
  // a is more extreme than b (a scanned after b, so a > b as an index)
  const beyond = (a: number, b: number) => (upper ? x[a] >= x[b] : x[a] < x[b]);
  for (let i = 0; i < x.length; i++) {
    if (x[i] !== x[i]) continue;
    if (len === count) {
      if (count === 0 || !beyond(i, buf[0])) continue;
      len--;
      buf.copyWithin(0, 1, count);
    }
    // insert i keeping buf sorted from least to most extreme; scanning by index ascending,
    // i beats an equal value on the upper side (higher index sorts later) and loses on the lower
    let k = len;
    while (k > 0 && !beyond(i, buf[k - 1])) {
      buf[k] = buf[k - 1];
      k--;
    }
    buf[k] = i;
    len++;
  }
  const kept = buf.subarray(0, len);
  return upper ? kept.slice() : kept.slice().reverse();
}
