/** Overdispersion and the minimum detectable effect against cases worked by hand. */
import { describe, expect, it } from 'vitest';
import { logRatioVariance, minimumDetectableEffect, Z_80, Z_975 } from '../../src/evaluate/minimumDetectableEffect.ts';
import { overdispersion } from '../../src/evaluate/overdispersion.ts';

describe('overdispersion (method of moments)', () => {
  it('pools (s² − m) over m² by hand', () => {
    // A: 2, 4, 6 → m 4, s² 4 (s² − m = 0); B: 0, 10 → m 5, s² 50 (45); C: all zero → left out.
    // α = (0 + 45) / (16 + 25) = 45/41.
    const r = overdispersion([
      [2, 4, 6],
      [0, 10],
      [0, 0, 0],
    ]);
    expect(r.alpha).toBeCloseTo(45 / 41, 12);
    expect(r.wards).toBe(2);
    // Under-dispersed counts give 0, not a negative α.
    expect(overdispersion([[5, 5, 5, 5]]).alpha).toBe(0);
  });
});

describe('minimumDetectableEffect', () => {
  const z = Z_975 + Z_80; // 2.801585…
  it('uses z = 1.959964 + 0.841621', () => expect(z).toBeCloseTo(2.801585, 6));

  it('Poisson (α = 0), one pilot, one comparison, 12 + 12 months, μ = 10', () => {
    // V(r) = (1/(1 − r) + 3)/120. Worked by hand (q = 1 − r):
    //   q = 0.5735: −ln q = 0.555997 < 2.801585·√((1.743679 + 3)/120) = 0.557020
    //   q = 0.5728: −ln q = 0.557219 > 2.801585·√((1.745810 + 3)/120) = 0.557145
    // so the MDE lies between 1 − 0.5735 = 0.4265 and 1 − 0.5728 = 0.4272.
    const x = { mu: 10, alpha: 0, k: 1, c: 1, preMonths: 12, postMonths: 12 };
    expect(logRatioVariance(x, 0.5)).toBeCloseTo((2 + 3) / 120, 14);
    const mde = minimumDetectableEffect(x);
    expect(mde).toBeGreaterThan(0.4265);
    expect(mde).toBeLessThan(0.4272);
    expect(-Math.log(1 - mde)).toBeCloseTo(z * Math.sqrt(logRatioVariance(x, mde)), 9);
  });

  it('negative binomial: α adds α/(nP) per group; a large μ leaves the α floor', () => {
    // α = 0.1, μ → ∞: V → 0.1·(1/12 + 1/12 + 1/12 + 1/12) = 1/30, independent of r,
    // so MDE = 1 − exp(−z·√(1/30)) = 1 − exp(−0.511498) = 0.40040.
    const mde = minimumDetectableEffect({ mu: 1e12, alpha: 0.1, k: 1, c: 1, preMonths: 12, postMonths: 12 });
    expect(mde).toBeCloseTo(1 - Math.exp(-z * Math.sqrt(1 / 30)), 6);
    expect(mde).toBeCloseTo(0.4004, 3);
  });

  it('falls with k as 1/√k at the α floor, and with longer follow-up', () => {
    const base = { mu: 1e12, alpha: 0.1, c: 3, preMonths: 24 };
    const m = (k: number, post: number) => minimumDetectableEffect({ ...base, k, postMonths: post });
    // log-scale MDE ∝ 1/√k: −ln(1 − MDE(4)) = −ln(1 − MDE(1))/2.
    expect(-Math.log(1 - m(4, 12))).toBeCloseTo(-Math.log(1 - m(1, 12)) / 2, 6);
    expect(m(3, 24)).toBeLessThan(m(3, 12));
    expect(minimumDetectableEffect({ mu: 0.01, alpha: 5, k: 1, c: 1, preMonths: 3, postMonths: 3 })).toBe(Infinity);
  });
});
