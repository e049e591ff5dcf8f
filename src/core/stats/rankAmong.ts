/**
 * Ascending ranks (ties averaged) among the members of a reference set, and for every other
 * area the rank its value would take among the members:
 *
 *   member:      rank among members (rankAverage)
 *   non-member:  #(members < v) + #(members = v)/2 + ½, clamped to 1 … m (m members)
 *
 * so the members' ranks do not depend on non-members at all. Missing values stay NaN.
 */
import { rankAverage } from './rankAverage.ts';
import { membersOnly } from './referenceMask.ts';

export function rankAmong(y: Float64Array, ref: Uint8Array | undefined): { ranks: Float64Array; members: number } {
  const ranks = rankAverage(membersOnly(y, ref));
  let m = 0;
  for (let i = 0; i < ranks.length; i++) if (ranks[i] === ranks[i]) m++;
  if (!ref) return { ranks, members: m };
  const sorted = new Float64Array(m);
  let k = 0;
  for (let i = 0; i < y.length; i++) if (ref[i] === 1 && y[i] === y[i]) sorted[k++] = y[i];
  sorted.sort();
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (ref[i] === 1 || v !== v) continue;
    const less = bound(sorted, v, false);
    const equal = bound(sorted, v, true) - less;
    ranks[i] = Math.min(m, Math.max(1, less + equal / 2 + 0.5));
  }
  return { ranks, members: m };
}

/** First position whose value is ≥ v (strict = false) or > v (strict = true). */
function bound(a: Float64Array, v: number, strict: boolean): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < v || (strict && a[mid] === v)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
