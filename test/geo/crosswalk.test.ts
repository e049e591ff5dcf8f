import { describe, expect, it } from 'vitest';
import type { Feature, Point, Polygon } from 'geojson';
import { area, featureCollection, intersect } from '@turf/turf';
import { scanlineOverlaps } from '../../scripts/lib/geo/scanlineOverlap.ts';
import { frameAt } from '../../scripts/lib/geo/localFrame.ts';
import {
  apportionCounts,
  apportionRates,
  areaCrosswalk,
  dasymetricCrosswalk,
  missingShares,
  populationCrosswalk,
  type Crosswalk,
} from '../../scripts/lib/geo/crosswalk.ts';
import { crosswalkFromRows, crosswalkRows } from '../../scripts/lib/geo/crosswalkTable.ts';
import { InputError } from '../../src/core/errors.ts';
import { fixture, sumBy } from './helpers.ts';

// Fixtures: four source rectangles S1 lon 0–2, S2 2–4, S3 10–11 (overlaps nothing), S4 4–5,
// and targets T1 lon 0–1.5, T2 1.5–3, T3 3–5, all in the latitude band 51.4–51.5. On the
// sphere the area of such a band rectangle is proportional to its longitude width, so the
// area shares are exact ratios of widths. Points: P1 (S1,T1) 100, P2 (S1,T2) 300,
// P3 (S2,T2) 50, P4 (S2,T3) 150, P5 outside everything 10; S4 holds no point.
const sources = fixture('crosswalk_sources.geojson');
const targets = fixture('crosswalk_targets.geojson');
const points = fixture<Point>('crosswalk_points.geojson');
const keys = { sourceKey: 'code', targetKey: 'code' };

/** The crosswalk as {"S1>T1": share}. */
function table(cw: Crosswalk): Record<string, number> {
  const out: Record<string, number> = {};
  for (let k = 0; k < cw.share.length; k++)
    out[`${cw.sourceCodes[cw.source[k]]}>${cw.targetCodes[cw.target[k]]}`] = cw.share[k];
  return out;
}

describe('areaCrosswalk', () => {
  const cw = areaCrosswalk(sources, targets, keys);
  it('gives each source unit the share of its area in each target (hand-computed widths)', () => {
    const t = table(cw);
    expect(Object.keys(t).sort()).toEqual(['S1>T1', 'S1>T2', 'S2>T2', 'S2>T3', 'S4>T3']);
    expect(t['S1>T1']).toBeCloseTo(0.75, 6);
    expect(t['S1>T2']).toBeCloseTo(0.25, 6);
    expect(t['S2>T2']).toBeCloseTo(0.5, 6);
    expect(t['S2>T3']).toBeCloseTo(0.5, 6);
    expect(t['S4>T3']).toBeCloseTo(1, 9);
    expect(cw.uncovered).toEqual(['S3']);
    expect(cw.method).toBe('area');
  });
  it('gives the same shares when overlaps are measured by scanline', () => {
    const fast = areaCrosswalk(sources, targets, { ...keys, engine: 'scanline', stepMetres: 50 });
    const exact = table(cw);
    const t = table(fast);
    expect(Object.keys(t).sort()).toEqual(Object.keys(exact).sort());
    for (const k of Object.keys(t)) expect(t[k]).toBeCloseTo(exact[k], 6);
    expect(fast.uncovered).toEqual(['S3']);
  });
  it('preserves the total of the covered sources', () => {
    const y = apportionCounts(cw, Float64Array.from([40, 80, 5, 7]));
    expect(y[0]).toBeCloseTo(30, 6);
    expect(y[1]).toBeCloseTo(10 + 40, 6);
    expect(y[2]).toBeCloseTo(40 + 7, 6);
    expect(y[0] + y[1] + y[2]).toBeCloseTo(40 + 80 + 7, 6);
  });
});

