import { describe, expect, it } from 'vitest';
import * as ss from 'simple-statistics';
import { normaliseColumn } from '../../src/core/steps/normalise.ts';
import { treatOutliers, failsShapeCheck } from '../../src/core/steps/treat.ts';
import { shape } from '../../src/core/stats/shape.ts';
import { impute } from '../../src/core/steps/impute.ts';
import { rate } from '../../src/core/steps/denominate.ts';
import { inheritFromParent } from '../../src/core/steps/apportion.ts';
import { combine } from '../../src/core/steps/combine.ts';
import { decileOf, rankAreas } from '../../src/core/steps/rank.ts';
import { boroughSummaries, localConcentration } from '../../src/core/steps/boroughSummary.ts';
import { defaultMethods } from '../../src/core/framework.ts';
import type { Areas } from '../../src/core/types.ts';

const f = (xs: number[]) => Float64Array.from(xs);

describe('denominate', () => {
  it('rate = numerator / denominator × multiplier, zero denominator → missing', () => {
    expect(Array.from(rate(f([5, 3, 1]), f([1000, 0, 500]), 1000))).toEqual([5, NaN, 2]);
    expect(Array.from(rate(f([5, 3]), undefined, 100))).toEqual([500, 300]);
  });
});

describe('apportion', () => {
  it('each ward inherits its borough value', () => {
    expect(Array.from(inheritFromParent(f([7, 9]), Int32Array.from([1, 0, 1, -1])))).toEqual([9, 7, 9, NaN]);
  });
});

describe('impute', () => {
  const col = f([1, NaN, 3, 10, NaN]);
  const parent = Int32Array.from([0, 0, 0, 1, 1]);
  it('mean, median and group mean fill only missing values and flag them', () => {
    const mean = impute({ x: col }, 'mean', parent, 2);
    expect(Array.from(mean.columns.x)).toEqual([1, 14 / 3, 3, 10, 14 / 3]);
    expect(Array.from(mean.imputed.x)).toEqual([0, 1, 0, 0, 1]);
    expect(Array.from(impute({ x: col }, 'median', parent, 2).columns.x)).toEqual([1, 3, 3, 10, 3]);
    expect(Array.from(impute({ x: col }, 'group-mean', parent, 2).columns.x)).toEqual([1, 2, 3, 10, 10]);
  });
  it('none leaves missing values missing', () => {
    expect(Array.from(impute({ x: col }, 'none', parent, 2).columns.x)).toEqual(Array.from(col));
  });
  it('group mean falls back to the overall mean for an empty group, and says so', () => {
    const r = impute({ x: f([1, 3, NaN]) }, 'group-mean', Int32Array.from([0, 0, 1]), 2);
    expect(r.columns.x[2]).toBe(2);
    expect(r.record.notes.join(' ')).toMatch(/London mean used/);
  });
});

describe('treat (COINr rule)', () => {
  const settings = defaultMethods().treat;
  it('leaves a well-behaved indicator alone', () => {
    const x = f([1, 2, 3, 4, 5, 6, 7, 8]);
    const t = treatOutliers(x, settings);
    expect(t.record.action).toBe('none');
    expect(t.values).toBe(x);
  });
  it('Winsorises one outlier and stops as soon as the shape passes', () => {
    const x = f([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 500]);
    expect(failsShapeCheck(shape(x), settings)).toBe(true);
    const t = treatOutliers(x, settings);
    expect(t.record.action).toBe('winsorised');
    expect(t.record.winsorised).toBe(1);
    expect(t.values[19]).toBe(19);
    expect(failsShapeCheck(shape(t.values), settings)).toBe(false);
  });
  it('falls back to the log transform of the original when Winsorising max points is not enough', () => {
    // heavy right tail: 8 extreme values out of 40
    const x = f([...Array.from({ length: 32 }, () => 1), 2, 5, 20, 100, 400, 1600, 6400, 25600]);
    const t = treatOutliers(x, { ...settings, max_winsorised: 2 });
    expect(t.record.action).toBe('log');
    const a = 0.01 * (25600 - 1);
    expect(t.values[0]).toBeCloseTo(Math.log(a), 12);
    expect(t.values[39]).toBeCloseTo(Math.log(25600 - 1 + a), 12);
  });
});

