import { describe, expect, it } from 'vitest';
import { marshallEstimate, shrinkRate, smoothGlobal, smoothWithinGroups } from '../../src/core/stats/empiricalBayes.ts';
import { prepare, score, indicatorInputs } from '../../src/core/run.ts';
import { fromBundle, toBundle } from '../../src/core/bundle.ts';
import { resultColumns } from '../../src/core/resultTable.ts';
import { explainArea } from '../../src/core/explain.ts';
import { syntheticFramework } from './synthetic.ts';

/** A seeded linear congruential generator (synthetic test data only). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** Synthetic Poisson counts (Knuth's method) for small means. */
function poisson(mean: number, u: () => number): number {
  const L = Math.exp(-mean);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= u();
  } while (p > L);
  return k - 1;
}

describe('empirical-Bayes smoothing (Marshall 1991, global)', () => {
  it('matches a worked example by hand', () => {
    // O = [0, 8, 4, 8], n = [100, 200, 400, 300]
    // b  = ΣO/Σn = 20/1000 = 0.02; crude r = [0, 0.04, 0.01, 0.02667]
    // s² = Σ n(r − b)²/Σn = (100·0.0004 + 200·0.0004 + 400·0.0001 + 300·(1/150)²)/1000
    //    = (0.04 + 0.08 + 0.04 + 0.013333)/1000 = 13/75000
    // n̄ = 250, b/n̄ = 0.00008 = 6/75000, so a = s² − b/n̄ = 7/75000
    // b/nᵢ = [15, 7.5, 3.75, 5]/75000, so Cᵢ = a/(a + b/nᵢ) = [7/22, 14/29, 28/43, 7/12]
    // r̃ = b + C(r − b) = [0.02·15/22, 0.02·43/29, 0.02 − 0.01·28/43, 0.02 + (7/12)/150]
    const O = [0, 8, 4, 8];
    const n = [100, 200, 400, 300];
    const e = marshallEstimate(O, n);
    expect(e.areas).toBe(4);
    expect(e.rate).toBeCloseTo(0.02, 15);
    expect(e.variance).toBeCloseTo(13 / 75000, 15);
    expect(e.priorVariance).toBeCloseTo(7 / 75000, 15);
    const { rates } = smoothGlobal(O, n);
    const expected = [(0.02 * 15) / 22, (0.02 * 43) / 29, 0.02 - (0.01 * 28) / 43, 0.02 + 7 / 12 / 150];
    expected.forEach((v, i) => expect(rates[i]).toBeCloseTo(v, 14));
    // the same in Clayton & Kaldor's gamma-posterior form: ν = b²/a = 30/7, α = b/a = 1500/7,
    // r̃ = (O + ν)/(n + α); the first area: (30/7)/(100 + 1500/7) = 30/2200
    expect(rates[0]).toBeCloseTo(30 / 2200, 15);
  });

  it('a = 0 (no spread beyond Poisson noise) sets every rate to the overall rate', () => {
    // O = [2, 1, 3], n = 100 each: b = 0.02, s² = 100·(0 + 0.0001 + 0.0001)/300 = 0.0000667,
    // b/n̄ = 0.0002 > s², so a = max(0, s² − b/n̄) = 0 and every r̃ = 0.02
    const { rates, estimate } = smoothGlobal([2, 1, 3], [100, 100, 100]);
    expect(estimate.priorVariance).toBe(0);
    expect(Array.from(rates)).toEqual([0.02, 0.02, 0.02]);
  });

  it('missing counts and zero populations stay missing and do not enter the estimates', () => {
    const { rates, estimate } = smoothGlobal([0, 8, NaN, 4, 8, 5], [100, 200, 50, 400, 300, 0]);
    expect(estimate.areas).toBe(4);
    expect(estimate.rate).toBeCloseTo(0.02, 15);
    expect(rates[2]).toBeNaN();
    expect(rates[5]).toBeNaN();
    expect(rates[0]).toBeCloseTo((0.02 * 15) / 22, 14);
  });

  it('invariants: shrinks toward b, never past it; larger populations shrink less', () => {
    const u = lcg(7);
    const N = 400;
    const n = Array.from({ length: N }, () => 2000 + Math.floor(u() * 18000));
    const O = n.map((p) => poisson(p * 3e-4 * (0.3 + 2 * u()), u));
    const { rates, estimate } = smoothGlobal(O, n);
    const b = estimate.rate;
    expect(estimate.priorVariance).toBeGreaterThan(0);
    for (let i = 0; i < N; i++) {
      const r = O[i] / n[i];
      // between r and b (inclusive), on the same side of b
      expect(Math.abs(rates[i] - b)).toBeLessThanOrEqual(Math.abs(r - b) + 1e-18);
      expect((rates[i] - b) * (r - b)).toBeGreaterThanOrEqual(0);
    }
    // the same crude rate (0.001) on 1,000 vs 10,000 residents: the larger stays closer to it
    const small = shrinkRate(1, 1000, estimate);
    const large = shrinkRate(10, 10000, estimate);
    expect(Math.abs(large - 0.001)).toBeLessThan(Math.abs(small - 0.001));
    expect(Math.abs(large - b)).toBeGreaterThan(Math.abs(small - b));
  });

  it('cross-check: equals the gamma-posterior mean (O + ν)/(n + α) with ν = b²/a, α = b/a', () => {
    const u = lcg(11);
    const n = Array.from({ length: 200 }, () => 500 + Math.floor(u() * 9500));
    const O = n.map((p) => poisson(p * 5e-4 * (0.2 + 3 * u()), u));
    // the moments computed here independently, term by term
    const b = O.reduce((a, x) => a + x, 0) / n.reduce((a, x) => a + x, 0);
    const s2 = n.reduce((acc, p, i) => acc + p * (O[i] / p - b) ** 2, 0) / n.reduce((a, x) => a + x, 0);
    const a = Math.max(0, s2 - b / (n.reduce((x, y) => x + y, 0) / n.length));
    expect(a).toBeGreaterThan(0);
    const nu = (b * b) / a;
    const alpha = b / a;
    const { rates } = smoothGlobal(O, n);
    n.forEach((p, i) => expect(rates[i]).toBeCloseTo((O[i] + nu) / (p + alpha), 14));
  });

  it('eb-parent: the same estimator within each group; no group → overall', () => {
    const O = [0, 8, 4, 8, 2, 1, 3, 5];
    const n = [100, 200, 400, 300, 100, 100, 100, 250];
    const group = [0, 0, 0, 0, 1, 1, 1, -1];
    const s = smoothWithinGroups(O, n, group, 2);
    const g0 = smoothGlobal(O.slice(0, 4), n.slice(0, 4)).rates;
    const g1 = smoothGlobal(O.slice(4, 7), n.slice(4, 7)).rates;
    [...g0, ...g1].forEach((v, i) => expect(s.rates[i]).toBeCloseTo(v, 15));
    expect(s.rates[7]).toBeCloseTo(shrinkRate(5, 250, marshallEstimate(O, n)), 15);
  });
});

