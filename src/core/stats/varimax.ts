/**
 * Varimax rotation (Kaiser 1958) of a p×m loading matrix L, with Kaiser normalisation (rows
 * divided by √h², h² = Σⱼ Lᵢⱼ², before rotating and multiplied back after), as R's
 * `stats::varimax(normalize = TRUE)`. Each pair of columns (j, k) is rotated by the angle
 *
 *   uᵢ = Lᵢⱼ² − Lᵢₖ²,  vᵢ = 2·Lᵢⱼ·Lᵢₖ,  A = Σu, B = Σv, C = Σ(u² − v²), D = 2·Σuv
 *   φ = ¼·atan2(D − 2AB/p, C − (A² − B²)/p)
 *
 * that maximises the variance of the squared loadings, sweeping all pairs until no rotation
 * exceeds 1e-12 radians. Reference: Kaiser H.F. (1958) The varimax criterion for analytic
 * rotation in factor analysis. Psychometrika 23, 187–200; Harman (1976) Modern Factor Analysis.
 */
export function varimax(loadings: readonly (readonly number[])[], maxSweeps = 200): number[][] {
  const p = loadings.length;
  const m = p ? loadings[0].length : 0;
  const L = loadings.map((row) => [...row]);
  if (m < 2) return L;
  const h = L.map((row) => Math.sqrt(row.reduce((s, x) => s + x * x, 0)) || 1);
  for (let i = 0; i < p; i++) for (let j = 0; j < m; j++) L[i][j] /= h[i];
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let largest = 0;
    for (let j = 0; j < m - 1; j++) {
      for (let k = j + 1; k < m; k++) {
        let A = 0,
          B = 0,
          C = 0,
          D = 0;
        for (let i = 0; i < p; i++) {
          const u = L[i][j] * L[i][j] - L[i][k] * L[i][k];
          const v = 2 * L[i][j] * L[i][k];
          A += u;
          B += v;
          C += u * u - v * v;
          D += 2 * u * v;
        }
        const phi = 0.25 * Math.atan2(D - (2 * A * B) / p, C - (A * A - B * B) / p);
        largest = Math.max(largest, Math.abs(phi));
        const c = Math.cos(phi);
        const s = Math.sin(phi);
        for (let i = 0; i < p; i++) {
          const a = L[i][j];
          const b = L[i][k];
          L[i][j] = c * a + s * b;
          L[i][k] = -s * a + c * b;
        }
      }
    }
    if (largest < 1e-12) break;
  }
  for (let i = 0; i < p; i++) for (let j = 0; j < m; j++) L[i][j] *= h[i];
  return L;
}
