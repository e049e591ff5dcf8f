/**
 * The audit's statistics against hand computations and independent implementations
 * (simple-statistics), plus invariants (A = VΛVᵀ, VᵀV = I, variance shares sum to 1).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sampleCorrelation, sampleRankCorrelation } from 'simple-statistics';
import { correlationMatrix, pearson, spearman } from '../../src/audit/correlation.ts';
import { cronbachAlpha } from '../../src/audit/cronbachAlpha.ts';
import { jacobiEigen } from '../../src/core/stats/jacobiEigen.ts';
import { pca } from '../../src/audit/pca.ts';
import { effectiveWeights } from '../../src/audit/effectiveWeights.ts';
import { histogram } from '../../src/audit/histogram.ts';

const f64 = (xs: number[]) => Float64Array.from(xs);

describe('correlation (pairwise-complete)', () => {
  const x = [3.1, 4.7, 1.2, 9.9, 5.5, 6.0, 2.2, 8.1];
  const y = [2.0, 5.1, 1.9, 7.7, 6.2, 4.4, 3.3, 9.0];

  it('Pearson equals simple-statistics sampleCorrelation', () => {
    expect(pearson(f64(x), f64(y)).r).toBeCloseTo(sampleCorrelation(x, y), 12);
  });

  it('Spearman equals simple-statistics sampleRankCorrelation, ties included', () => {
    const xt = [1, 2, 2, 3, 5, 5, 5, 8];
    expect(spearman(f64(xt), f64(y)).r).toBeCloseTo(sampleRankCorrelation(xt, y), 12);
  });

  it('uses only the rows where both columns are present', () => {
    const xm = [...x, NaN, 100];
    const ym = [...y, 50, NaN];
    const c = pearson(f64(xm), f64(ym));
    expect(c.n).toBe(8);
    expect(c.r).toBeCloseTo(sampleCorrelation(x, y), 12);
    expect(spearman(f64(xm), f64(ym)).r).toBeCloseTo(sampleRankCorrelation(x, y), 12);
  });

  it('matrix: symmetric, unit diagonal, per-pair counts; NaN for a constant column', () => {
    const z = [1, 1, 1, 1, 1, 1, 1, 1];
    const m = correlationMatrix(['x', 'y', 'z'], [f64(x), f64([NaN, ...y.slice(1)]), f64(z)]);
    expect(m.r[0]).toBe(1);
    expect(m.r[4]).toBe(1);
    expect(m.r[1]).toBe(m.r[3]);
    expect(m.r[1]).toBeCloseTo(sampleCorrelation(x.slice(1), y.slice(1)), 12);
    expect(m.n[1]).toBe(7);
    expect(m.n[0]).toBe(8);
    expect(Number.isNaN(m.r[2])).toBe(true);
  });
});

describe("Cronbach's alpha", () => {
  it('matches the hand computation α = k/(k−1)·(1 − Σs²ᵢ/s²ₜ), listwise', () => {
    // x1 = 1..5 (s² = 2.5), x2 = [2,2,4,4,5] (s² = 1.8), x3 = [1,3,3,5,4] (s² = 2.2);
    // totals [4,7,10,13,14] (s² = 17.3); α = 1.5·(1 − 6.5/17.3) = 16.2/17.3. The sixth row
    // has a gap and is dropped.
    const a = cronbachAlpha([f64([1, 2, 3, 4, 5, 9]), f64([2, 2, 4, 4, 5, NaN]), f64([1, 3, 3, 5, 4, 0])]);
    expect(a.n).toBe(5);
    expect(a.items).toBe(3);
    expect(a.alpha).toBeCloseTo(16.2 / 17.3, 12);
  });

  it('is 1 for identical items and negative for items that cancel out', () => {
    const x = f64([1, 4, 2, 8, 5]);
    expect(cronbachAlpha([x, x, x]).alpha).toBeCloseTo(1, 12);
    // y ≈ −x: item variances 7.5 and 6.5, totals [0,0,−1,0,1] with variance 0.5 → α = 2·(1 − 14/0.5) = −54
    expect(cronbachAlpha([x, f64([-1, -4, -3, -8, -4])]).alpha).toBeCloseTo(-54, 10);
    expect(Number.isNaN(cronbachAlpha([x, x.map((v) => -v)]).alpha)).toBe(true); // constant totals
    expect(Number.isNaN(cronbachAlpha([x]).alpha)).toBe(true);
  });
});

describe('Jacobi eigen solver', () => {
  it('2×2 [[2,1],[1,2]]: λ = 3, 1 with vectors (1,1)/√2 and (1,−1)/√2', () => {
    const { values, vectors } = jacobiEigen([2, 1, 1, 2], 2);
    expect(values[0]).toBeCloseTo(3, 14);
    expect(values[1]).toBeCloseTo(1, 14);
    expect(Math.abs(vectors[0])).toBeCloseTo(Math.SQRT1_2, 14);
    expect(vectors[0] * vectors[2]).toBeCloseTo(0.5, 14); // same sign: (1,1)
    expect(vectors[1] * vectors[3]).toBeCloseTo(-0.5, 14); // opposite: (1,−1)
  });

  it('3×3 tridiagonal [[2,−1,0],[−1,2,−1],[0,−1,2]]: λ = 2+√2, 2, 2−√2', () => {
    const { values, vectors } = jacobiEigen([2, -1, 0, -1, 2, -1, 0, -1, 2], 3);
    expect(values[0]).toBeCloseTo(2 + Math.SQRT2, 13);
    expect(values[1]).toBeCloseTo(2, 13);
    expect(values[2]).toBeCloseTo(2 - Math.SQRT2, 13);
    // λ = 2 has eigenvector (1, 0, −1)/√2
    expect(Math.abs(vectors[0 * 3 + 1])).toBeCloseTo(Math.SQRT1_2, 13);
    expect(vectors[1 * 3 + 1]).toBeCloseTo(0, 13);
    expect(vectors[0 * 3 + 1] + vectors[2 * 3 + 1]).toBeCloseTo(0, 13);
  });

  it('reconstructs random symmetric matrices: A = VΛVᵀ, VᵀV = I, values descending', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 9 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: n * n, maxLength: n * n }),
            ),
          ),
        ([n, raw]) => {
          const a = new Float64Array(n * n);
          for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = (raw[i * n + j] + raw[j * n + i]) / 2;
          const { values, vectors } = jacobiEigen(a, n);
          for (let i = 1; i < n; i++) expect(values[i]).toBeLessThanOrEqual(values[i - 1]);
          for (let i = 0; i < n; i++) {
            for (let j = 0; j < n; j++) {
              let rec = 0;
              let orth = 0;
              for (let k = 0; k < n; k++) {
                rec += vectors[i * n + k] * values[k] * vectors[j * n + k];
                orth += vectors[k * n + i] * vectors[k * n + j];
              }
              expect(rec).toBeCloseTo(a[i * n + j], 9);
              expect(orth).toBeCloseTo(i === j ? 1 : 0, 12);
            }
          }
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });
});

describe('PCA', () => {
  it('two perfectly correlated indicators: one component with all the variance, loadings 1', () => {
    const x = f64([1, 2, 3, 4, 5]);
    const p = pca(['a', 'b'], [x, x.map((v) => 3 * v + 1)]);
    expect(p.varianceShare[0]).toBeCloseTo(1, 12);
    expect(p.loadings[0][0]).toBeCloseTo(1, 12);
    expect(p.loadings[1][0]).toBeCloseTo(1, 12);
  });

  it('variance shares sum to 1; squared loadings of an indicator sum to 1; constant columns set aside', () => {
    const cols = [
      f64([1, 5, 2, 8, 3, 9, 4, NaN]),
      f64([2, 4, 4, 7, 1, 8, 5, 6]),
      f64([9, 1, 7, 2, 8, 3, 6, 5]),
      f64([3, 3, 3, 3, 3, 3, 3, 3]),
    ];
    const p = pca(['a', 'b', 'c', 'k'], cols);
    expect(p.n).toBe(7);
    expect(p.constant).toEqual(['k']);
    expect(p.ids).toEqual(['a', 'b', 'c']);
    expect(p.varianceShare.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    expect(p.eigenvalues.reduce((s, v) => s + v, 0)).toBeCloseTo(3, 12); // trace of a 3×3 correlation matrix
    for (const row of p.loadings) expect(row.reduce((s, l) => s + l * l, 0)).toBeCloseTo(1, 10);
  });
});

describe('effective weights', () => {
  it('S = r², normalised; an aggregate equal to one component gives it all the influence it can', () => {
    const a = f64([1, 2, 3, 4, 5, 6]);
    const b = f64([2, 1, 4, 3, 6, 5]);
    const y = a.map((v, i) => (v + b[i]) / 2);
    const e = effectiveWeights(['a', 'b'], [a, b], [1, 1], y);
    const ra = sampleCorrelation(Array.from(a), Array.from(y));
    const rb = sampleCorrelation(Array.from(b), Array.from(y));
    expect(e[0].r).toBeCloseTo(ra, 12);
    expect(e[0].effective).toBeCloseTo(ra ** 2 / (ra ** 2 + rb ** 2), 12);
    expect(e[0].nominal).toBe(0.5);
    expect(e[0].effective + e[1].effective).toBeCloseTo(1, 12);
    expect(e[1].ratio).toBeCloseTo(e[1].effective / 0.5, 12);
  });
});

describe('histogram', () => {
  it('equal-width bins, last bin closed, NaN skipped', () => {
    const h = histogram(f64([0, 1, 2, 3, 4, 10, NaN]), 5);
    expect(h).toEqual({ min: 0, max: 10, counts: [2, 2, 1, 0, 1] });
    expect(histogram(f64([2, 2, 2]), 3).counts).toEqual([3, 0, 0]);
  });
});
