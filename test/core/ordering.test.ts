/**
 * The fast orderings against their definitions: `rankAverage` (bucket ranking) against the
 * rank definition, and against the obvious comparator sort `presentOrder` (radix sort
 * from 256 values), `radixOrder` itself, `extremeOrder` (the ends of the order used
 * by Winsorisation), and `rankWithinGroups` against ranking each group on its own.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { presentOrder, rankAverage } from '../../src/core/stats/rankAverage.ts';
import { radixOrder } from '../../src/core/stats/radixOrder.ts';
import { extremeOrder } from '../../src/core/stats/extremeOrder.ts';
import { rankDescending } from '../../src/core/stats/rankDescending.ts';
import { rankWithinGroups } from '../../src/core/steps/rank.ts';
import { seededRng } from '../../src/robustness/rng.ts';
import { inverseNormalCdf } from '../../src/core/stats/inverseNormalCdf.ts';

/** The reference: indices of present values by value ascending, ties by index (−0 ties with 0). */
function comparatorOrder(x: ArrayLike<number>): number[] {
  const idx: number[] = [];
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i])) idx.push(i);
  return idx.sort((a, b) => x[a] - x[b] || a - b);
}

// values with many ties, both zeros, infinities and NaN, over several magnitudes
const cell = fc.oneof(
  fc.integer({ min: -20, max: 20 }),
  fc.constantFrom(0, -0, NaN, Infinity, -Infinity, 1e-300, -1e-300, 5e-324),
  fc.double({ noNaN: true, min: -1e12, max: 1e12 }),
);
const column = (min: number, max: number) =>
  fc.array(cell, { minLength: min, maxLength: max }).map((a) => Float64Array.from(a));

describe('rankAverage', () => {
  const key = fc.oneof(
    fc.integer({ min: -20, max: 20 }),
    fc.constantFrom(0, -0, 1e-300, 5e-324),
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }),
  );
  /** The definition, value by value: rank = #(smaller) + (#(equal) + 1) / 2 among present values; NaN stays NaN. */
  const definition = (values: number[], sign: 1 | -1) => {
    const present = values.filter((v) => !Number.isNaN(v)).map((v) => sign * v);
    return values.map((v) =>
      Number.isNaN(v)
        ? NaN
        : present.filter((u) => u < sign * v).length + (present.filter((u) => u === sign * v).length + 1) / 2,
    );
  };
  /** Whether rankAverage matches the definition (a cheap boolean, so a failing case shrinks fast). */
  const matches = (values: number[], sign: 1 | -1 = 1, inPlace = false) => {
    const x = Float64Array.from(values);
    const got = inPlace ? rankAverage(x, x, sign) : rankAverage(x, undefined, sign);
    return definition(values, sign).every((r, i) => Object.is(got[i], r) || (Number.isNaN(r) && Number.isNaN(got[i])));
  };
  it('is the definition, below and above the bucket threshold (64), with gaps, ties and ±0, ascending and descending, in place', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(key, fc.constant(NaN)), { minLength: 0, maxLength: 400 }),
        fc.constantFrom<1 | -1>(1, -1),
        fc.boolean(),
        matches,
      ),
      { numRuns: 150 },
    );
  });
  it('is the definition on skewed columns (long buckets are quicksorted), heavy ties, equal values and infinities', () => {
    const rng = seededRng(5);
    const lognormal = Array.from({ length: 1500 }, () => Math.exp(6 * inverseNormalCdf(rng.uniform())));
    expect(matches(lognormal)).toBe(true);
    expect(matches(lognormal, -1, true)).toBe(true);
    expect(matches([...lognormal.slice(0, 300), Infinity, -Infinity, NaN])).toBe(true);
    expect(matches(Array.from({ length: 500 }, (_, i) => i % 3))).toBe(true); // three values, many ties
    expect(matches(Array.from({ length: 100 }, () => 7))).toBe(true); // all equal
    // a hand example: [5, 9, 5, NaN, 1] descending → [2.5, 1, 2.5, NaN, 4]
    expect(Array.from(rankAverage(Float64Array.of(5, 9, 5, NaN, 1), undefined, -1))).toEqual([2.5, 1, 2.5, NaN, 4]);
  });
});

describe('radixOrder', () => {
  it('sorts like the comparator sort, stable for ties, on long columns', () => {
    fc.assert(
      fc.property(column(256, 1200), (x) => {
        expect(Array.from(presentOrder(x))).toEqual(comparatorOrder(x));
      }),
      { numRuns: 60 },
    );
  });
  it('orders negative, zero and positive values and returns the given ids', () => {
    const values = Float64Array.from([3, -1.5, -0, 0, -1e300, 2, -1.5]);
    const ids = Uint32Array.from([10, 11, 12, 13, 14, 15, 16]);
    expect(Array.from(radixOrder(values, ids))).toEqual([14, 11, 16, 12, 13, 15, 10]);
  });
  it('gives the average ranks of a 2,000-value column with ties', () => {
    const x = Float64Array.from({ length: 2000 }, (_, i) => ((i * 7919) % 101) - 50);
    const r = rankAverage(x);
    // value v appears ⌈…⌉ times; the rank of the smallest value (−50) is the mean of positions 1…count
    const count = Array.from(x).filter((v) => v === -50).length;
    expect(r[x.indexOf(-50)]).toBe((1 + count) / 2);
    expect(Array.from(presentOrder(x))).toEqual(comparatorOrder(x));
  });
});

describe('extremeOrder', () => {
  it('is the matching end of the full order, for both sides and any count', () => {
    fc.assert(
      fc.property(
        column(0, 60),
        fc.integer({ min: 0, max: 70 }),
        fc.constantFrom<'upper' | 'lower'>('upper', 'lower'),
        (x, count, side) => {
          const full = comparatorOrder(x);
          const got = Array.from(extremeOrder(x, count, side));
          if (count > 64) expect(got).toEqual(full);
          else
            expect(got).toEqual(side === 'upper' ? full.slice(Math.max(0, full.length - count)) : full.slice(0, count));
        },
      ),
      { numRuns: 300 },
    );
  });
  it('keeps the last of tied maxima on the upper side and the first of tied minima on the lower', () => {
    const x = Float64Array.from([5, 1, 5, NaN, 1, 3]);
    expect(Array.from(extremeOrder(x, 2, 'upper'))).toEqual([0, 2]);
    expect(Array.from(extremeOrder(x, 3, 'lower'))).toEqual([1, 4, 5]);
  });
});

describe('rankWithinGroups', () => {
  it('equals ranking each group on its own (ties averaged, NaN and no group left out)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(1, 2, 3, 4, NaN, 2.5), fc.integer({ min: -1, max: 3 })), {
          minLength: 0,
          maxLength: 400,
        }),
        (pairs) => {
          const x = Float64Array.from(pairs, (p) => p[0]);
          const group = Int32Array.from(pairs, (p) => p[1]);
          const got = rankWithinGroups(x, group, 4);
          for (let g = 0; g < 4; g++) {
            const idx = pairs.map((_, i) => i).filter((i) => group[i] === g);
            const r = rankDescending(Float64Array.from(idx, (i) => x[i]));
            idx.forEach((i, k) => expect(got[i]).toEqual(r[k]));
          }
          pairs.forEach((p, i) => {
            if (p[1] < 0) expect(got[i]).toBeNaN();
          });
        },
      ),
      { numRuns: 150 },
    );
  });
});
