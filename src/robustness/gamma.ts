/**
 * Gamma(α, 1) and Dirichlet variates.
 *
 * Gamma by Marsaglia & Tsang (2000): for α ≥ 1, with d = α − 1/3 and c = 1/√(9d), draw
 * z ~ N(0, 1) and u ~ U(0, 1) until v = (1 + c·z)³ > 0 and ln u < z²/2 + d − d·v + d·ln v;
 * return d·v. For α < 1, Gamma(α) = Gamma(α + 1) · U^(1/α) (their §6). Normal draws use the
 * inverse CDF of a uniform (one uniform per normal, so the stream stays easy to reason about).
 *
 * Dirichlet(α₁ … α_k): x_j = g_j / Σ g, g_j ~ Gamma(α_j) independent; E[x_j] = α_j / Σ α.
 * A member with α_j = 0 gets exactly 0 (a zero nominal weight stays zero).
 *
 * References: G. Marsaglia, W. W. Tsang (2000), "A simple method for generating gamma
 * variables", ACM TOMS 26(3), 363–372. L. Devroye (1986), Non-Uniform Random Variate
 * Generation, ch. XI §4 (Dirichlet from gammas).
 */
import { inverseNormalCdf } from '../core/stats/inverseNormalCdf.ts';
import type { Rng } from './rng.ts';

export function gamma(rng: Rng, alpha: number): number {
  if (!(alpha > 0)) return 0;
  if (alpha < 1) return gamma(rng, alpha + 1) * Math.pow(openUniform(rng), 1 / alpha);
  const d = alpha - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = inverseNormalCdf(openUniform(rng));
    const t = 1 + c * z;
    if (t <= 0) continue;
    const v = t * t * t;
    const u = openUniform(rng);
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** One Dirichlet draw with parameters `alpha`, written into `out` (same length). */
export function dirichlet(
  rng: Rng,
  alpha: readonly number[],
  out: Float64Array | number[] = new Float64Array(alpha.length),
): Float64Array | number[] {
  let sum = 0;
  for (let j = 0; j < alpha.length; j++) {
    out[j] = gamma(rng, alpha[j]);
    sum += out[j];
  }
  for (let j = 0; j < alpha.length; j++) out[j] = sum > 0 ? out[j] / sum : 0;
  return out;
}

/** A uniform in (0, 1): never 0, so logarithms and Φ⁻¹ stay finite. */
function openUniform(rng: Rng): number {
  for (;;) {
    const u = rng.uniform();
    if (u > 0) return u;
  }
}
