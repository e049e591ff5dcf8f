/**
 * Sample quantiles by Hyndman & Fan's (1996) definition 7 (R's default `quantile(type = 7)`,
 * numpy's default): with the m values sorted x₍₁₎ ≤ … ≤ x₍ₘ₎ and h = (m − 1)·p,
 *   Q(p) = x₍⌊h⌋+1₎ + (h − ⌊h⌋)·(x₍⌊h⌋+2₎ − x₍⌊h⌋+1₎).
 * Reference: R. J. Hyndman, Y. Fan (1996), "Sample quantiles in statistical packages",
 * The American Statistician 50(4), 361–365.
 */

/** Type-7 quantile of an ascending array (NaN when empty). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const m = sorted.length;
  if (m === 0) return NaN;
  const h = (m - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, m - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Type-7 quantile of values given as counts per bin, value(bin) = `valueOf(bin)` increasing
 * with the bin: the same as expanding the counts and calling `quantileSorted`, without the copy.
 */
export function quantileOfCounts(
  counts: ArrayLike<number>,
  offset: number,
  bins: number,
  p: number,
  valueOf: (bin: number) => number,
): number {
  let m = 0;
  for (let b = 0; b < bins; b++) m += counts[offset + b];
  if (m === 0) return NaN;
  const h = (m - 1) * p;
  const lo = Math.floor(h);
  const at = (k: number): number => {
    let seen = 0;
    for (let b = 0; b < bins; b++) {
      seen += counts[offset + b];
      if (seen > k) return valueOf(b);
    }
    return NaN;
  };
  const a = at(lo);
  return h === lo ? a : a + (h - lo) * (at(Math.min(lo + 1, m - 1)) - a);
}
