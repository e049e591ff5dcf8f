/**
 * Ascending fractional ranks with ties averaged ("fractional ranking", R's
 * `rank(ties.method = "average")`): the smallest value gets 1; k values tied over positions
 * p…p+k−1 each get p + (k−1)/2. Missing values (NaN) get NaN and are not counted.
 *
 * Sorting an index array keyed by a typed column keeps this O(n log n) with no per-cell objects.
 */
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

/** Indices of the non-missing values, sorted by value ascending (stable for ties: lower index first). */
export function presentOrder(x: ArrayLike<number>): Uint32Array {
  let m = 0;
  for (let i = 0; i < x.length; i++) if (x[i] === x[i]) m++;
  const order = new Uint32Array(m);
  let k = 0;
  for (let i = 0; i < x.length; i++) if (x[i] === x[i]) order[k++] = i;
  order.sort((a, b) => x[a] - x[b] || a - b);
  return order;
}
