/**
 * The COIN Tool log transformation as COINr's `log_CT` / `log_CT_SC` apply it after failed
 * Winsorisation, shifted so that every value is defined:
 *
 *   positive skew:  x' = ln(x − min(x) + a)
 *   negative skew:  x' = −ln(max(x) + a − x)        with a = 0.01·(max(x) − min(x))
 *
 * The second form mirrors the first so the absolute skew falls whatever its sign, and keeps
 * the order of the values. Reference: COINr documentation (Becker W., "COINr", R package),
 * functions `log_CT` and `log_CT_SC`.
 */
import { extent } from './moments.ts';

export function logTransformCT(x: Float64Array, skewSign: number): Float64Array {
  const [lo, hi] = extent(x);
  const a = 0.01 * (hi - lo);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    out[i] = skewSign >= 0 ? Math.log(v - lo + a) : -Math.log(hi + a - v);
  }
  return out;
}
