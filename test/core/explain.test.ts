import { describe, expect, it } from 'vitest';
import { loadFramework } from '../../src/io/loadFramework.ts';
import { prepare, score } from '../../src/core/run.ts';
import { withMethods } from '../../src/core/framework.ts';
import { explainArea, topDrivers } from '../../src/core/explain.ts';
import { exponentialFromRank } from '../../src/core/stats/exponentialTransform.ts';

const loaded = loadFramework('test/fixtures/small/framework.yaml');
const prepared = prepare(loaded.framework, loaded.inputs);
const base = loaded.framework.methods;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('explain: contributions that add up', () => {
  it('arithmetic: categories, measures and indicators each add up to the index (every area)', () => {
    const r = score(prepared);
    for (let i = 0; i < 10; i++) {
      const e = explainArea(r, i);
      expect(e.exact).toBe(true);
      expect(e.within).toEqual({ measures: 'index', indicators: 'index' });
      expect(sum(e.categories.map((c) => c.contribution))).toBeCloseTo(r.index[i], 10);
      expect(
        sum(e.categories.flatMap((c) => c.measures.map((m) => m.contribution)).filter((x) => x === x)),
      ).toBeCloseTo(r.index[i], 10);
      expect(
        sum(
          e.categories
            .flatMap((c) => c.measures.flatMap((m) => m.indicators.map((x) => x.contribution)))
            .filter((x) => x === x),
        ),
      ).toBeCloseTo(r.index[i], 10);
    }
  });

  it('exponential: weight × X per category adds up to the index; X worked out from the category ranks', () => {
    const r = score(prepared, { methods: withMethods(base, { combine: { method: 'exponential', min_coverage: 1 } }) });
    // Juliet (A10) tops both categories (crime 73.3, health 100): r = 1 of N = 10 in each,
    // X = −23·ln(1 − 1·(1 − e^(−100/23))) = 100, so index = ½·100 + ½·100 = 100
    const a10 = prepared.areas.codes.indexOf('A10');
    const e10 = explainArea(r, a10);
    expect(e10.categories.map((c) => c.transformed)).toEqual([100, 100].map((x) => expect.closeTo(x, 10)));
    expect(r.index[a10]).toBeCloseTo(100, 10);
    for (let i = 0; i < 10; i++) {
      const e = explainArea(r, i);
      expect(e.scale).toBe('index');
      for (const c of e.categories) {
        // the category's rank among the 10 ranked areas gives X
        const rank = 1 + Array.from(r.categories[c.id]).filter((v) => v > c.score).length;
        const ties = Array.from(r.categories[c.id]).filter((v) => v === c.score).length;
        expect(c.transformed).toBeCloseTo(exponentialFromRank(rank + (ties - 1) / 2, 10), 10);
        expect(c.contribution).toBeCloseTo(c.weight * c.transformed!, 12);
      }
      expect(sum(e.categories.map((c) => c.contribution))).toBeCloseTo(r.index[i], 10);
      // measures: their parts of the category score (not the index scale), adding up to it
      expect(e.within.measures).toBe('category');
      for (const c of e.categories)
        expect(sum(c.measures.map((m) => m.contribution).filter((x) => x === x))).toBeCloseTo(c.score, 10);
      // the drivers are the categories, by the same contribution the explanation shows
      expect(e.drivers.map((d) => d.level)).toEqual(['category', 'category']);
      expect(e.drivers[0].contribution).toBe(Math.max(...e.categories.map((c) => c.contribution)));
    }
  });

  it('geometric combination: W·ln S adds up to ln index', () => {
    const geo = withMethods(base, {
      normalise: { method: 'minmax', reference: 'median', range: [1, 100] },
      combine: { method: 'geometric', min_coverage: 1 },
    });
    const r = score(prepared, { methods: geo });
    for (let i = 0; i < 10; i++) {
      const e = explainArea(r, i);
      expect(e.scale).toBe('log-index');
      expect(sum(e.categories.map((c) => c.contribution))).toBeCloseTo(Math.log(r.index[i]), 10);
    }
  });

  it('"pushed up most by" (top drivers) is the largest of the same contributions the explanation lists', () => {
    const r = score(prepared);
    for (let i = 0; i < 10; i++) {
      const e = explainArea(r, i);
      const measures = e.categories.flatMap((c) => c.measures).filter((m) => m.contribution === m.contribution);
      const expected = [...measures].sort((a, b) => b.contribution - a.contribution).slice(0, 3);
      expect(topDrivers(r, i, 3).map((d) => [d.id, d.contribution])).toEqual(
        expected.map((m) => [m.id, m.contribution]),
      );
    }
  });

  it("top drivers (worked out without the indicator level) = the explanation's drivers, on London under every combination", () => {
    const london = loadFramework('data/london/framework.yaml');
    const p = prepare(london.framework, london.inputs);
    for (const combine of ['arithmetic', 'geometric', 'exponential'] as const)
      for (const measures of ['arithmetic', 'geometric'] as const) {
        const methods = withMethods(london.framework.methods, {
          combine: { method: combine, min_coverage: 1 },
          aggregate: { indicators: 'arithmetic', measures },
          normalise: { method: 'minmax' },
        });
        const r = score(p, { methods });
        for (let i = 0; i < r.areas.codes.length; i++)
          expect(topDrivers(r, i, 3)).toEqual(
            explainArea(r, i)
              .drivers.slice(0, 3)
              .map(({ level: _l, ...d }) => d),
          );
      }
  });
});
