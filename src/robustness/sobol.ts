/**
 * Variance-based sensitivity indices from Saltelli's (2010) design (see `samplePlan.ts`), with
 * f_A, f_B, f_ABi the model outputs on the rows of A, B and A_B^(i) (j = 1 … N):
 *
 *   V     = Var(f_A ∪ f_B)                                   (the 2N outputs; population variance)
 *   S_i   = (1/N) Σ_j f_B(j) · (f_ABi(j) − f_A(j)) / V       Saltelli et al. (2010), Table 2 (b)
 *   S_Ti  = (1/2N) Σ_j (f_A(j) − f_ABi(j))² / V              Jansen (1999); Saltelli et al. (2010), Table 2 (f)
 *
 * S_i is the share of the output variance explained by factor i alone; S_Ti also counts every
 * interaction involving i. Both are estimates: S_i can come out slightly negative and above
 * S_Ti by sampling error. Confidence intervals: the percentile bootstrap (Efron & Tibshirani
 * 1993, §13.3) over the N rows j, resampled with replacement jointly across A, B and every
 * A_B^(i) (Archer, Saltelli & Sobol 1997), estimators recomputed on each replicate.
 *
 * References: A. Saltelli et al. (2010), Computer Physics Communications 181(2), 259–270;
 * M. J. W. Jansen (1999), "Analysis of variance designs for model output", Computer Physics
 * Communications 117, 35–43; G. E. B. Archer, A. Saltelli, I. M. Sobol (1997), J. Statistical
 * Computation and Simulation 58, 99–120.
 */
import { quantileSorted } from './percentile.ts';
import type { Rng } from './rng.ts';

export interface SobolIndices {
  variance: number;
  first: number[];
  total: number[];
}

export interface SobolWithIntervals extends SobolIndices {
  firstLow: number[];
  firstHigh: number[];
  totalLow: number[];
  totalHigh: number[];
}

/** Point estimates. */
export function sobolIndices(fA: Float64Array, fB: Float64Array, fAB: readonly Float64Array[]): SobolIndices {
  const N = fA.length;
  let sum = 0;
  for (let j = 0; j < N; j++) sum += fA[j] + fB[j];
  const mean = sum / (2 * N);
  let ss = 0;
  for (let j = 0; j < N; j++) {
    const a = fA[j] - mean;
    const b = fB[j] - mean;
    ss += a * a + b * b;
  }
  const variance = ss / (2 * N);
  const first: number[] = [];
  const total: number[] = [];
  for (const fi of fAB) {
    let s1 = 0;
    let st = 0;
    for (let j = 0; j < N; j++) {
      s1 += fB[j] * (fi[j] - fA[j]);
      const d = fA[j] - fi[j];
      st += d * d;
    }
    first.push(variance > 0 ? s1 / N / variance : NaN);
    total.push(variance > 0 ? st / (2 * N) / variance : NaN);
  }
  return { variance, first, total };
}

/** Point estimates with percentile-bootstrap intervals at level `confidence`. */
export function sobolWithBootstrap(
  fA: Float64Array,
  fB: Float64Array,
  fAB: readonly Float64Array[],
  replicates: number,
  confidence: number,
  rng: Rng,
): SobolWithIntervals {
  const point = sobolIndices(fA, fB, fAB);
  const d = fAB.length;
  const N = fA.length;
  const firsts = Array.from({ length: d }, () => new Float64Array(replicates));
  const totals = Array.from({ length: d }, () => new Float64Array(replicates));
  const a = new Float64Array(N);
  const bb = new Float64Array(N);
  const ab = fAB.map(() => new Float64Array(N));
  for (let b = 0; b < replicates; b++) {
    for (let j = 0; j < N; j++) {
      const q = Math.floor(rng.uniform() * N);
      a[j] = fA[q];
      bb[j] = fB[q];
      for (let i = 0; i < d; i++) ab[i][j] = fAB[i][q];
    }
    const s = sobolIndices(a, bb, ab);
    for (let i = 0; i < d; i++) {
      firsts[i][b] = s.first[i];
      totals[i][b] = s.total[i];
    }
  }
  const lo = (1 - confidence) / 2;
  const hi = 1 - lo;
  const interval = (x: Float64Array, p: number) => (replicates > 0 ? quantileSorted(sortedFinite(x), p) : NaN);
  return {
    ...point,
    firstLow: firsts.map((x) => interval(x, lo)),
    firstHigh: firsts.map((x) => interval(x, hi)),
    totalLow: totals.map((x) => interval(x, lo)),
    totalHigh: totals.map((x) => interval(x, hi)),
  };
}

function sortedFinite(x: Float64Array): Float64Array {
  return x.filter((v) => Number.isFinite(v)).sort();
}
