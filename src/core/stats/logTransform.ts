/**
 * The log transformation applied after failed Winsorisation: COINr's `log_CT_plus` ("log
 * transform a vector (skew corrected)"), shifted so that every value is defined:
 *
 *   positive skew:  x' = ln(x − min(x) + a)
 *   negative skew:  x' = −ln(max(x) + a − x)        with a = 0.01·(max(x) − min(x))
 *
 * The positive-skew form is COINr's `log_CT` (the "modified COIN Tool log"); `log_CT_plus`
 * adds the mirrored form for negative skew, so the absolute skew falls whatever its sign and
 * the order of the values is kept. min and max are the reference set's (`ref`; default every
 * area); a value outside it below min − a (positive skew) or above max + a (negative skew) has
 * no logarithm and becomes missing. Reference: COINr 1.1.14 documentation (Becker W.,
 * "COINr", R package), functions `log_CT` and `log_CT_plus`.
 */
import { extent } from './moments.ts';
import { membersOnly } from './referenceMask.ts';

export function logTransformCT(x: Float64Array, skewSign: number, ref?: Uint8Array): Float64Array {
  const [lo, hi] = extent(membersOnly(x, ref));
  const a = 0.01 * (hi - lo);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    out[i] = skewSign >= 0 ? Math.log(v - lo + a) : -Math.log(hi + a - v);
  }
  return out;
}
