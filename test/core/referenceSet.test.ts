import { describe, expect, it } from 'vitest';
import * as ss from 'simple-statistics';
import { prepare, score } from '../../src/core/run.ts';
import { withMethods, type Methods } from '../../src/core/framework.ts';
import fc from 'fast-check';
import { rankable, rankableRows } from '../../src/core/steps/referenceSet.ts';
import { impute } from '../../src/core/steps/impute.ts';
import { rankAmong } from '../../src/core/stats/rankAmong.ts';
import { syntheticFramework } from './synthetic.ts';

/**
 * A City-like fixture (synthetic): area 0 has no crime data (so it is not ranked) and an
 * extreme value on the other indicator, as the City of London has on happiness.
 */
function cityLike(cityValue: number, methods?: Partial<Methods>) {
  const crime = [NaN, 3, 5, 4, 8, 6, 2, 7, 9, 1, 5.5, 4.5];
  const happy = [cityValue, 7.1, 7.4, 7.3, 7.6, 7.2, 7.5, 7.0, 7.35, 7.45, 7.25, 7.15];
  const { framework, inputs } = syntheticFramework({
    values: [crime, happy],
    directions: [1, -1],
    measureOf: [0, 1],
    categoryOf: [0, 1],
    methods,
  });
  return { prepared: prepare(framework, inputs), happy };
}

describe('statistics over the ranked areas only', () => {
  it('the unranked area is outside the reference set, and its value cannot move anyone else', () => {
    for (const method of [
      'zscore',
      'minmax',
      'rank',
      'percentile',
      'normal-scores',
      'distance-to-reference',
    ] as const) {
      const m = (v: number) =>
        cityLike(v, {
          normalise: { method, reference: 'median' },
          treat: { method: 'coinr', skew: 2, kurtosis: 3.5, max_winsorised: 5 },
        });
      const a = score(m(9.9).prepared);
      const b = score(m(-500).prepared);
      expect(Number.isNaN(a.rank[0])).toBe(true);
      for (let i = 1; i < 12; i++) {
        expect(a.normalised.i1[i], `${method} area ${i}`).toBe(b.normalised.i1[i]);
        expect(a.index[i]).toBe(b.index[i]);
      }
    }
  });

  it('z-scores use the mean and SD of the ranked areas (worked out independently), and the City gets the fitted transform', () => {
    const { prepared, happy } = cityLike(1.0, { treat: { method: 'none', skew: 2, kurtosis: 3.5, max_winsorised: 5 } });
    const r = score(prepared);
    const members = happy.slice(1);
    const mean = ss.mean(members);
    const sd = ss.sampleStandardDeviation(members);
    // direction −1: z = −(x − mean)/sd
    for (let i = 0; i < 12; i++) expect(r.normalised.i1[i]).toBeCloseTo(-(happy[i] - mean) / sd, 12);
    const ref = r.log.find((s) => s.step === 'reference')!;
    expect(ref.settings).toEqual({ over: 'ranked', members: 11, areas: 12 });
    expect(ref.notes[0]).toContain('W0');
  });

  it('the outlier rule sees only the ranked areas: the City alone does not trigger Winsorisation', () => {
    const ranked = score(cityLike(-50).prepared);
    expect(ranked.treatment.find((t) => t.indicator === 'i1')!.action).toBe('none');
    // the same data with statistics over every area: the City's value fails the shape check
    const { prepared } = cityLike(-50);
    const all = score(prepared, { methods: withMethods(prepared.framework.methods, { statistics: { over: 'all' } }) });
    expect(all.treatment.find((t) => t.indicator === 'i1')!.action).not.toBe('none');
    expect(all.normalised.i1[1]).not.toBe(ranked.normalised.i1[1]);
  });

  it('the reference set follows imputation: with mean imputation the City is ranked and a member', () => {
    const { prepared } = cityLike(9.9);
    const methods = withMethods(prepared.framework.methods, { impute: { method: 'mean' } });
    expect(Array.from(rankable(prepared, methods))).toEqual(new Array(12).fill(1));
    expect(Array.from(rankable(prepared, prepared.framework.methods))).toEqual([0, ...new Array(11).fill(1)]);
  });

  it('rankAmong: members ranked among themselves; a non-member gets the rank its value would take', () => {
    const y = Float64Array.from([10, 1, 2, 2, 3, 100, NaN]);
    const ref = Uint8Array.from([0, 1, 1, 1, 1, 0, 1]);
    const { ranks, members } = rankAmong(y, ref);
    expect(members).toBe(4);
    // members 1, 2, 2, 3 → 1, 2.5, 2.5, 4; the outsider 10 above all four → 4 + 0 + ½ = 4.5, clamped to 4;
    // the outsider 100 likewise 4
    expect(Array.from(ranks)).toEqual([4, 1, 2.5, 2.5, 4, 4, NaN]);
    const mid = rankAmong(Float64Array.from([2, 1, 2, 3]), Uint8Array.from([0, 1, 1, 1])).ranks;
    // outsider 2: one member below, one equal → 1 + ½ + ½ = 2
    expect(mid[0]).toBe(2);
  });
});

