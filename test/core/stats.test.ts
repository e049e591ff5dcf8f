import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as ss from 'simple-statistics';
import { moments, extent } from '../../src/core/stats/moments.ts';
import { shape } from '../../src/core/stats/shape.ts';
import { rankAverage } from '../../src/core/stats/rankAverage.ts';
import { rankDescending } from '../../src/core/stats/rankDescending.ts';
import { inverseNormalCdf } from '../../src/core/stats/inverseNormalCdf.ts';
import { median } from '../../src/core/stats/quantile.ts';
import { winsorise } from '../../src/core/stats/winsorise.ts';
import { presentOrder } from '../../src/core/stats/rankAverage.ts';
import { logTransformCT } from '../../src/core/stats/logTransform.ts';
import { rescaleToPositive, weightedRowMean } from '../../src/core/stats/weightedMean.ts';
import { exponentialFromRank, exponentialTransform } from '../../src/core/stats/exponentialTransform.ts';

const f = (xs: number[]) => Float64Array.from(xs);
const sample = [3.1, 4.7, 1.2, 9.9, 4.4, 0.3, 7.7, 2.2, 15.5, 5.0, 6.1];

describe('moments', () => {
  it('matches simple-statistics mean and sample SD, ignoring NaN', () => {
    const m = moments(f([...sample, NaN]));
    expect(m.n).toBe(sample.length);
    expect(m.mean).toBeCloseTo(ss.mean(sample), 12);
    expect(m.sd).toBeCloseTo(ss.sampleStandardDeviation(sample), 12);
  });
  it('hand values: [2, 4, 4, 4, 5, 5, 7, 9] has mean 5 and sample SD √(32/7)', () => {
    const m = moments(f([2, 4, 4, 4, 5, 5, 7, 9]));
    expect(m.mean).toBe(5);
    expect(m.sd).toBeCloseTo(Math.sqrt(32 / 7), 14);
  });
  it('extent skips NaN and is NaN for an empty column', () => {
    expect(extent(f([NaN, 3, -1, 2]))).toEqual([-1, 3]);
    expect(extent(f([NaN]))).toEqual([NaN, NaN]);
  });
});

describe('shape (skewness, excess kurtosis)', () => {
  it('matches simple-statistics sampleSkewness and sampleKurtosis', () => {
    const s = shape(f(sample));
    expect(s.skewness).toBeCloseTo(ss.sampleSkewness(sample), 10);
    expect(s.kurtosis).toBeCloseTo(ss.sampleKurtosis(sample), 10);
  });
  it('is 0 for a symmetric sample and for a constant column', () => {
    expect(shape(f([1, 2, 3, 4, 5])).skewness).toBeCloseTo(0, 14);
    expect(shape(f([4, 4, 4, 4, 4]))).toEqual({ skewness: 0, kurtosis: 0 });
  });
  it('hand value: [0, 0, 0, 1] has skewness 2 (G1 = n/((n−1)(n−2)) Σz³)', () => {
    // mean 0.25, s = 0.5; z = [−0.5, −0.5, −0.5, 1.5]; Σz³ = 3·(−0.125) + 3.375 = 3; 4/(3·2)·3 = 2
    expect(shape(f([0, 0, 0, 1])).skewness).toBeCloseTo(2, 12);
  });
});

describe('rankAverage / rankDescending', () => {
  it('averages ties and leaves NaN unranked', () => {
    expect(Array.from(rankAverage(f([10, 20, 20, NaN, 5])))).toEqual([2, 3.5, 3.5, NaN, 1]);
    expect(Array.from(rankDescending(f([10, 20, 20, NaN, 5])))).toEqual([3, 1.5, 1.5, NaN, 4]);
  });
  it('ranks sum to n(n+1)/2', () => {
    const r = rankAverage(f([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5]));
    expect(r.reduce((a, b) => a + b, 0)).toBe((11 * 12) / 2);
  });
});

describe('inverseNormalCdf', () => {
  it('matches reference quantiles', () => {
    expect(inverseNormalCdf(0.5)).toBe(0);
    expect(inverseNormalCdf(0.975)).toBeCloseTo(1.959963984540054, 13);
    expect(inverseNormalCdf(0.025)).toBeCloseTo(-1.959963984540054, 13);
    expect(inverseNormalCdf(0.8413447460685429)).toBeCloseTo(1, 12);
    expect(inverseNormalCdf(1e-10)).toBeCloseTo(-6.361340902404056, 10);
    expect(inverseNormalCdf(0)).toBe(-Infinity);
    expect(inverseNormalCdf(1.2)).toBeNaN();
  });
  it('agrees with simple-statistics probit to its table precision', () => {
    for (const p of [0.01, 0.1, 0.3, 0.7, 0.9, 0.99]) expect(inverseNormalCdf(p)).toBeCloseTo(ss.probit(p), 2);
  });
});

describe('median', () => {
  it('matches simple-statistics and skips NaN', () => {
    expect(median(f([...sample, NaN]))).toBe(ss.median(sample));
    expect(median(f([4, 1, 3, 2]))).toBe(2.5);
    expect(median(f([NaN]))).toBeNaN();
  });
});

