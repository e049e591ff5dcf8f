import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { run } from '../../src/core/run.ts';
import { defaultMethods, type NormaliseMethod } from '../../src/core/framework.ts';
import { syntheticFramework } from './synthetic.ts';

const N_AREAS = 12;
// Four indicators → measures [0, 0, 1, 2] → categories [0, 0, 1].
const MEASURE_OF = [0, 0, 1, 2];
const CATEGORY_OF = [0, 0, 1];
// Values on a 0.1 grid: realistic data, and free of subnormal underflow that no unit change would produce.
const value = fc.integer({ min: -10000, max: 10000 }).map((k) => k / 10);
const column = fc.array(value, { minLength: N_AREAS, maxLength: N_AREAS });
const columns = fc.array(column, { minLength: 4, maxLength: 4 });
const directions = fc.array(fc.constantFrom<1 | -1>(1, -1), { minLength: 4, maxLength: 4 });

describe('ranks are invariant to an indicator’s units', () => {
  for (const method of ['zscore', 'minmax', 'rank', 'normal-scores'] as NormaliseMethod[]) {
    it(`${method}: x → a·x + b (a > 0) leaves every rank unchanged, with outlier treatment on`, () => {
      fc.assert(
        fc.property(
          columns,
          directions,
          fc.integer({ min: 0, max: 3 }),
          fc.constantFrom(0.001, 0.1, 2.54, 1000, 1e6),
          fc.integer({ min: -1000, max: 1000 }),
          (vals, dirs, k, a, b) => {
            const methods = { ...defaultMethods(), normalise: { method, reference: 'median' as const } };
            const base = syntheticFramework({
              values: vals,
              directions: dirs,
              measureOf: MEASURE_OF,
              categoryOf: CATEGORY_OF,
              methods,
            });
            const scaled = syntheticFramework({
              values: vals.map((c, j) => (j === k ? c.map((x) => a * x + b) : c)),
              directions: dirs,
              measureOf: MEASURE_OF,
              categoryOf: CATEGORY_OF,
              methods,
            });
            const r1 = run(base.framework, base.inputs);
            const r2 = run(scaled.framework, scaled.inputs);
            // Equal index values (to rounding) for every ward imply equal ranks.
            for (let i = 0; i < N_AREAS; i++) expect(r2.index[i]).toBeCloseTo(r1.index[i], 6);
          },
        ),
        { numRuns: 60 },
      );
    });
  }
});

describe('monotonicity', () => {
  it('raising a higher-is-priority indicator for one ward never lowers its index or worsens its rank', () => {
    fc.assert(
      fc.property(
        columns,
        fc.integer({ min: 0, max: N_AREAS - 1 }),
        fc.integer({ min: 0, max: 3 }),
        fc.double({ min: 0.001, max: 500, noNaN: true }),
        fc.constantFrom<NormaliseMethod>('zscore', 'minmax', 'rank', 'percentile'),
        (vals, ward, k, delta, method) => {
          const dirs: (1 | -1)[] = [1, 1, 1, 1];
          const methods = {
            ...defaultMethods(),
            treat: { ...defaultMethods().treat, method: 'none' as const },
            normalise: { method, reference: 'median' as const },
          };
          const before = syntheticFramework({
            values: vals,
            directions: dirs,
            measureOf: MEASURE_OF,
            categoryOf: CATEGORY_OF,
            methods,
          });
          const raised = vals.map((c, j) => (j === k ? c.map((x, i) => (i === ward ? x + delta : x)) : c));
          const after = syntheticFramework({
            values: raised,
            directions: dirs,
            measureOf: MEASURE_OF,
            categoryOf: CATEGORY_OF,
            methods,
          });
          const r1 = run(before.framework, before.inputs);
          const r2 = run(after.framework, after.inputs);
          expect(r2.index[ward]).toBeGreaterThanOrEqual(r1.index[ward] - 1e-9);
          // Only the ward's own value rises, so no other ward gains on it in that indicator: its rank never worsens.
          expect(r2.rank[ward]).toBeLessThanOrEqual(r1.rank[ward] + 1e-9);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('weights', () => {
  it('renormalised weights sum to 1 within every group, whatever the declared weights', () => {
    const w = fc.double({ min: 0, max: 10, noNaN: true });
    fc.assert(
      fc.property(
        columns,
        fc.array(w, { minLength: 4, maxLength: 4 }),
        fc.array(fc.double({ min: 0.01, max: 10, noNaN: true }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.double({ min: 0.01, max: 10, noNaN: true }), { minLength: 2, maxLength: 2 }),
        (vals, iw, mw, cw) => {
          fc.pre(iw[0] + iw[1] > 0 && iw[2] > 0 && iw[3] > 0);
          const { framework, inputs } = syntheticFramework({
            values: vals,
            directions: [1, 1, 1, 1],
            measureOf: MEASURE_OF,
            categoryOf: CATEGORY_OF,
            indicatorWeights: iw,
            measureWeights: mw,
            categoryWeights: cw,
          });
          const r = run(framework, inputs);
          const sum = (ids: string[], rec: Record<string, number>) => ids.reduce((a, id) => a + rec[id], 0);
          expect(sum(['i0', 'i1'], r.weights.indicators)).toBeCloseTo(1, 12);
          expect(sum(['m0', 'm1'], r.weights.measures)).toBeCloseTo(1, 12);
          expect(sum(['c0', 'c1'], r.weights.categories)).toBeCloseTo(1, 12);
        },
      ),
      { numRuns: 100 },
    );
  });
});
