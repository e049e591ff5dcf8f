/**
 * Comparison-ward matching on a small synthetic fixture: the nearest neighbours by Mahalanobis
 * distance are checked by hand (correlated measures make a Euclidean-closer ward lose) and
 * against an independent computation (closed-form 2×2 inverse); the pool rules and the
 * without-replacement assignment are checked on hand cases.
 */
import { describe, expect, it } from 'vitest';
import { comparisonPool } from '../../src/select/comparisonPool.ts';
import { matchComparisons, type Profiled } from '../../src/select/matchComparisons.ts';
import { balanceTable } from '../../src/select/balanceTable.ts';
import { standardisedMeanDifference } from '../../src/select/standardisedMeanDifference.ts';
import type { Unit } from '../../src/select/pilotUnits.ts';
import { defaultPilotSettings, graph, syntheticRanking } from './helpers.ts';

// Two strongly correlated measures. W00 (3, 3) is the pilot. W01 (2.5, 2.5) lies along the
// correlation; W02 (3.3, 2.7) is closer in straight-line terms (0.42 against 0.71) but across it.
const m1 = [3, 2.5, 3.3, 0, 0.5, 1, -1, -0.5, 1.6];
const m2 = [3, 2.5, 2.7, 0.1, 0.5, 1.1, -1, -0.4, 1.5];
function fixture(): Profiled {
  const index = m1.map((x, i) => (x + m2[i]) / 2);
  return {
    ...syntheticRanking(index, [0, 0, 0, 1, 1, 1, 2, 2, 2], new Array(9).fill(1000)),
    measureIds: ['a', 'b'],
    measures: { a: Float64Array.from(m1), b: Float64Array.from(m2) },
  };
}
const unit = (i: number): Unit => ({ seed: i, members: [i], score: 0, borough: 0, population: 1000 });
const matching = (
  o: Partial<ReturnType<typeof defaultPilotSettings>['matching']> & { comparisons?: number; buffer_km?: number } = {},
) => ({
  ...defaultPilotSettings().matching,
  comparisons: 1,
  buffer_km: 0,
  ...o,
});

/** Independent: z-scores, covariance over pool + pilots, closed-form 2×2 inverse. */
function independentDistances(pilot: number, pool: number[], pilots: number[] = [pilot]): Map<number, number> {
  const z = [m1, m2].map((col) => {
    const mean = col.reduce((a, x) => a + x, 0) / col.length;
    const sd = Math.sqrt(col.reduce((a, x) => a + (x - mean) ** 2, 0) / (col.length - 1));
    return col.map((x) => (x - mean) / sd);
  });
  const rows = [...pool, ...pilots];
  const mean = z.map((c) => rows.reduce((a, r) => a + c[r], 0) / rows.length);
  const cov = (j: number, k: number) =>
    rows.reduce((a, r) => a + (z[j][r] - mean[j]) * (z[k][r] - mean[k]), 0) / (rows.length - 1);
  const [a, b, d] = [cov(0, 0), cov(0, 1), cov(1, 1)];
  const det = a * d - b * b;
  return new Map(
    pool.map((i) => {
      const dx = z[0][i] - z[0][pilot];
      const dy = z[1][i] - z[1][pilot];
      return [i, Math.sqrt((d * dx * dx - 2 * b * dx * dy + a * dy * dy) / det)];
    }),
  );
}

