import { describe, expect, it } from 'vitest';
import { dirichlet, gamma } from '../../src/robustness/gamma.ts';
import { seededRng } from '../../src/robustness/rng.ts';

describe('gamma (Marsaglia–Tsang)', () => {
  for (const alpha of [0.4, 1, 3.5, 40]) {
    it(`has mean α and variance α for α = ${alpha}`, () => {
      const rng = seededRng(11);
      const m = 40000;
      let s = 0;
      let s2 = 0;
      let min = Infinity;
      for (let i = 0; i < m; i++) {
        const g = gamma(rng, alpha);
        min = Math.min(min, g);
        s += g;
        s2 += g * g;
      }
      expect(min).toBeGreaterThan(0);
      const mean = s / m;
      const variance = s2 / m - mean * mean;
      // standard error of the mean √(α/m); of the variance ≈ α·√(2(1 + 3/α)/m)
      expect(Math.abs(mean - alpha)).toBeLessThan(5 * Math.sqrt(alpha / m));
      expect(Math.abs(variance - alpha)).toBeLessThan(5 * alpha * Math.sqrt((2 + 6 / alpha) / m));
    });
  }
});

describe('dirichlet', () => {
  it('has means equal to the nominal shares, sums to 1, and keeps a zero weight at zero', () => {
    const nominal = [2, 1, 1, 0];
    const c = 50;
    const alpha = nominal.map((w) => (c * w) / 4);
    const rng = seededRng(5);
    const m = 20000;
    const sums = [0, 0, 0, 0];
    let worstSum = 0;
    for (let i = 0; i < m; i++) {
      const x = dirichlet(rng, alpha);
      worstSum = Math.max(worstSum, Math.abs(x[0] + x[1] + x[2] + x[3] - 1));
      for (let j = 0; j < 4; j++) sums[j] += x[j];
    }
    expect(worstSum).toBeLessThan(1e-12);
    expect(sums[3]).toBe(0);
    const shares = [0.5, 0.25, 0.25, 0];
    // SD of a share p: √(p(1−p)/(c+1)); of its mean over m draws: that / √m
    shares.forEach((p, j) =>
      expect(Math.abs(sums[j] / m - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / (c + 1) / m) + 1e-15),
    );
  });
});
