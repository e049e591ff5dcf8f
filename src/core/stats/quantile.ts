/**
 * Median of the non-missing values: the middle value, or the mean of the two middle values
 * (R's `median`, simple-statistics' `median`). NaN when there are none.
 */
export function median(x: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) if (x[i] === x[i]) m++;
  if (m === 0) return NaN;
  const v = new Float64Array(m);
  let k = 0;
  for (let i = 0; i < x.length; i++) if (x[i] === x[i]) v[k++] = x[i];
  v.sort();
  const mid = m >> 1;
  return m % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}