describe('matchComparisons', () => {
  it('picks the neighbour along the correlation, with the independently computed distance', () => {
    const r = fixture();
    const m = matchComparisons(r, {}, [unit(0)], new Set(), matching({ comparisons: 3 }));
    const pool = [1, 2, 3, 4, 5, 6, 7, 8];
    const ref = independentDistances(0, pool);
    const order = [...pool].sort((x, y) => ref.get(x)! - ref.get(y)!);
    expect(m.matches.map((x) => x.area)).toEqual(order.slice(0, 3));
    expect(m.matches[0].area).toBe(1); // W01 along the correlation, not W02 across it
    expect(order.indexOf(2)).toBeGreaterThan(0);
    m.matches.forEach((x) => expect(x.distance).toBeCloseTo(ref.get(x.area)!, 9));
    expect(m.covarianceRank).toBe(2);
  });

  it('with the standardised Euclidean metric, the straight-line-closer ward W02 wins instead', () => {
    const m = matchComparisons(fixture(), {}, [unit(0)], new Set(), matching({ metric: 'euclidean' }));
    expect(m.matches[0].area).toBe(2);
    // z-scores over all nine wards; distance = √(Σ Δz²).
    const z = [m1, m2].map((col) => {
      const mean = col.reduce((a, x) => a + x, 0) / col.length;
      const sd = Math.sqrt(col.reduce((a, x) => a + (x - mean) ** 2, 0) / (col.length - 1));
      return col.map((x) => (x - mean) / sd);
    });
    expect(m.matches[0].distance).toBeCloseTo(Math.hypot(z[0][2] - z[0][0], z[1][2] - z[1][0]), 12);
  });

  it('without replacement, the second pilot does not get the first pilot’s ward; with replacement it does', () => {
    const r = fixture();
    // Pilots W00 and W02 both want W01 first. W00 goes first in the round.
    const without = matchComparisons(r, {}, [unit(0), unit(2)], new Set(), matching());
    expect(without.matches.find((x) => x.pilot === 0)!.area).toBe(1);
    expect(without.matches.find((x) => x.pilot === 1)!.area).not.toBe(1);
    const pool = [1, 3, 4, 5, 6, 7, 8];
    const ref = independentDistances(2, pool, [0, 2]);
    const p2 = pool.filter((i) => i !== 1).sort((x, y) => ref.get(x)! - ref.get(y)!)[0];
    expect(without.matches.find((x) => x.pilot === 1)!.area).toBe(p2);
    const withRep = matchComparisons(r, {}, [unit(0), unit(2)], new Set(), matching({ replacement: true }));
    const nearest2 = [...pool].sort((x, y) => ref.get(x)! - ref.get(y)!)[0];
    expect(withRep.matches.find((x) => x.pilot === 1)!.area).toBe(nearest2);
  });

  it('restricts to the same inner/outer class and reports a shortfall', () => {
    const r = fixture();
    const innerOuter = ['inner', 'outer', 'outer', 'inner', 'outer', 'outer', 'outer', 'outer', 'inner'];
    const m = matchComparisons(
      r,
      { innerOuter },
      [unit(0)],
      new Set(),
      matching({ comparisons: 3, same_inner_outer: true }),
    );
    expect(m.matches.map((x) => x.area).sort()).toEqual([3, 8]);
    expect(m.warnings.join(' ')).toMatch(/only 2 of 3 comparison wards/);
  });

  it('with a propensity caliper, every match lies within caliper × SD(logit)', () => {
    const r = fixture();
    const m = matchComparisons(
      r,
      {},
      [unit(0), unit(5)],
      new Set(),
      matching({ comparisons: 2, propensity: true, caliper: 0.5 }),
    );
    expect(m.propensity).toBeDefined();
    for (const x of m.matches) expect(x.logitGap).toBeLessThanOrEqual(m.propensity!.caliperLogit);
  });

  it('balance table: SMD before against the pool and after against the matches', () => {
    const r = fixture();
    const pilots = [unit(0), unit(5)];
    const m = matchComparisons(r, {}, pilots, new Set(), matching({ comparisons: 2 }));
    const b = balanceTable(r, pilots, m.pool.eligible, m.matches);
    expect(b.map((x) => x.variable)).toEqual(['a', 'b', 'index']);
    const pool = [1, 2, 3, 4, 6, 7, 8];
    expect(b[0].before.smd).toBeCloseTo(
      standardisedMeanDifference(
        [m1[0], m1[5]],
        pool.map((i) => m1[i]),
      ).smd,
      12,
    );
    expect(b[0].after.smd).toBeCloseTo(
      standardisedMeanDifference(
        [m1[0], m1[5]],
        m.matches.map((x) => m1[x.area]),
      ).smd,
      12,
    );
  });
});

describe('comparisonPool', () => {
  it('leaves out pilots, excluded wards, neighbours of pilots and wards inside the buffer', () => {
    // Five wards on a line of centroids 0.01° of longitude apart at the equator (≈ 1.11 km).
    const r = syntheticRanking([5, 4, 3, 2, 1], [0, 0, 0, 0, 0]);
    const g = graph(5, [[0, 1]], [0, 0.01, 0.02, 0.03, 0.04], [0, 0, 0, 0, 0]);
    const p = comparisonPool(r, g, [unit(0)], new Set([4]), 2);
    // W01 adjacent; W02 at 2.22 km is outside 2 km; W03 in; W04 excluded.
    expect([...p.eligible]).toEqual([0, 0, 1, 1, 0]);
    expect(p.leftOut).toEqual({ pilot: 1, excluded: 1, flagged: 0, adjacent: 1, buffer: 0, noCentroid: 0 });
    const wider = comparisonPool(r, g, [unit(0)], new Set(), 2.5);
    expect([...wider.eligible]).toEqual([0, 0, 0, 1, 1]);
    expect(wider.leftOut.buffer).toBe(1);
  });

  it('leaves out wards a flag rule kept out of the pilots (e.g. central_activity), counted apart from the exclude list', () => {
    const r = syntheticRanking([5, 4, 3, 2, 1], [0, 0, 0, 0, 0]);
    const g = graph(5, [[0, 1]], [0, 0.01, 0.02, 0.03, 0.04], [0, 0, 0, 0, 0]);
    const p = comparisonPool(r, g, [unit(0)], new Set([4]), 2, new Set([3, 4]));
    // W04 is on the exclude list and flagged: counted once, as excluded; W03 flagged only.
    expect([...p.eligible]).toEqual([0, 0, 1, 0, 0]);
    expect(p.leftOut).toEqual({ pilot: 1, excluded: 1, flagged: 1, adjacent: 1, buffer: 0, noCentroid: 0 });
  });
});
