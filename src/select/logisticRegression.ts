/**
 * Ridge-penalised logistic regression fitted by Newton–Raphson (iteratively reweighted least
 * squares; McCullagh & Nelder 1989 §4.4; le Cessie & van Houwelingen 1992 for the penalty):
 *
 *   maximise  ℓ(β) − (λ/2)·Σ_{j≥1} β_j²,   ℓ(β) = Σ_i y_i·η_i − ln(1 + e^{η_i}),  η = Xβ
 *   step      β ← β + H⁻¹g,  g = Xᵀ(y − π) − λβ̃,  H = XᵀWX + λĨ,  W = diag(π(1 − π))
 *
 * (the intercept β₀ is not penalised: β̃, Ĩ zero its entry). The penalty matters here: a
 * propensity model for three pilots against hundreds of wards separates perfectly, and without
 * it the coefficients run to infinity. λ = 0 gives the maximum-likelihood fit. Used for the
 * propensity score of being chosen as a pilot, whose logit sets the matching caliper.
 */
import { pseudoInverse } from './pseudoInverse.ts';

export interface LogisticFit {
  /** [intercept, slope per column]. */
  coef: Float64Array;
  iterations: number;
  converged: boolean;
}

/** `rows[i]` is the covariate vector of case i (no intercept column; no NaN), y[i] ∈ {0, 1}. */
export function logisticRegression(
  rows: readonly ArrayLike<number>[],
  y: ArrayLike<number>,
  ridge: number,
  maxIterations = 100,
): LogisticFit {
  const p = (rows[0]?.length ?? 0) + 1;
  const beta = new Float64Array(p);
  const x = (i: number, j: number) => (j === 0 ? 1 : rows[i][j - 1]);
  for (let it = 1; it <= maxIterations; it++) {
    const g = new Float64Array(p);
    const h = new Float64Array(p * p);
    for (let i = 0; i < rows.length; i++) {
      let eta = 0;
      for (let j = 0; j < p; j++) eta += beta[j] * x(i, j);
      const pi = 1 / (1 + Math.exp(-eta));
      const w = pi * (1 - pi);
      for (let j = 0; j < p; j++) {
        const xj = x(i, j);
        g[j] += (y[i] - pi) * xj;
        for (let k = 0; k < p; k++) h[j * p + k] += w * xj * x(i, k);
      }
    }
    for (let j = 1; j < p; j++) {
      g[j] -= ridge * beta[j];
      h[j * p + j] += ridge;
    }
    const { inverse } = pseudoInverse(h, p);
    let change = 0;
    for (let j = 0; j < p; j++) {
      let step = 0;
      for (let k = 0; k < p; k++) step += inverse[j * p + k] * g[k];
      beta[j] += step;
      change = Math.max(change, Math.abs(step));
    }
    if (change < 1e-10) return { coef: beta, iterations: it, converged: true };
  }
  return { coef: beta, iterations: maxIterations, converged: false };
}

/** The linear predictor (logit of the fitted probability) for a covariate vector. */
export function logit(fit: LogisticFit, row: ArrayLike<number>): number {
  let eta = fit.coef[0];
  for (let j = 1; j < fit.coef.length; j++) eta += fit.coef[j] * row[j - 1];
  return eta;
}
