/**
 * Least squares on the probability simplex: the weights w minimising ‖y − Σⱼ wⱼ xⱼ‖² subject to
 * wⱼ ≥ 0 and Σⱼ wⱼ = 1 — the synthetic-control weight problem (Abadie, Diamond & Hainmueller
 * 2010, with the predictor matrix V = identity on the pre-period outcomes).
 *
 * Solved exactly by the primal active-set method for convex quadratic programmes (Nocedal &
 * Wright 2006, Algorithm 16.3) on f(w) = wᵀGw − 2bᵀw + yᵀy with G = XᵀX + εI, b = Xᵀy:
 * starting from the best single donor, each step solves the equality-constrained problem on the
 * free weights (KKT system [2G_FF 1; 1ᵀ 0][w; ν] = [2b_F; 1]); if that leaves a weight negative it
 * moves as far as feasibility allows and fixes the blocking weight at 0; otherwise it frees the
 * fixed weight with the most negative multiplier μᵢ = ∇ᵢf − ν, and stops when none is negative
 * (the KKT conditions hold: the global minimum, as f is convex). The ridge ε = 10⁻⁹·mean(diag G)
 * makes the minimiser unique when donors outnumber months (the fit changes by a negligible
 * amount).
 */

export interface SimplexFit {
  weights: Float64Array;
  /** ‖y − Xw‖² at the solution (without the ridge term). */
  sse: number;
  iterations: number;
  converged: boolean;
}

/** `donors[j]` is donor j's series (length T, the columns of X); `y` the target (length T). */
export function simplexLeastSquares(
  y: ArrayLike<number>,
  donors: readonly ArrayLike<number>[],
  opts: { maxIter?: number } = {},
): SimplexFit {
  const J = donors.length;
  const T = y.length;
  if (J === 0) throw new Error('simplexLeastSquares: no donors');
  const maxIter = opts.maxIter ?? 10 * J + 100;
  const G = new Float64Array(J * J);
  const b = new Float64Array(J);
  for (let i = 0; i < J; i++) {
    for (let t = 0; t < T; t++) b[i] += donors[i][t] * y[t];
    for (let j = i; j < J; j++) {
      let s = 0;
      for (let t = 0; t < T; t++) s += donors[i][t] * donors[j][t];
      G[i * J + j] = s;
      G[j * J + i] = s;
    }
  }
  let diag = 0;
  for (let i = 0; i < J; i++) diag += G[i * J + i];
  const eps = 1e-9 * (diag / J || 1);
  for (let i = 0; i < J; i++) G[i * J + i] += eps;
  const grad = (w: Float64Array, i: number): number => {
    let s = 0;
    for (let j = 0; j < J; j++) s += G[i * J + j] * w[j];
    return 2 * (s - b[i]);
  };
  // Start at the best vertex: f(e_j) ∝ G_jj − 2b_j.
  let start = 0;
  for (let j = 1; j < J; j++) if (G[j * J + j] - 2 * b[j] < G[start * J + start] - 2 * b[start]) start = j;
  const w = new Float64Array(J);
  w[start] = 1;
  const free = new Uint8Array(J);
  free[start] = 1;
  let iterations = 0;
  let converged = false;
  while (iterations++ < maxIter) {
    const F = [...free.keys()].filter((i) => free[i]);
    const target = solveEquality(G, b, J, F);
    let feasible = true;
    for (let k = 0; k < F.length; k++) if (target[k] < 0) feasible = false;
    if (feasible) {
      for (let k = 0; k < F.length; k++) w[F[k]] = target[k];
      const nu = F.reduce((a, i) => a + grad(w, i), 0) / F.length;
      let worst = -1;
      let worstMu = -1e-12 * (Math.abs(nu) + 1);
      for (let i = 0; i < J; i++) {
        if (free[i]) continue;
        const mu = grad(w, i) - nu;
        if (mu < worstMu) {
          worstMu = mu;
          worst = i;
        }
      }
      if (worst < 0) {
        converged = true;
        break;
      }
      free[worst] = 1;
    } else {
      // Move from w towards the target until the first free weight reaches 0.
      let alpha = 1;
      let block = -1;
      for (let k = 0; k < F.length; k++) {
        const d = target[k] - w[F[k]];
        if (target[k] < 0 && d < 0) {
          const a = w[F[k]] / -d;
          if (a < alpha) {
            alpha = a;
            block = F[k];
          }
        }
      }
      for (let k = 0; k < F.length; k++) w[F[k]] += alpha * (target[k] - w[F[k]]);
      if (block >= 0) {
        w[block] = 0;
        free[block] = 0;
      }
      for (const i of F) if (w[i] < 0) w[i] = 0;
    }
  }
  // Renormalise away rounding so the weights sum to 1 exactly in floating point terms.
  const total = w.reduce((a, x) => a + x, 0);
  for (let i = 0; i < J; i++) w[i] /= total;
  let sse = 0;
  for (let t = 0; t < T; t++) {
    let f = 0;
    for (let j = 0; j < J; j++) f += w[j] * donors[j][t];
    sse += (y[t] - f) ** 2;
  }
  return { weights: w, sse, iterations, converged };
}

/**
 * Minimiser of wᵀGw − 2bᵀw over the free indices F with Σ w_F =
 * 1 (KKT system, Gaussian elimination with partial pivoting).
 */
function solveEquality(G: Float64Array, b: Float64Array, J: number, F: readonly number[]): Float64Array {
  const m = F.length + 1;
  const A = new Float64Array(m * (m + 1));
  const at = (r: number, c: number) => r * (m + 1) + c;
  F.forEach((i, r) => {
    F.forEach((j, c) => (A[at(r, c)] = 2 * G[i * J + j]));
    A[at(r, m - 1)] = 1;
    A[at(r, m)] = 2 * b[i];
  });
  for (let c = 0; c < m - 1; c++) A[at(m - 1, c)] = 1;
  A[at(m - 1, m)] = 1;
  for (let c = 0; c < m; c++) {
    let p = c;
    for (let r = c + 1; r < m; r++) if (Math.abs(A[at(r, c)]) > Math.abs(A[at(p, c)])) p = r;
    if (p !== c) for (let k = 0; k <= m; k++) [A[at(c, k)], A[at(p, k)]] = [A[at(p, k)], A[at(c, k)]];
    const piv = A[at(c, c)];
    for (let r = 0; r < m; r++) {
      if (r === c) continue;
      const f = A[at(r, c)] / piv;
      if (f === 0) continue;
      for (let k = c; k <= m; k++) A[at(r, k)] -= f * A[at(c, k)];
    }
  }
  return Float64Array.from(F, (_, r) => A[at(r, m)] / A[at(r, r)]);
}
