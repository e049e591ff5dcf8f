/**
 * Minimum detectable effect (MDE) of a pilot evaluation on monthly negative-binomial counts.
 *
 * Design: k pilot wards and c·k comparison wards, each observed for P₀ pre-period and P
 * follow-up months, monthly counts independent NB2 with mean μ per ward-month and variance
 * μ + αμ². A group of n wards over P months then has total count with mean nPμ and variance
 * nPμ + nPαμ², so by the delta method Var(log total) ≈ 1/(nPμ) + α/(nP) (the variance of a log
 * NB rate, as in Zhu & Lakkis 2014, Stat. Med. 33:376–387, with exposure nP). The effect is
 * the ratio of rate ratios (difference in differences on the log scale),
 *
 *   log θ = [log Y_pilot,post − log Y_pilot,pre] − [log Y_comp,post − log Y_comp,pre],
 *
 *   V(r) = 1/(kPμ(1−r)) + α/(kP) + 1/(kP₀μ) + α/(kP₀) + 1/(ckPμ) + α/(ckP) + 1/(ckP₀μ) + α/(ckP₀),
 *
 * where r is the fractional reduction in the pilots' follow-up rate (θ = 1 − r). A two-sided
 * Wald test at level a with power 1 − b detects r when −log(1 − r) ≥ (z₁₋ₐ/₂ + z₁₋b)·√V(r); the
 * MDE is the smallest such r, found by bisection (it is +∞ — "not detectable" — when even a 99 %
 * reduction does not satisfy it). Defaults: a = 0.05, power 0.8 (z = 1.959964 + 0.841621).
 */

export interface MdeInput {
  /** Mean count per ward-month. */
  mu: number;
  alpha: number;
  k: number;
  /** Comparison wards per pilot. */
  c: number;
  preMonths: number;
  postMonths: number;
}

export const Z_975 = 1.959963984540054;
export const Z_80 = 0.8416212335729143;

export function logRatioVariance(x: MdeInput, r: number): number {
  const { mu, alpha, k, c, preMonths: P0, postMonths: P } = x;
  const group = (n: number, months: number, mean: number) => 1 / (n * months * mean) + alpha / (n * months);
  return group(k, P, mu * (1 - r)) + group(k, P0, mu) + group(c * k, P, mu) + group(c * k, P0, mu);
}

/** The MDE as a fraction (0.25 = a 25 % reduction); Infinity when not detectable below 99 %. */
export function minimumDetectableEffect(x: MdeInput, z = Z_975 + Z_80): number {
  const f = (r: number) => -Math.log(1 - r) - z * Math.sqrt(logRatioVariance(x, r));
  if (!(x.mu > 0) || f(0.99) < 0) return Infinity;
  let lo = 0;
  let hi = 0.99;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) >= 0) hi = mid;
    else lo = mid;
  }
  return hi;
}