describe('rankable, worked out once per presence pattern', () => {
  it('equals the row-by-row answer (random structures, weights, gaps; more than 30 indicators too)', () => {
    const structure = fc
      .record({
        indicators: fc.integer({ min: 1, max: 40 }),
        areas: fc.integer({ min: 1, max: 60 }),
        gap: fc.double({ min: 0, max: 0.6, noNaN: true }),
        seed: fc.integer(),
        imputeMethod: fc.constantFrom('none', 'mean'),
        minCoverage: fc.constantFrom(0, 0.5, 0.75, 1),
      })
      .chain((s) =>
        fc.record({
          s: fc.constant(s),
          measureOf: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: s.indicators, maxLength: s.indicators }),
          weights: fc.array(fc.constantFrom(0, 0.5, 1, 2), { minLength: s.indicators, maxLength: s.indicators }),
          categoryOf: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 6, maxLength: 6 }),
        }),
      );
    fc.assert(
      fc.property(structure, ({ s, measureOf, weights, categoryOf }) => {
        let seed = s.seed;
        const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
        const values = Array.from({ length: s.indicators }, () =>
          Array.from({ length: s.areas }, () => (random() < s.gap ? NaN : random() * 10)),
        );
        // measures numbered densely, so every measure has an indicator
        const used = [...new Set(measureOf)].sort();
        const { framework, inputs } = syntheticFramework({
          values,
          directions: values.map(() => 1),
          measureOf: measureOf.map((m) => used.indexOf(m)),
          categoryOf: categoryOf.slice(0, used.length),
          indicatorWeights: weights,
          methods: {
            impute: { method: s.imputeMethod },
            combine: { method: 'arithmetic', min_coverage: s.minCoverage },
          } as Partial<Methods>,
        });
        const prepared = prepare(framework, inputs);
        const methods = framework.methods;
        const columns = Object.fromEntries(prepared.specs.map((x) => [x.id, prepared.raw[x.id]]));
        const filled = impute(columns, methods.impute.method, inputs.areas.parent, 3).columns;
        const expected = rankableRows(prepared, methods, filled, s.areas);
        expect(Array.from(rankable(prepared, methods))).toEqual(Array.from(expected));
      }),
      { numRuns: 300 },
    );
  });

  it('tells apart areas missing different indicators among more than 30 (the pattern spans several words)', () => {
    // 32 indicators, each its own measure and category; every category needed (min_coverage 1)
    const k = 32;
    const values = Array.from({ length: k }, (_, j) => [j === 0 ? NaN : 1, j === 29 ? NaN : 1, j === 30 ? NaN : 1, 1]);
    const { framework, inputs } = syntheticFramework({
      values,
      directions: values.map(() => 1),
      measureOf: values.map((_, j) => j),
      categoryOf: values.map((_, j) => j),
      methods: { combine: { method: 'arithmetic', min_coverage: 1 } } as Partial<Methods>,
    });
    const prepared = prepare(framework, inputs);
    expect(Array.from(rankable(prepared, framework.methods))).toEqual([0, 0, 0, 1]);
  });
});