describe('normalise', () => {
  const x = f([2, 4, 4, 4, 5, 5, 7, 9]);
  it('zscore = (x − mean)/sd, and direction −1 flips the sign', () => {
    const z = normaliseColumn(x, 1, 'zscore');
    const sd = ss.sampleStandardDeviation(Array.from(x));
    expect(z[0]).toBeCloseTo((2 - 5) / sd, 12);
    expect(normaliseColumn(x, -1, 'zscore')[0]).toBeCloseTo((5 - 2) / sd, 12);
  });
  it('minmax spans 0–100; direction −1 gives 100 − minmax', () => {
    expect(Array.from(normaliseColumn(f([0, 5, 10]), 1, 'minmax'))).toEqual([0, 50, 100]);
    expect(Array.from(normaliseColumn(f([0, 5, 10]), -1, 'minmax'))).toEqual([100, 50, 0]);
    expect(Array.from(normaliseColumn(f([3, 3]), 1, 'minmax'))).toEqual([50, 50]);
  });
  it('rank, percentile and rank-based normal scores', () => {
    const y = f([30, 10, 20, NaN]);
    expect(Array.from(normaliseColumn(y, 1, 'rank'))).toEqual([3, 1, 2, NaN]);
    const pct = normaliseColumn(y, 1, 'percentile');
    [(100 * 2.5) / 3, (100 * 0.5) / 3, (100 * 1.5) / 3].forEach((v, i) => expect(pct[i]).toBeCloseTo(v, 12));
    expect(pct[3]).toBeNaN();
    const ns = normaliseColumn(y, 1, 'normal-scores');
    expect(ns[2]).toBeCloseTo(0, 14);
    expect(ns[0]).toBeCloseTo(-ns[1], 14);
    expect(ns[0]).toBeCloseTo(0.9674215661017008, 10); // Φ⁻¹(2.5/3)
  });
  it('distance to reference: 100·(x − ref)/range', () => {
    expect(Array.from(normaliseColumn(f([0, 5, 10]), 1, 'distance-to-reference', 'median'))).toEqual([-50, 0, 50]);
    expect(Array.from(normaliseColumn(f([0, 5, 10]), 1, 'distance-to-reference', 'max'))).toEqual([-100, -50, 0]);
    expect(Array.from(normaliseColumn(f([0, 5, 10]), 1, 'distance-to-reference', 2))).toEqual([-20, 30, 80]);
  });
});

describe('combine', () => {
  it('arithmetic: weighted mean over categories; a ward missing one is not ranked by default', () => {
    const c = combine(
      { a: f([10, 20, NaN]), b: f([30, 40, 50]) },
      { a: 1, b: 3 },
      { method: 'arithmetic', min_coverage: 1 },
      3,
    );
    expect(c.index[0]).toBeCloseTo(25, 12);
    expect(c.index[1]).toBeCloseTo(35, 12);
    expect(c.index[2]).toBeNaN();
  });
  it('exponential: X = 100 for the top area in every category', () => {
    const c = combine(
      { a: f([3, 2, 1]), b: f([9, 8, 7]) },
      { a: 1, b: 1 },
      { method: 'exponential', min_coverage: 1 },
      3,
    );
    expect(c.index[0]).toBeCloseTo(100, 10);
    expect(c.index[0]).toBeGreaterThan(c.index[1]);
    expect(c.index[1]).toBeGreaterThan(c.index[2]);
  });
});

describe('rank', () => {
  it('1 = highest, ties averaged, deciles ⌈10r/N⌉, ranks within borough', () => {
    const idx = f([5, 9, 9, 1, NaN, 3, 2, 8, 7, 6, 4]);
    const r = rankAreas(idx, Int32Array.from([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]), 2);
    expect(Array.from(r.rank)).toEqual([6, 1.5, 1.5, 10, NaN, 8, 9, 3, 4, 5, 7]);
    expect(r.ranked).toBe(10);
    expect(r.decile[3]).toBe(10);
    expect(r.decile[1]).toBe(2); // ⌈10·1.5/10⌉ = 2
    expect(r.decile[4]).toBe(0);
    expect(Array.from(r.parentRank.slice(0, 5))).toEqual([3, 1.5, 1.5, 4, NaN]);
    expect(decileOf(1, 633)).toBe(1);
    expect(decileOf(63, 633)).toBe(1);
    expect(decileOf(64, 633)).toBe(2);
    expect(decileOf(633, 633)).toBe(10);
  });
});

describe('borough summaries', () => {
  const areas: Areas = {
    codes: ['a', 'b', 'c', 'd'],
    names: ['A', 'B', 'C', 'D'],
    parent: Int32Array.from([0, 0, 1, 1]),
    parentCodes: ['P', 'Q'],
    parentNames: ['P', 'Q'],
    population: f([100, 300, 200, 200]),
  };
  it('population-weighted score and rank, extent, local concentration and top-decile share', () => {
    const index = f([40, 30, 20, 10]);
    const rank = f([1, 2, 3, 4]);
    const decile = Uint8Array.from([3, 5, 8, 10]);
    const [p, q] = boroughSummaries(areas, index, rank, decile);
    expect(p.averageScore).toBeCloseTo((100 * 40 + 300 * 30) / 400, 12);
    expect(p.averageRank).toBeCloseTo((100 * 1 + 300 * 2) / 400, 12);
    // q = r/N: 0.25 → weight (0.3−0.25)/0.2 = 0.25; 0.5 → 0
    expect(p.extent).toBeCloseTo((100 * 0.25) / 400, 12);
    expect(q.extent).toBe(0);
    // 10 % of P's 400 = 40 people, all in ward a (rank 1)
    expect(p.localConcentration).toBe(1);
    expect(p.rankOfAverageScore).toBe(1);
    expect(q.rankOfAverageScore).toBe(2);
    expect(p.topDecileShare).toBe(0);
  });
  it('local concentration takes the last ward in part', () => {
    const rank = f([1, 5]);
    // total 100, target 10: ward 0 holds 4 → take 4 at rank 1, then 6 at rank 5
    expect(localConcentration([0, 1], rank, (i) => [4, 96][i], 100)).toBeCloseTo((4 * 1 + 6 * 5) / 10, 12);
  });
});
