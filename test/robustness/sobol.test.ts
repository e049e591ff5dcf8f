import { describe, expect, it } from 'vitest';
import { seededRng } from '../../src/robustness/rng.ts';
import { sobolIndices, sobolWithBootstrap } from '../../src/robustness/sobol.ts';

/** Evaluates f on Saltelli's A, B and A_B^(i) built from independent uniform draws mapped by `x`. */
function saltelli(d: number, N: number, seed: number, x: (u: number) => number, f: (v: Float64Array) => number) {
  const rng = seededRng(seed);
  const A = Array.from({ length: N }, () => Float64Array.from({ length: d }, () => x(rng.uniform())));
  const B = Array.from({ length: N }, () => Float64Array.from({ length: d }, () => x(rng.uniform())));
  const fA = Float64Array.from(A, f);
  const fB = Float64Array.from(B, f);
  const fAB = Array.from({ length: d }, (_, i) =>
    Float64Array.from(A, (a, j) => {
      const row = Float64Array.from(a);
      row[i] = B[j][i];
      return f(row);
    }),
  );
  return { fA, fB, fAB };
}

describe('Sobol estimators (Saltelli 2010 first order, Jansen 1999 total order)', () => {
  it('recover the analytic indices of the Ishigami function (a = 7, b = 0.1)', () => {
    const a = 7;
    const b = 0.1;
    const ishigami = (v: Float64Array) => Math.sin(v[0]) + a * Math.sin(v[1]) ** 2 + b * v[2] ** 4 * Math.sin(v[0]);
    const { fA, fB, fAB } = saltelli(3, 1 << 15, 2010, (u) => -Math.PI + 2 * Math.PI * u, ishigami);
    const s = sobolIndices(fA, fB, fAB);
    // analytic: V = a²/8 + bπ⁴/5 + b²π⁸/18 + ½ ≈ 13.8446
    expect(s.variance).toBeCloseTo((a * a) / 8 + (b * Math.PI ** 4) / 5 + (b * b * Math.PI ** 8) / 18 + 0.5, 0);
    const expected = { first: [0.3139, 0.4424, 0], total: [0.5576, 0.4424, 0.2437] };
    expected.first.forEach((e, i) => expect(Math.abs(s.first[i] - e)).toBeLessThan(0.03));
    expected.total.forEach((e, i) => expect(Math.abs(s.total[i] - e)).toBeLessThan(0.03));
  });

  it('recover S_i = c_i² / Σc² for a linear model of independent uniforms, with bootstrap intervals that cover them', () => {
    const c = [1, 2, 3, 0];
    const { fA, fB, fAB } = saltelli(
      4,
      1 << 13,
      7,
      (u) => u,
      (v) => c.reduce((s, ci, i) => s + ci * v[i], 0),
    );
    const s = sobolWithBootstrap(fA, fB, fAB, 300, 0.95, seededRng(7, 1));
    const total = c.reduce((t, ci) => t + ci * ci, 0);
    c.forEach((ci, i) => {
      const exact = (ci * ci) / total; // additive model: first order = total order
      expect(Math.abs(s.first[i] - exact)).toBeLessThan(0.03);
      expect(Math.abs(s.total[i] - exact)).toBeLessThan(0.01);
      expect(s.firstLow[i]).toBeLessThanOrEqual(s.first[i]);
      expect(s.firstHigh[i]).toBeGreaterThanOrEqual(s.first[i]);
      expect(s.totalLow[i] - 0.005).toBeLessThanOrEqual(exact);
      expect(s.totalHigh[i] + 0.005).toBeGreaterThanOrEqual(exact);
    });
    expect(s.total[3]).toBe(0); // a factor the model ignores: f_A = f_ABi exactly
  });

  it('computes the estimators by hand on a tiny design', () => {
    // N = 2, d = 1: fA = [1, 3], fB = [2, 4], fAB = [2, 3]
    // mean of {1,3,2,4} = 2.5, V = (2.25+0.25+0.25+2.25)/4 = 1.25
    // S1 = (1/2)[2·(2−1) + 4·(3−3)] / 1.25 = 0.8;  ST = (1/4)[(1−2)² + 0] / 1.25 = 0.2
    const s = sobolIndices(Float64Array.of(1, 3), Float64Array.of(2, 4), [Float64Array.of(2, 3)]);
    expect(s.variance).toBe(1.25);
    expect(s.first[0]).toBeCloseTo(0.8, 15);
    expect(s.total[0]).toBeCloseTo(0.2, 15);
  });
});
