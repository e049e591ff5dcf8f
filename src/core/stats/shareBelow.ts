/**
 * "Higher than p % of wards": the share of the OTHER areas with a value that are strictly
 * below area i's value,
 *
 *   p_i = #{ j ≠ i : x_j defined, x_j < x_i } / #{ j ≠ i : x_j defined }
 *
 * (a percentile rank in the "strictly below" convention, so the highest area gets 1 and the
 * lowest 0; ties count as not below). NaN when x_i is missing or no other area has a value.
 */
export function shareBelow(values: ArrayLike<number>, i: number): number {
  const x = values[i];
  if (x !== x) return NaN;
  let below = 0;
  let others = 0;
  for (let j = 0; j < values.length; j++) {
    const v = values[j];
    if (j === i || v !== v) continue;
    others++;
    if (v < x) below++;
  }
  return others > 0 ? below / others : NaN;
}
