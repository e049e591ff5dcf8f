/**
 * Percentage change between two periods' counts, guarded against small counts:
 *
 *   change = 100 × (current − previous) / previous   when previous ≥ minBase,
 *   NaN (missing)                                    otherwise, and when either count is missing.
 *
 * Why a guard: for a Poisson count the relative standard error of the base is 1/√previous, so a
 * ward going from 3 to 6 robberies shows +100 % on noise alone. With minBase = 30 the base's
 * relative error is at most 1/√30 ≈ 18 %. A missing value is then handled by the measure's
 * min_coverage rule rather than ranked as an extreme. Reference: ONS, "Crime in England and
 * Wales: user guide" (small numbers and percentage change); Poisson variance of counts.
 */
export function guardedPercentChange(current: Float64Array, previous: Float64Array, minBase: number): Float64Array {
  const out = new Float64Array(current.length);
  for (let i = 0; i < current.length; i++) {
    const c = current[i];
    const p = previous[i];
    out[i] = Number.isNaN(c) || Number.isNaN(p) || p < minBase ? NaN : (100 * (c - p)) / p;
  }
  return out;
}
