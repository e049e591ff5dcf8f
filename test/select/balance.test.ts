/** Standardised mean difference and the logistic regression, against hand computation. */
import { describe, expect, it } from 'vitest';
import { balanceFlag, standardisedMeanDifference } from '../../src/select/standardisedMeanDifference.ts';
import { logisticRegression, logit } from '../../src/select/logisticRegression.ts';

describe('standardisedMeanDifference', () => {
  it('matches (x̄t − x̄c)/√((s²t + s²c)/2) by hand', () => {
    // t = 2, 4, 6: mean 4, s² = 4; c = 1, 2, 3, 4, NaN: mean 2.5, s² = 5/3.
    // SMD = 1.5 / √((4 + 5/3)/2) = 1.5/√(17/6) = 0.891132…
    const r = standardisedMeanDifference([2, 4, 6], [1, 2, 3, 4, NaN]);
    expect(r.meanTreated).toBe(4);
    expect(r.meanControl).toBe(2.5);
    expect(r.smd).toBeCloseTo(1.5 / Math.sqrt(17 / 6), 12);
    expect(r.smd).toBeCloseTo(0.8911327886790069, 12);
  });

  it('handles groups without spread and empty groups as documented', () => {
    expect(standardisedMeanDifference([5], [5, 5]).smd).toBe(0);
    expect(standardisedMeanDifference([5], [3, 3]).smd).toBeNaN();
    expect(standardisedMeanDifference([1, 3], [NaN]).smd).toBeNaN();
    // A single treated value has variance 0: SMD = (4 − 2)/√((0 + 2)/2) = 2.
    expect(standardisedMeanDifference([4], [1, 3]).smd).toBeCloseTo(2, 12);
  });

  it('flags |SMD| > 0.1 and warns above 0.25', () => {
    expect([0.05, -0.1, 0.11, -0.2, 0.26, NaN].map(balanceFlag)).toEqual([
      'ok',
      'ok',
      'flag',
      'flag',
      'warn',
      'undefined',
    ]);
  });
});

describe('logisticRegression', () => {
  it('reproduces the closed-form maximum-likelihood fit for one binary covariate', () => {
    // x = 0: 1 of 4 cases has y = 1 → β₀ = logit(1/4) = −ln 3.
    // x = 1: 3 of 4 → β₀ + β₁ = logit(3/4) = ln 3, so β₁ = 2·ln 3.
    const rows = [[0], [0], [0], [0], [1], [1], [1], [1]];
    const y = [1, 0, 0, 0, 1, 1, 1, 0];
    const fit = logisticRegression(rows, y, 0);
    expect(fit.converged).toBe(true);
    expect(fit.coef[0]).toBeCloseTo(-Math.log(3), 9);
    expect(fit.coef[1]).toBeCloseTo(2 * Math.log(3), 9);
    expect(logit(fit, [1])).toBeCloseTo(Math.log(3), 9);
  });

  it('with a ridge penalty, stays finite under perfect separation and zeroes the penalised score equation', () => {
    const rows = [[-2], [-1], [0], [1], [2]];
    const y = [0, 0, 0, 1, 1];
    const lambda = 1;
    const fit = logisticRegression(rows, y, lambda);
    expect(fit.converged).toBe(true);
    const [b0, b1] = fit.coef;
    const p = rows.map(([x]) => 1 / (1 + Math.exp(-(b0 + b1 * x))));
    // Score equations: Σ(y − p) = 0 and Σ(y − p)x − λβ₁ = 0.
    expect(y.reduce((a, yi, i) => a + yi - p[i], 0)).toBeCloseTo(0, 9);
    expect(y.reduce((a, yi, i) => a + (yi - p[i]) * rows[i][0], 0) - lambda * b1).toBeCloseTo(0, 9);
    expect(b1).toBeGreaterThan(0);
  });
});
