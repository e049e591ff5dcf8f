/**
 * The effective influence of each component on an aggregate, compared with its nominal weight.
 * A weight is a statement of importance, but what a component actually contributes depends on
 * its variance and its correlation with the other components: a heavily weighted component
 * that barely moves the aggregate is "silenced".
 *
 *   Sᵢ = r(xᵢ, y)²  (squared Pearson correlation of component i with the aggregate y)
 *   effective share eᵢ = Sᵢ / Σⱼ Sⱼ;  nominal share wᵢ / Σⱼ wⱼ;  ratio = eᵢ / (wᵢ/Σw)
 *
 * Sᵢ is the linear (Pearson) approximation of the first-order sensitivity index (correlation
 * ratio) Sᵢ = V[E(y|xᵢ)]/V(y) that Paruolo, Saisana & Saltelli use as the measure of
 * importance, as in COINr's statistical audit.
 *
 * Reference: Paruolo, P., Saisana, M. & Saltelli, A. (2013) "Ratings and rankings: voodoo or
 * science?", J. R. Stat. Soc. A 176(3), 609–634; Becker, W. et al. (2017) "Weights and
 * importance in composite indicators: closing the gap", Ecological Indicators 80, 12–22.
 */
import { pearson } from './correlation.ts';

export interface EffectiveWeight {
  id: string;
  /** Nominal weight, normalised to sum to 1 over the components. */
  nominal: number;
  /** Pearson r of the component with the aggregate (pairwise-complete). */
  r: number;
  /** r². */
  s: number;
  /** r² normalised to sum to 1 over the components with a defined r. */
  effective: number;
  /** effective / nominal (1 = as intended; ≪ 1 silenced; ≫ 1 dominant). */
  ratio: number;
}

export function effectiveWeights(
  ids: readonly string[],
  components: readonly ArrayLike<number>[],
  weights: readonly number[],
  aggregate: ArrayLike<number>,
): EffectiveWeight[] {
  const wSum = weights.reduce((a, w) => a + w, 0);
  const r = components.map((c) => pearson(c, aggregate).r);
  const s = r.map((x) => x * x);
  const sSum = s.reduce((a, x) => (x === x ? a + x : a), 0);
  return ids.map((id, i) => {
    const nominal = wSum > 0 ? weights[i] / wSum : NaN;
    const effective = sSum > 0 ? s[i] / sSum : NaN;
    return { id, nominal, r: r[i], s: s[i], effective, ratio: nominal > 0 ? effective / nominal : NaN };
  });
}
