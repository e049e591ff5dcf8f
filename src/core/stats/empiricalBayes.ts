/**
 * Empirical-Bayes (Poisson–gamma) smoothing of rates by Marshall's method of moments.
 *
 * Each area i has an event count Oᵢ and a population nᵢ > 0, with crude rate rᵢ = Oᵢ / nᵢ.
 * Counts are Poisson with area rates drawn from a gamma distribution of mean b and variance a.
 * Marshall's global moment estimators (Marshall 1991, §3) are
 *
 *   b  = Σ Oᵢ / Σ nᵢ                           (the overall rate)
 *   s² = Σ nᵢ (rᵢ − b)² / Σ nᵢ                (population-weighted variance of the rates)
 *   a  = s² − b / n̄,   n̄ = Σ nᵢ / N           (N areas; a < 0 is set to 0)
 *
 * and the smoothed rate is the posterior mean's linear (credibility) form
 *
 *   r̃ᵢ = b + Cᵢ (rᵢ − b),   Cᵢ = a / (a + b / nᵢ)
 *
 * so a small population (b/nᵢ large: little information) is pulled further toward b than a
 * large one, and a = 0 (no more spread than Poisson noise) pulls every rate to b. The same
 * value in the relative-risk form of Clayton & Kaldor (1987) with a gamma prior of shape
 * ν = b²/a and rate α = b/a on the rate: r̃ᵢ = (Oᵢ + ν) / (nᵢ + α) — equivalently, with
 * Eᵢ = nᵢ·b the expected count, the smoothed relative risk (Oᵢ + ν)/(Eᵢ + ν) (the DESIGN
 * note's (O + α)/(E + α/θ) with prior mean θ = 1).
 *
 * Only areas with a count and a positive population enter the estimates; any other area's
 * smoothed rate is missing (NaN).
 *
 * References: Marshall R.J. (1991) Mapping disease and mortality rates using empirical Bayes
 * estimators. Applied Statistics 40(2), 283–294. Clayton D., Kaldor J. (1987) Empirical Bayes
 * estimates of age-standardized relative risks for use in disease mapping. Biometrics 43,
 * 671–681.
 */

/** The moment estimates of one smoothing pool. */
export interface EBEstimate {
  /** Areas with a count and a positive population. */
  areas: number;
  /** Overall rate b = ΣO / Σn. */
  rate: number;
  /** Weighted variance of the crude rates s². */
  variance: number;
  /** Gamma (between-area) variance a = max(0, s² − b / n̄). */
  priorVariance: number;
}

/** True when area i has a usable count and population. */
function usable(counts: ArrayLike<number>, populations: ArrayLike<number>, i: number): boolean {
  const o = counts[i];
  const n = populations[i];
  return o === o && n > 0 && Number.isFinite(n);
}

/** Marshall's global moment estimates over the areas `members` (all areas when omitted). */
export function marshallEstimate(
  counts: ArrayLike<number>,
  populations: ArrayLike<number>,
  members?: readonly number[],
): EBEstimate {
  const idx = members ?? Array.from({ length: counts.length }, (_, i) => i);
  let N = 0;
  let sumO = 0;
  let sumN = 0;
  for (const i of idx) {
    if (!usable(counts, populations, i)) continue;
    N++;
    sumO += counts[i];
    sumN += populations[i];
  }
  if (N === 0) return { areas: 0, rate: NaN, variance: NaN, priorVariance: NaN };
  const b = sumO / sumN;
  let ss = 0;
  for (const i of idx) {
    if (!usable(counts, populations, i)) continue;
    const d = counts[i] / populations[i] - b;
    ss += populations[i] * d * d;
  }
  const s2 = ss / sumN;
  const nBar = sumN / N;
  return { areas: N, rate: b, variance: s2, priorVariance: Math.max(0, s2 - b / nBar) };
}

/** r̃ = b + C (r − b), C = a / (a + b/n); a = 0 (or b = 0) gives b. NaN where the area is not usable. */
export function shrinkRate(count: number, population: number, e: Pick<EBEstimate, 'rate' | 'priorVariance'>): number {
  if (!(count === count && population > 0 && Number.isFinite(population))) return NaN;
  const { rate: b, priorVariance: a } = e;
  if (!(a > 0) || !(b > 0)) return b;
  const r = count / population;
  const C = a / (a + b / population);
  return b + C * (r - b);
}

/** Smoothed rates of every area toward one overall rate (Marshall's global estimator). */
export function smoothGlobal(
  counts: ArrayLike<number>,
  populations: ArrayLike<number>,
): { rates: Float64Array; estimate: EBEstimate } {
  const estimate = marshallEstimate(counts, populations);
  const rates = new Float64Array(counts.length);
  for (let i = 0; i < rates.length; i++) rates[i] = shrinkRate(counts[i], populations[i], estimate);
  return { rates, estimate };
}

/**
 * Smoothed rates toward each group's own rate: the same estimator applied within each group
 * (group[i] ≥ 0; b, s², a and n̄ from that group's areas only). An area with no group
 * (group[i] < 0) is smoothed toward the overall rate of all areas.
 */
export function smoothWithinGroups(
  counts: ArrayLike<number>,
  populations: ArrayLike<number>,
  group: ArrayLike<number>,
  groupCount: number,
): { rates: Float64Array; estimates: EBEstimate[]; overall: EBEstimate } {
  const members: number[][] = Array.from({ length: groupCount }, () => []);
  for (let i = 0; i < counts.length; i++) if (group[i] >= 0 && group[i] < groupCount) members[group[i]].push(i);
  const estimates = members.map((m) => marshallEstimate(counts, populations, m));
  const overall = marshallEstimate(counts, populations);
  const rates = new Float64Array(counts.length);
  for (let i = 0; i < rates.length; i++) {
    const g = group[i];
    rates[i] = shrinkRate(counts[i], populations[i], g >= 0 && g < groupCount ? estimates[g] : overall);
  }
  return { rates, estimates, overall };
}
