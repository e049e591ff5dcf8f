/**
 * A column's value for a pilot area: the ward's own value for a one-ward pilot; for a cluster,
 * the population-weighted mean over its wards that have a value, Σ pᵢxᵢ / Σ pᵢ (the plain mean
 * when populations are unknown). NaN when no ward has a value.
 */
export function areaValue(
  column: ArrayLike<number>,
  members: readonly number[],
  population: ArrayLike<number>,
): number {
  if (members.length === 1) return column[members[0]];
  let sw = 0;
  let s = 0;
  let n = 0;
  let plain = 0;
  for (const i of members) {
    const x = column[i];
    if (!(x === x)) continue;
    n++;
    plain += x;
    const p = population[i];
    if (p === p && p > 0) {
      sw += p;
      s += p * x;
    }
  }
  if (n === 0) return NaN;
  return sw > 0 ? s / sw : plain / n;
}
