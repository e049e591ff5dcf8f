/**
 * Statistics over a reference set of areas. `ref[i] = 1` marks area i as a member; `undefined`
 * means every area. A fitted step (normalisation, outlier treatment) takes its statistics —
 * mean, SD, min, max, median, ranks, skewness — from the members only and then applies the
 * fitted transformation to every area, so an area outside the set (an unranked area) never
 * moves the others' values.
 */

/** x with non-members set to missing (x itself when every area is a member). */
export function membersOnly(x: Float64Array, ref: Uint8Array | undefined): Float64Array {
  if (!ref) return x;
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = ref[i] === 1 ? x[i] : NaN;
  return out;
}

/** True when some area with a value is outside the set. */
export function hasOutsiders(x: Float64Array, ref: Uint8Array | undefined): boolean {
  if (!ref) return false;
  for (let i = 0; i < x.length; i++) if (ref[i] !== 1 && x[i] === x[i]) return true;
  return false;
}
