/**
 * Synthetic control: the simplex least-squares solver against an exact case and brute-force
 * optimality checks; recovery of a known effect injected into real London monthly series (the
 * 2018 MPS ward file, violence with injury) within the placebo band, and no effect where none
 * was injected.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { areaSeries, type MonthlySeries } from '../../src/core/monthlySeries.ts';
import { inSpacePlacebos, inTimePlacebo, quantile } from '../../src/evaluate/placebos.ts';
import { simplexLeastSquares } from '../../src/evaluate/simplexLeastSquares.ts';
import { effectOver, meanOver, syntheticControl } from '../../src/evaluate/syntheticControl.ts';
import { parseCsv } from '../../src/io/csv.ts';
import { parseMonthlySeries } from '../../src/io/monthlySeries.ts';
import { readSourceText } from '../../src/io/readText.ts';
import { monthlyCsvFrom2018 } from '../select/helpers/monthlyFrom2018.ts';

describe('simplexLeastSquares', () => {
  it('recovers exact convex weights (synthetic series)', () => {
    const d = [
      [1, 2, 3, 4, 5, 6],
      [6, 5, 4, 3, 2, 1],
      [1, 1, 2, 2, 3, 3],
      [0, 3, 0, 3, 0, 3],
    ];
    // y = 0.5·d0 + 0.3·d1 + 0.2·d3
    const y = d[0].map((_, t) => 0.5 * d[0][t] + 0.3 * d[1][t] + 0.2 * d[3][t]);
    const fit = simplexLeastSquares(y, d);
    expect(fit.converged).toBe(true);
    expect(fit.weights[0]).toBeCloseTo(0.5, 6);
    expect(fit.weights[1]).toBeCloseTo(0.3, 6);
    expect(fit.weights[2]).toBeCloseTo(0, 6);
    expect(fit.weights[3]).toBeCloseTo(0.2, 6);
    expect(fit.sse).toBeLessThan(1e-9);
  });

  it('outside the hull: the best point on the simplex, checked against a fine grid over 3 donors', () => {
    // y = (10, 0, 5) is far from every mixture; the optimum solves the projection exactly.
    const d = [
      [1, 0, 0],
      [0, 1, 0],
      [1, 1, 1],
    ];
    const y = [10, 0, 5];
    const fit = simplexLeastSquares(y, d);
    const f = (w: number[]) => y.reduce((a, yt, t) => a + (yt - w.reduce((s, wj, j) => s + wj * d[j][t], 0)) ** 2, 0);
    let best = Infinity;
    for (let a = 0; a <= 200; a++)
      for (let b = 0; a + b <= 200; b++) best = Math.min(best, f([a / 200, b / 200, 1 - (a + b) / 200]));
    expect(fit.sse).toBeLessThanOrEqual(best + 1e-9);
    expect(fit.weights.every((w) => w >= 0)).toBe(true);
    expect(fit.weights.reduce((a, w) => a + w, 0)).toBeCloseTo(1, 12);
    // No point of a 1/200 grid over the simplex does better than the solver, and it is as good as the best.
    expect(fit.sse).toBeCloseTo(best, 6);
  });
});

describe('synthetic control on real London monthly series (MPS 2018 wards, violence with injury, Sep 2020 – Aug 2022)', () => {
  let m: MonthlySeries;
  let codes: string[];
  beforeAll(() => {
    const areas = parseCsv(readSourceText(join(import.meta.dirname, '../../data/london-2018/areas.csv')), {
      file: 'areas.csv',
    });
    codes = areas.rows.map((r) => r[0]);
    m = parseMonthlySeries(monthlyCsvFrom2018(), 'monthly_crime.csv', codes);
  });
  const FIT = 18; // months 0–17 (Sep 2020 – Feb 2022) before the pretend start
  const T = 24;

  /** Pilot = the k-th highest ward by pre-period mean; donors = the 40 wards closest to it in pre-period mean. */
  function setup(k: number) {
    const series = (i: number) => Float64Array.from(areaSeries(m, 'violence_with_injury', i));
    const wards = codes.map((_, i) => i).filter((i) => m.hasData[i]);
    const means = wards
      .map((i) => [i, meanOver(series(i), 0, FIT)] as const)
      .sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const [pilot, pm] = means[k];
    const donors = means
      .filter(([i]) => i !== pilot)
      .sort((a, b) => Math.abs(a[1] - pm) - Math.abs(b[1] - pm) || a[0] - b[0])
      .slice(0, 40)
      .map(([i]) => series(i));
    return { y: series(pilot), donors };
  }

  for (const k of [0, 20, 100]) {
    it(`pilot ranked ${k + 1} by pre-period level: −20 % injected after month 18 is recovered within the placebo band; none injected → inside the band`, () => {
      const { y, donors } = setup(k);
      const injected = Float64Array.from(y, (x, t) => (t >= FIT ? Math.round(0.8 * x) : x));
      const fit = syntheticControl(y, donors, FIT);
      const fitInj = syntheticControl(injected, donors, FIT);
      // Fitted on the pre-period only: the injection after month 18 cannot change the weights.
      expect([...fitInj.synthetic]).toEqual([...fit.synthetic]);
      expect(fit.weights.reduce((a, w) => a + w.weight, 0)).toBeCloseTo(1, 9);
      expect(fit.weights.every((w) => w.weight > 0)).toBe(true);
      const none = effectOver(y, fit.synthetic, FIT, T).change;
      const est = effectOver(injected, fitInj.synthetic, FIT, T);
      // The injected estimate is the uninjected one scaled by the injection: Σround(0.8y)/Σŷ − 1.
      const injectedTotal = Array.from(y.subarray(FIT)).reduce((a, x) => a + Math.round(0.8 * x), 0);
      expect(est.observed).toBe(injectedTotal);
      expect(est.change).toBeCloseTo(injectedTotal / est.expected - 1, 12);
      const placebo = inSpacePlacebos(donors, FIT, FIT, T, est.change);
      expect(placebo.effects.length).toBe(40);
      const [lo, hi] = placebo.band;
      expect(lo).toBeLessThan(0);
      expect(hi).toBeGreaterThan(0);
      // Recovered within the placebo band: estimate − truth lies where the method's null estimates lie.
      expect(est.change - -0.2).toBeGreaterThanOrEqual(lo);
      expect(est.change - -0.2).toBeLessThanOrEqual(hi);
      // No effect injected: the estimate lies inside the placebo band.
      expect(none).toBeGreaterThanOrEqual(lo);
      expect(none).toBeLessThanOrEqual(hi);
      // The estimate moves by about −20 %: (1 + est)/(1 + none) ≈ 0.8 (rounding of small counts aside).
      expect((1 + est.change) / (1 + none)).toBeGreaterThan(0.77);
      expect((1 + est.change) / (1 + none)).toBeLessThan(0.83);
    });
  }

  it('in-time placebo: fitted to month 6 and "estimated" over months 6–17, with placebo p-values between 0 and 1', () => {
    const { y, donors } = setup(0);
    const p = inTimePlacebo(y, donors, FIT, 12);
    expect(p.fitMonths).toBe(6);
    expect(Number.isFinite(p.change)).toBe(true);
    const fit = syntheticControl(y, donors, 6);
    expect(p.change).toBeCloseTo(effectOver(y, fit.synthetic, 6, FIT).change, 12);
    const d = inSpacePlacebos(donors, 6, 6, FIT, p.change);
    expect(d.p).toBeGreaterThan(0);
    expect(d.p).toBeLessThanOrEqual(1);
  });

  it('quantile is Hyndman & Fan type 7', () => {
    expect(quantile([1, 2, 3, 4, 5], 0.05)).toBeCloseTo(1.2, 12);
    expect(quantile([1, 2, 3, 4, 5], 0.95)).toBeCloseTo(4.8, 12);
  });
});
