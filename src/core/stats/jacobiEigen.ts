/**
 * Eigen-decomposition of a real symmetric matrix by the cyclic Jacobi method: repeated plane
 * rotations, each zeroing one off-diagonal element, until the off-diagonal mass is negligible.
 * A = V Λ Vᵀ, with V orthogonal (eigenvectors in columns) and Λ diagonal.
 *
 * For each pair (p, q) with a_pq ≠ 0:
 *   θ = (a_qq − a_pp) / (2 a_pq),  t = sgn(θ) / (|θ| + √(θ² + 1)),  c = 1/√(t² + 1),  s = t·c
 * then A ← JᵀAJ and V ← VJ with J the rotation by (c, s) in the (p, q) plane.
 *
 * Reference: Golub & Van Loan (2013) Matrix Computations, 4th ed., §8.5 (Jacobi methods);
 * Press et al. (2007) Numerical Recipes, 3rd ed., §11.1. Quadratically convergent and very
 * accurate for the small (≤ ~30×30) correlation matrices of a category's indicators.
 */
export interface Eigen {
  /** Eigenvalues, descending. */
  values: Float64Array;
  /** Row-major n×n; column j is the unit eigenvector of values[j]. */
  vectors: Float64Array;
  sweeps: number;
}

/** `a` is row-major n×n and must be symmetric; it is not modified. */
export function jacobiEigen(a: ArrayLike<number>, n: number, maxSweeps = 100): Eigen {
  if (a.length !== n * n) throw new Error(`jacobiEigen: expected ${n * n} entries, got ${a.length}`);
  const m = Float64Array.from(a);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale += m[i] * m[i];
  const tol = 1e-30 * Math.max(scale, 1e-300);
  let sweeps = 0;
  for (; sweeps < maxSweeps; sweeps++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += m[p * n + q] * m[p * n + q];
    if (off <= tol) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q];
        if (apq === 0) continue;
        const theta = (m[q * n + q] - m[p * n + p]) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        rotate(m, v, n, p, q, c, s);
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => m[j * n + j] - m[i * n + i]);
  const values = Float64Array.from(order, (i) => m[i * n + i]);
  const vectors = new Float64Array(n * n);
  order.forEach((src, dst) => {
    for (let r = 0; r < n; r++) vectors[r * n + dst] = v[r * n + src];
  });
  return { values, vectors, sweeps };
}

/** A ← JᵀAJ and V ← VJ for the rotation J with J_pp = J_qq = c, J_pq = s, J_qp = −s. */
function rotate(m: Float64Array, v: Float64Array, n: number, p: number, q: number, c: number, s: number): void {
  for (let k = 0; k < n; k++) {
    // columns p and q
    const mkp = m[k * n + p];
    const mkq = m[k * n + q];
    m[k * n + p] = c * mkp - s * mkq;
    m[k * n + q] = s * mkp + c * mkq;
  }
  for (let k = 0; k < n; k++) {
    // rows p and q
    const mpk = m[p * n + k];
    const mqk = m[q * n + k];
    m[p * n + k] = c * mpk - s * mqk;
    m[q * n + k] = s * mpk + c * mqk;
  }
  m[p * n + q] = m[q * n + p] = 0;
  for (let k = 0; k < n; k++) {
    const vkp = v[k * n + p];
    const vkq = v[k * n + q];
    v[k * n + p] = c * vkp - s * vkq;
    v[k * n + q] = s * vkp + c * vkq;
  }
}
