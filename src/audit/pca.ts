/**
 * Principal component analysis of k indicators by eigen-decomposition of their correlation
 * matrix (standardised PCA, R's `prcomp(x, scale. = TRUE)`), on the rows where every indicator
 * is present.
 *
 *   R = V Λ Vᵀ;  variance share of component j = λⱼ / Σλ = λⱼ / k;  loading of indicator i on
 *   component j = Vᵢⱼ √λⱼ (the correlation between the indicator and the component score).
 *
 * A first component carrying most of the variance, with loadings of one sign, supports adding
 * the indicators into one score. Each eigenvector's sign is arbitrary; it is fixed so that its
 * loadings sum to ≥ 0, making runs comparable.
 *
 * Reference: OECD/JRC (2008) Handbook on Constructing Composite Indicators, §1.5 and Step 4
 * (PCA); Jolliffe (2002) Principal Component Analysis, 2nd ed., ch. 2–3.
 */
import { moments } from '../core/stats/moments.ts';
import { pearson } from './correlation.ts';
import { completeRows, pick } from './completeRows.ts';
import { jacobiEigen } from '../core/stats/jacobiEigen.ts';

export interface Pca {
  ids: string[];
  /** Complete rows used. */
  n: number;
  eigenvalues: number[];
  /** λⱼ / Σλ; sums to 1. */
  varianceShare: number[];
  /** loadings[i][j]: indicator i on component j. */
  loadings: number[][];
  /** Indicators left out because they are constant on the complete rows. */
  constant: string[];
}

export function pca(ids: readonly string[], columns: readonly ArrayLike<number>[]): Pca {
  const rows = completeRows(columns);
  const n = rows.length;
  if (n < 3) return { ids: [], n, eigenvalues: [], varianceShare: [], loadings: [], constant: [] };
  const sample = columns.map((c) => pick(c, rows));
  // A constant column has no correlation with anything; PCA of the rest is still informative.
  const keep = sample.map((_, i) => i).filter((i) => moments(sample[i]).sd > 0);
  const constant = ids.filter((_, i) => !keep.includes(i));
  const k = keep.length;
  if (k === 0) return { ids: [], n, eigenvalues: [], varianceShare: [], loadings: [], constant };
  const r = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    r[a * k + a] = 1;
    for (let b = a + 1; b < k; b++) r[a * k + b] = r[b * k + a] = pearson(sample[keep[a]], sample[keep[b]]).r;
  }
  const { values, vectors } = jacobiEigen(r, k);
  // Tiny negative eigenvalues are rounding noise of a rank-deficient matrix.
  const eigenvalues = Array.from(values, (l) => Math.max(l, 0));
  const total = eigenvalues.reduce((s, l) => s + l, 0);
  const loadings = keep.map(() => new Array<number>(k).fill(0));
  for (let j = 0; j < k; j++) {
    let sum = 0;
    for (let i = 0; i < k; i++) sum += vectors[i * k + j];
    const sign = sum < 0 ? -1 : 1;
    for (let i = 0; i < k; i++) loadings[i][j] = sign * vectors[i * k + j] * Math.sqrt(eigenvalues[j]);
  }
  return {
    ids: keep.map((i) => ids[i]),
    n,
    eigenvalues,
    varianceShare: eigenvalues.map((l) => l / total),
    loadings,
    constant,
  };
}
