/**
 * Weights from principal components, the OECD/JRC Handbook's factor-analysis approach
 * (Nicoletti et al. 2000; Handbook 2008, §1.6 "Weights based on principal components
 * analysis or factor analysis", and Step 6):
 *
 * 1. R = the correlation matrix of the k indicators over the areas where all are present;
 *    R = V Λ Vᵀ; loadings Lᵢⱼ = Vᵢⱼ·√λⱼ.
 * 2. Keep the components with eigenvalue λⱼ > 1 (Kaiser criterion; at least one).
 * 3. Rotate the kept loadings by varimax (more than one kept).
 * 4. For each kept factor f, its explained variance EV_f = Σᵢ Lᵢf², and the indicators' squared
 *    loadings scaled to unity sum: sᵢf = Lᵢf² / EV_f.
 * 5. Each indicator goes with the factor on which sᵢf is largest, and gets
 *    wᵢ = sᵢf · EV_f / Σ_g EV_g; the weights are then divided by their sum.
 *
 * With one factor kept this is wᵢ = Lᵢ₁² / Σ Lₖ₁²: the squared first-component loadings.
 * Weights are meaningful only for indicators that move together (positive correlations);
 * PCA weights are data-driven and change with the data, so they are an option, not a default.
 * Reference: OECD/JRC (2008) Handbook on Constructing Composite Indicators, §1.6 and Table 13
 * (worked example of the steps above); Nicoletti G., Scarpetta S., Boylaud O. (2000), OECD
 * Economics Department Working Paper 226.
 */
import { jacobiEigen } from './jacobiEigen.ts';
import { varimax } from './varimax.ts';

export interface PcaWeights {
  /** Weights summing to 1, in the order of the input columns; undefined when PCA cannot be done. */
  weights?: number[];
  /** Complete rows used. */
  rows: number;
  /** Components kept (eigenvalue > 1, at least one). */
  factors: number;
  eigenvalues: number[];
  why?: string;
}

export function pcaWeights(columns: readonly ArrayLike<number>[], include?: (row: number) => boolean): PcaWeights {
  const k = columns.length;
  const n = k ? columns[0].length : 0;
  const rows: number[] = [];
  for (let i = 0; i < n; i++) if ((!include || include(i)) && columns.every((c) => c[i] === c[i])) rows.push(i);
  if (k < 2) return { rows: rows.length, factors: 0, eigenvalues: [], why: 'fewer than two indicators' };
  if (rows.length < 3)
    return { rows: rows.length, factors: 0, eigenvalues: [], why: 'fewer than three areas with every indicator' };
  const z = columns.map((c) => standardise(rows.map((i) => c[i])));
  if (z.some((col) => col === undefined))
    return { rows: rows.length, factors: 0, eigenvalues: [], why: 'an indicator is constant' };
  const r = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) {
      let s = 0;
      for (let t = 0; t < rows.length; t++) s += z[a]![t] * z[b]![t];
      r[a * k + b] = r[b * k + a] = a === b ? 1 : s / (rows.length - 1);
    }
  }
  const { values, vectors } = jacobiEigen(r, k);
  const eigenvalues = Array.from(values, (l) => Math.max(l, 0));
  const factors = Math.max(1, eigenvalues.filter((l) => l > 1).length);
  let L = Array.from({ length: k }, (_, i) =>
    Array.from({ length: factors }, (_, j) => vectors[i * k + j] * Math.sqrt(eigenvalues[j])),
  );
  if (factors > 1) L = varimax(L);
  const ev = Array.from({ length: factors }, (_, f) => L.reduce((s, row) => s + row[f] * row[f], 0));
  const totalEv = ev.reduce((a, b) => a + b, 0);
  const raw = L.map((row) => {
    let best = 0;
    let bestF = 0;
    for (let f = 0; f < factors; f++) {
      const s = ev[f] > 0 ? (row[f] * row[f]) / ev[f] : 0;
      if (s > best) {
        best = s;
        bestF = f;
      }
    }
    return best * (ev[bestF] / totalEv);
  });
  const sum = raw.reduce((a, b) => a + b, 0);
  if (!(sum > 0)) return { rows: rows.length, factors, eigenvalues, why: 'no loading' };
  return { weights: raw.map((w) => w / sum), rows: rows.length, factors, eigenvalues };
}

/** (x − x̄)/s with the sample SD; undefined for a constant column. */
function standardise(x: number[]): number[] | undefined {
  const n = x.length;
  const mean = x.reduce((a, b) => a + b, 0) / n;
  const ss = x.reduce((a, b) => a + (b - mean) * (b - mean), 0);
  const sd = Math.sqrt(ss / (n - 1));
  if (!(sd > 0)) return undefined;
  return x.map((v) => (v - mean) / sd);
}
