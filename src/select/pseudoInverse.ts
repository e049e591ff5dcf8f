/**
 * Moore–Penrose pseudo-inverse of a symmetric matrix: A⁺ = Σ_{λ>tol} λ⁻¹·v·vᵀ over the
 * eigenpairs of A (cyclic Jacobi, `jacobiEigen`), with tol = 1e-9·max|λ| (Golub & Van Loan §5.5.4). For the
 * covariance of the matching measures this is the documented answer to a singular covariance (two measures that
 * are exact linear combinations of others, or a measure constant in the pool): directions with
 * no variance carry no distance instead of an infinite one. Negative eigenvalues, which a
 * covariance built from pairwise-complete data can have, are dropped the same way, so the
 * result is positive semi-definite and every squared distance is ≥ 0.
 */
import { jacobiEigen } from '../core/stats/jacobiEigen.ts';

export function pseudoInverse(a: Float64Array, p: number): { inverse: Float64Array; rank: number } {
  const { values, vectors } = jacobiEigen(a, p);
  let max = 0;
  for (const x of values) max = Math.max(max, Math.abs(x));
  const tol = 1e-9 * max;
  const out = new Float64Array(p * p);
  let rank = 0;
  for (let e = 0; e < p; e++) {
    const l = values[e];
    if (!(l > tol)) continue;
    rank++;
    for (let i = 0; i < p; i++) {
      const vi = vectors[i * p + e] / l;
      for (let j = 0; j < p; j++) out[i * p + j] += vi * vectors[j * p + e];
    }
  }
  return { inverse: out, rank };
}
