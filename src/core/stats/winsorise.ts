/**
 * Winsorise the k most extreme points on one side: with the non-missing values sorted
 * x₍₁₎ ≤ … ≤ x₍ₘ₎, the upper side sets the top k values to x₍ₘ₋ₖ₎ and the lower side sets the
 * bottom k to x₍ₖ₊₁₎ — the same as replacing the extreme point by its neighbour k times, as COINr's
 * `winsorise()` does. Reference: OECD/JRC (2008) Handbook §1.5; COINr documentation, "Outlier
 * treatment".
 *
 * `order` is the ascending order of the present values (see `presentOrder`), computed once.
 */
export function winsorise(x: Float64Array, order: Uint32Array, k: number, side: 'upper' | 'lower'): Float64Array {
  const out = x.slice();
  const m = order.length;
  if (k <= 0 || m === 0) return out;
  k = Math.min(k, m - 1);
  if (side === 'upper') {
    const cap = x[order[m - 1 - k]];
    for (let j = m - k; j < m; j++) out[order[j]] = cap;
  } else {
    const floor = x[order[k]];
    for (let j = 0; j < k; j++) out[order[j]] = floor;
  }
  return out;
}
