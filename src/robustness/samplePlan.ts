/**
 * The runs to evaluate: Saltelli's (2010) sampling scheme. Two independent N-run samples of all
 * d factors, A and B, and for each factor i the matrix A_B^(i): A with factor i's values taken
 * from B. Rows are laid out in blocks of N:
 *
 *   rows [0, N)             A      (also the uncertainty analysis: N i.i.d. runs)
 *   rows [N, 2N)            B
 *   rows [(2+i)N, (3+i)N)   A_B^(i), i = 0 … d−1
 *
 * so N·(d + 2) runs in all; without Sobol only A is drawn and evaluated. Each factor's value in
 * a row of A or B is drawn from its own distribution (see `drawFactor`) in a fixed order (all
 * of A row by row, then all of B), from one seeded stream, so the plan depends only on the
 * seed and the design — never on the number of worker threads.
 *
 * Reference: A. Saltelli, P. Annoni, I. Azzini, F. Campolongo, M. Ratto, S. Tarantola (2010),
 * "Variance based sensitivity analysis of model output. Design and estimator for the total
 * sensitivity index", Computer Physics Communications 181(2), 259–270, §3 and Table 2.
 */
import { factorWidth, type Design, type Factor } from './design.ts';
import { dirichlet } from './gamma.ts';
import type { Rng } from './rng.ts';

export interface Plan {
  /** N: runs per block. */
  base: number;
  /** Total runs: N (no Sobol) or N·(d + 2). */
  rows: number;
  sobol: boolean;
  /** Per factor, its values for every row (row-major, `factorWidth` per row). */
  values: Float64Array[];
}

/** Which block a row belongs to: 'A', 'B', or the factor index i of A_B^(i). */
export function rowBlock(plan: Pick<Plan, 'base'>, row: number): 'A' | 'B' | number {
  const b = Math.floor(row / plan.base);
  return b === 0 ? 'A' : b === 1 ? 'B' : b - 2;
}

export function samplePlan(design: Design, base: number, sobol: boolean, rng: Rng): Plan {
  const d = design.factors.length;
  const blocks = sobol ? d + 2 : 1;
  const rows = base * blocks;
  const values = design.factors.map((f) => new Float64Array(rows * factorWidth(f)));
  for (let block = 0; block < Math.min(blocks, 2); block++) {
    for (let j = 0; j < base; j++) {
      const row = block * base + j;
      design.factors.forEach((f, k) => drawFactor(f, rng, values[k], row * factorWidth(f)));
    }
  }
  for (let i = 0; i < blocks - 2; i++) {
    design.factors.forEach((f, k) => {
      const w = factorWidth(f);
      const from = k === i ? base : 0; // factor i from B, the rest from A
      values[k].copyWithin((2 + i) * base * w, from * w, (from + base) * w);
    });
  }
  return { base, rows, sobol, values };
}

/**
 * One draw of a factor into out[offset …]:
 * - discrete with m choices: ⌊u·m⌋, u ~ U(0, 1);
 * - uniform weights: w_j · (1 + s·(2u_j − 1)), independently per weight;
 * - Dirichlet weights: per group, (Σ_g w) · Dir(c · w_j / Σ_g w), so the group keeps its
 *   nominal total and each weight's mean is its nominal value.
 */
export function drawFactor(f: Factor, rng: Rng, out: Float64Array, offset: number): void {
  if (f.kind === 'discrete') {
    out[offset] = Math.floor(rng.uniform() * f.choices.length);
    return;
  }
  const p = f.perturbation;
  if (p.distribution === 'none') {
    out.set(f.nominal, offset);
    return;
  }
  if (p.distribution === 'uniform') {
    for (let j = 0; j < f.members.length; j++)
      out[offset + j] = f.nominal[j] * (1 + p.spread * (2 * rng.uniform() - 1));
    return;
  }
  for (const g of f.groups) {
    const total = g.reduce((s, j) => s + Math.max(0, f.nominal[j]), 0);
    const alpha = g.map((j) => (total > 0 ? (p.concentration * Math.max(0, f.nominal[j])) / total : 0));
    const x = dirichlet(rng, alpha);
    g.forEach((j, q) => (out[offset + j] = total * x[q]));
  }
}