describe('winsorise', () => {
  it('replaces the k largest by the (k+1)-th largest', () => {
    const x = f([1, 2, 3, 100, 50, NaN]);
    const o = presentOrder(x);
    expect(Array.from(winsorise(x, o, 1, 'upper'))).toEqual([1, 2, 3, 50, 50, NaN]);
    expect(Array.from(winsorise(x, o, 2, 'upper'))).toEqual([1, 2, 3, 3, 3, NaN]);
    expect(Array.from(winsorise(x, o, 1, 'lower'))).toEqual([2, 2, 3, 100, 50, NaN]);
  });
});

describe('logTransformCT', () => {
  it('is ln(x − min + 0.01·range) for positive skew and keeps order for negative skew', () => {
    const x = f([0, 1, 100]);
    const y = logTransformCT(x, 1);
    expect(y[0]).toBeCloseTo(Math.log(1), 12);
    expect(y[1]).toBeCloseTo(Math.log(2), 12);
    expect(y[2]).toBeCloseTo(Math.log(101), 12);
    const z = logTransformCT(x, -1);
    expect(z[0]).toBeLessThan(z[1]);
    expect(z[1]).toBeLessThan(z[2]);
    expect(z[2]).toBeCloseTo(-Math.log(1), 12);
  });
});

describe('weightedRowMean', () => {
  it('renormalises weights over present values and applies the coverage threshold', () => {
    const a = f([10, 10, NaN]);
    const b = f([20, NaN, NaN]);
    const { value, coverage } = weightedRowMean([a, b], [1, 3], 'arithmetic', 0.25, 3);
    expect(value[0]).toBeCloseTo((10 + 60) / 4, 12);
    expect(value[1]).toBe(10); // only a present: coverage 1/4 ≥ 0.25
    expect(value[2]).toBeNaN();
    expect(Array.from(coverage)).toEqual([1, 0.25, 0]);
    const strict = weightedRowMean([a, b], [1, 3], 'arithmetic', 0.5, 3);
    expect(strict.value[1]).toBeNaN();
  });
  it('geometric: exp of weighted mean log', () => {
    const { value } = weightedRowMean([f([4]), f([16])], [1, 1], 'geometric', 0, 1);
    expect(value[0]).toBeCloseTo(8, 12);
  });
  it('equals the one-row-at-a-time definition bit for bit (gaps, infinities, zero weights, both kinds, 1–9 columns)', () => {
    // the definition, written out: each row sums its present values in column order
    const reference = (
      cols: Float64Array[],
      w: number[],
      kind: 'arithmetic' | 'geometric',
      minCov: number,
      logged: boolean,
    ) => {
      const n = cols[0].length;
      const wall = w.reduce((a, x) => (x > 0 ? a + x : a), 0);
      return Array.from({ length: n }, (_, i) => {
        let sum = 0;
        let wsum = 0;
        cols.forEach((col, c) => {
          if (!(w[c] > 0) || Number.isNaN(col[i])) return;
          sum += w[c] * (kind === 'geometric' && !logged ? Math.log(col[i]) : col[i]);
          wsum += w[c];
        });
        const cov = wall > 0 ? wsum / wall : 0;
        const value =
          wsum > 0 && cov >= minCov - 1e-12 ? (kind === 'arithmetic' ? sum / wsum : Math.exp(sum / wsum)) : NaN;
        return [value, cov];
      });
    };
    const cell = fc.oneof(
      fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      fc.constantFrom(NaN, NaN, 0, -0, Infinity, -Infinity, 1e-300),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }).chain((k) =>
          fc.tuple(
            fc.array(fc.array(cell, { minLength: 7, maxLength: 7 }), { minLength: k, maxLength: k }),
            fc.array(fc.oneof(fc.double({ min: 0.01, max: 5, noNaN: true }), fc.constant(0)), {
              minLength: k,
              maxLength: k,
            }),
          ),
        ),
        fc.constantFrom<'arithmetic' | 'geometric'>('arithmetic', 'geometric'),
        fc.boolean(),
        fc.constantFrom(0, 0.5, 1),
        ([rows, w], kind, logged, minCov) => {
          const cols = rows.map((r) => Float64Array.from(r));
          const got = weightedRowMean(cols, w, kind, minCov, 7, undefined, logged);
          const want = reference(cols, w, kind, minCov, logged);
          want.forEach(([value, cov], i) => {
            expect(Object.is(got.value[i], value) || (Number.isNaN(got.value[i]) && Number.isNaN(value))).toBe(true);
            expect(got.coverage[i]).toBe(cov);
          });
        },
      ),
      { numRuns: 400 },
    );
  });
  it('rescaleToPositive maps to [1, 100]', () => {
    expect(Array.from(rescaleToPositive(f([-2, 0, 2, NaN])))).toEqual([1, 50.5, 100, NaN]);
  });
});

describe('exponentialTransform (IoD)', () => {
  it('gives 100 at the top and ≈ 0 at the bottom', () => {
    expect(exponentialFromRank(1, 1000)).toBeCloseTo(100, 10);
    expect(exponentialFromRank(1000, 1000)).toBeLessThan(0.1);
  });
  it('puts about 10 % of areas above 50', () => {
    const n = 10000;
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const X = exponentialTransform(x);
    const above = X.filter((v) => v > 50).length / n;
    expect(above).toBeGreaterThan(0.09);
    expect(above).toBeLessThan(0.11);
    // order preserved: the largest value gets 100
    expect(X[n - 1]).toBeCloseTo(100, 10);
  });
});