describe('smooth step in the pipeline', () => {
  function smoothedFramework(method: 'eb' | 'eb-parent') {
    const u = lcg(3);
    const N = 30;
    const pops = Array.from({ length: N }, () => 1000 + Math.floor(u() * 9000));
    const counts = pops.map((p) => poisson(p * 1e-3 * (0.3 + 2 * u()), u));
    const other = Array.from({ length: N }, () => u() * 10);
    const { framework, inputs } = syntheticFramework({
      values: [counts, other],
      directions: [1, 1],
      measureOf: [0, 1],
      categoryOf: [0, 0],
    });
    framework.indicators[0] = {
      ...framework.indicators[0],
      denominator: 'population',
      multiplier: 1000,
      smooth: method,
    };
    inputs.data.i0 = { values: Float64Array.from(counts), denominator: Float64Array.from(pops) };
    return { framework, inputs, counts, pops };
  }

  it('records the step after denominate, keeps crude and smoothed rates, and scores on the smoothed ones', () => {
    const { framework, inputs, counts, pops } = smoothedFramework('eb');
    const p = prepare(framework, inputs);
    expect(p.log.map((r) => r.step).slice(0, 4)).toEqual(['validate', 'denominate', 'smooth', 'apportion']);
    const expected = smoothGlobal(counts, pops).rates;
    counts.forEach((o, i) => {
      expect(p.raw.i0[i]).toBeCloseTo((o / pops[i]) * 1000, 12);
      expect(p.smoothed.i0[i]).toBeCloseTo(expected[i] * 1000, 12);
    });
    expect(p.smoothed.i1).toBeUndefined();
    const r = score(p);
    expect(r.raw.i0).toBe(p.raw.i0);
    expect(r.smoothed.i0).toBe(p.smoothed.i0);
    // the imputation/treatment input is the smoothed rate
    expect(indicatorInputs(p).i0).toBe(p.smoothed.i0);
    const names = resultColumns(r).map((c) => c.name);
    expect(names).toContain('i0_raw');
    expect(names).toContain('i0_smoothed');
    expect(names).not.toContain('i1_smoothed');
    const ex = explainArea(r, 0);
    const ind = ex.categories[0].measures[0].indicators[0];
    expect(ind.raw).toBe(p.raw.i0[0]);
    expect(ind.smoothed).toBe(p.smoothed.i0[0]);
  });

  it('smoothing off scores the crude rates; a bundle round trip re-runs identically', () => {
    const { framework, inputs } = smoothedFramework('eb-parent');
    const p = prepare(framework, inputs);
    const on = score(p);
    const off = score(p, { smoothing: false });
    expect(off.smoothed).toEqual({});
    expect(Array.from(off.index)).not.toEqual(Array.from(on.index));
    const unsmoothed = score({ ...p, smoothed: {} });
    expect(Array.from(off.index)).toEqual(Array.from(unsmoothed.index));
    const again = score(fromBundle(JSON.parse(JSON.stringify(toBundle(p)))));
    expect(Array.from(again.index)).toEqual(Array.from(on.index));
    expect(Array.from(again.smoothed.i0)).toEqual(Array.from(on.smoothed.i0));
  });
});