describe('populationCrosswalk', () => {
  const cw = populationCrosswalk(sources, targets, points, { ...keys, populationKey: 'population' });
  it("gives each source unit the share of its points' population in each target", () => {
    expect(table(cw)).toEqual({ 'S1>T1': 0.25, 'S1>T2': 0.75, 'S2>T2': 0.25, 'S2>T3': 0.75, 'S4>T3': 1 });
    expect(cw.areaFallback).toEqual(['S4']);
    expect(cw.uncovered).toEqual(['S3']);
    expect(Array.from(cw.sourceWeight)).toEqual([400, 200, 0, 0]);
    expect(cw.notes.join(' ')).toMatch(/1 outside every source unit \(population 10 ignored\)/);
  });
  it('apportions counts: y_j = Σ_i s_ij x_i, totals preserved', () => {
    const y = apportionCounts(cw, Float64Array.from([40, 80, 5, 7]));
    expect(Array.from(y)).toEqual([10, 30 + 20, 60 + 7]);
  });
  it('averages rates weighted by apportioned population', () => {
    const r = apportionRates(cw, Float64Array.from([0.1, 0.3, 0.9, 0.5]), Float64Array.from([400, 200, 1, 0]));
    expect(r[0]).toBeCloseTo(0.1, 12);
    // T2: weights 0.75·400 = 300 (rate 0.1) and 0.25·200 = 50 (rate 0.3)
    expect(r[1]).toBeCloseTo((300 * 0.1 + 50 * 0.3) / 350, 12);
    // T3: 0.75·200 = 150 at 0.3; S4 has population 0, so no weight
    expect(r[2]).toBeCloseTo(0.3, 12);
  });
  it('makes a target missing when all, or by default any, of its inflow is missing', () => {
    const x = Float64Array.from([NaN, 80, 5, 7]);
    const y = apportionCounts(cw, x);
    expect(Number.isNaN(y[0])).toBe(true); // only S1 flows into T1
    expect(Number.isNaN(y[1])).toBe(true); // S1 (missing) and S2 flow into T2
    expect(y[2]).toBe(67);
    const m = missingShares(cw, x);
    expect(m[0]).toBe(1);
    expect(m[1]).toBeCloseTo(300 / 350, 12);
    expect(m[2]).toBe(0);
    // tolerating 90 % missing, T2 gets the part that is known (S2's 0.25·80) and T1 stays missing
    const tolerant = apportionCounts(cw, x, { maxMissingShare: 0.9 });
    expect(Number.isNaN(tolerant[0])).toBe(true);
    expect(tolerant[1]).toBe(20);
    expect(Number.isNaN(apportionCounts(cw, x, { maxMissingShare: 0.5 })[1])).toBe(true);
  });
  it('averages the known rates of a partly missing target only when tolerated', () => {
    const rates = Float64Array.from([0.1, NaN, 0.9, 0.5]);
    const pop = Float64Array.from([400, 200, 1, 0]);
    // T2 gets 300 people from S1 (rate 0.1) and 50 from S2 (missing): missing share 50/350.
    expect(Number.isNaN(apportionRates(cw, rates, pop)[1])).toBe(true);
    const r = apportionRates(cw, rates, pop, { maxMissingShare: 0.2 });
    expect(r[0]).toBeCloseTo(0.1, 12);
    expect(r[1]).toBeCloseTo(0.1, 12);
    expect(Number.isNaN(r[2])).toBe(true); // T3: only S2 (missing) carries people
  });
  it('round-trips through the CSV table form', () => {
    const back = crosswalkFromRows(crosswalkRows(cw), {
      file: 'x.csv',
      sourceCodes: cw.sourceCodes,
      targetCodes: cw.targetCodes,
    });
    expect(table(back)).toEqual(table(cw));
    expect(back.areaFallback).toEqual(['S4']);
    expect(back.uncovered).toEqual(['S3']);
    expect(crosswalkRows(cw)[0]).toEqual(['S1', 'T1', '0.25', 'population']);
  });
  it('rejects a bad population and a wrong-length value column', () => {
    const bad = structuredClone(points);
    bad.features[1].properties!.population = 'many';
    expect(() => populationCrosswalk(sources, targets, bad, { ...keys, populationKey: 'population' })).toThrow(
      InputError,
    );
    expect(() => apportionCounts(cw, new Float64Array(2))).toThrow(/4 source units/);
  });
});

describe('crosswalk invariants', () => {
  it('per covered source the shares sum to 1', () => {
    for (const cw of [
      areaCrosswalk(sources, targets, keys),
      populationCrosswalk(sources, targets, points, { ...keys, populationKey: 'population' }),
    ]) {
      for (const total of sumBy(cw.source, cw.share).values()) expect(total).toBeCloseTo(1, 12);
    }
  });
});

describe('dasymetricCrosswalk (small areas split by area)', () => {
  // Small areas: L1 lon 0–1 (pop 100, in S1, all in T1), L2 lon 1–2 (200, in S1, half in T1
  // 0–1.5 and half in T2), L3 lon 2–4 (60, in S2, half in T2 2–3 and half in T3 3–4).
  // S1 → T1: (100 + 100)/300, T2: 100/300; S2 → T2: 30/60, T3: 30/60. S4 holds no small area
  // and falls back to area weights (all in T3); S3 overlaps nothing.
  const small = fixture('crosswalk_small_areas.geojson');
  const cw = dasymetricCrosswalk(sources, targets, small, { ...keys, populationKey: 'population' });
  it('shares each small area’s population over the targets by area', () => {
    const t = table(cw);
    expect(Object.keys(t).sort()).toEqual(['S1>T1', 'S1>T2', 'S2>T2', 'S2>T3', 'S4>T3']);
    expect(t['S1>T1']).toBeCloseTo(2 / 3, 9);
    expect(t['S1>T2']).toBeCloseTo(1 / 3, 9);
    expect(t['S2>T2']).toBeCloseTo(0.5, 9);
    expect(t['S2>T3']).toBeCloseTo(0.5, 9);
    expect(t['S4>T3']).toBeCloseTo(1, 9);
    expect(cw.method).toBe('population');
    expect(cw.areaFallback).toEqual(['S4']);
    expect(cw.uncovered).toEqual(['S3']);
  });
});

describe('scanlineOverlaps', () => {
  it('matches polygon clipping (turf intersect) on a triangle over two squares within 0.5 %', () => {
    const sq = (x0: number, x1: number): Feature<Polygon> => ({
      type: 'Feature',
      properties: {},
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [x0, 51.5],
            [x1, 51.5],
            [x1, 51.51],
            [x0, 51.51],
            [x0, 51.5],
          ],
        ],
      },
    });
    const tri: Feature<Polygon> = {
      type: 'Feature',
      properties: {},
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [-0.004, 51.499],
            [0.013, 51.503],
            [0.002, 51.512],
            [-0.004, 51.499],
          ],
        ],
      },
    };
    const squares = [sq(-0.01, 0), sq(0, 0.01)];
    const ov = scanlineOverlaps([tri], squares, frameAt(51.5), 2);
    expect(Array.from(ov.a)).toEqual([0, 0]);
    expect(Array.from(ov.b)).toEqual([0, 1]);
    squares.forEach((s, j) => {
      const exact = area(intersect(featureCollection([tri, s]))!);
      expect(Math.abs(ov.areaM2[j] - exact) / exact).toBeLessThan(0.005);
    });
    expect(Math.abs(ov.areaA[0] - area(tri)) / area(tri)).toBeLessThan(0.005);
  });
});
