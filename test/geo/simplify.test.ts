import { describe, expect, it } from 'vitest';
import type { Feature, FeatureCollection, Polygon, Position } from 'geojson';
import { area, booleanValid } from '@turf/turf';
import { conflictingArcs, simplifyPolygons } from '../../scripts/lib/geo/simplify.ts';
import { frameAt } from '../../scripts/lib/geo/localFrame.ts';
import { removeRepeatedPositions } from '../../scripts/lib/geo/repair.ts';
import { queenAdjacency, adjacencyRows } from '../../scripts/lib/geo/adjacency.ts';
import { wardFeatures } from '../../scripts/build-london-geo.ts';
import { describeWithRawData } from '../helpers/rawData.ts';

const { kx, ky } = frameAt(51.5);
/** Metres east/north of (0°, 51.5°) → lon/lat. */
const at = (x: number, y: number): Position => [x / kx, 51.5 + y / ky];
const poly = (code: string, ring: [number, number][]): Feature<Polygon> => ({
  type: 'Feature',
  properties: { code },
  geometry: { type: 'Polygon', coordinates: [ring.map(([x, y]) => at(x, y))] },
});

// Two 100 m squares sharing the border x = 100, which has a 10 m spur at y = 20 and a 1 m bump
// at y = 50 (effective areas worked out in the first test). The outer corners have effective
// area 5,000 m².
const west = poly('W', [
  [0, 0],
  [100, 0],
  [110, 20],
  [100, 40],
  [101, 50],
  [100, 100],
  [0, 100],
  [0, 0],
]);
const east = poly('E', [
  [100, 0],
  [200, 0],
  [200, 100],
  [100, 100],
  [101, 50],
  [100, 40],
  [110, 20],
  [100, 0],
]);
const pair: FeatureCollection<Polygon> = { type: 'FeatureCollection', features: [west, east] };

describe('simplifyPolygons on two squares sharing a wiggly border', () => {
  it('drops a point whose effective area is below the threshold, keeps the others, identically on both sides', () => {
    // (101, 50): triangle with (100, 40) and (100, 100) has area ½·60·1 = 30 m² → dropped at 40 m².
    // (110, 20): triangle with (100, 0) and (100, 40) has area ½·40·10 = 200 m² → kept at 40 m².
    const { features, report } = simplifyPolygons(pair, { minAreaM2: 40 });
    const ringOf = (i: number) => features.features[i].geometry.coordinates[0].map((p) => p.join());
    const bump = at(101, 50).join();
    const spur = at(110, 20).join();
    expect(ringOf(0)).not.toContain(bump);
    expect(ringOf(1)).not.toContain(bump);
    expect(ringOf(0)).toContain(spur);
    expect(ringOf(1)).toContain(spur);
    // Both sides of the border are the same points, so the total area is unchanged.
    const total = area(features.features[0]) + area(features.features[1]);
    expect(total).toBeCloseTo(area(west) + area(east), 3);
    expect(report.conflicts).toBe(0);
    expect(report.invalidFeatures).toBe(0);
    // the dropped point lay 1 m off the new border
    expect(report.maxDisplacementM).toBeCloseTo(1, 2);
  });
  it('drops the spur too above its effective area, and never a corner where three areas meet', () => {
    const { features } = simplifyPolygons(pair, { minAreaM2: 1000 });
    // The border is one arc from (100, 0) to (100, 100): only its ends are left.
    expect(features.features[0].geometry.coordinates[0].length).toBe(5);
    expect(features.features[1].geometry.coordinates[0].length).toBe(5);
    expect(features.features.every((f) => booleanValid(f))).toBe(true);
  });
  it('keeps an island ring from collapsing', () => {
    const island = poly('I', [
      [0, 0],
      [3, 0],
      [3, 3],
      [0, 3],
      [0, 0],
    ]);
    const { features, report } = simplifyPolygons(
      { type: 'FeatureCollection', features: [island] },
      { minAreaM2: 1e6 },
    );
    expect(features.features[0].geometry.coordinates[0].length).toBeGreaterThanOrEqual(4);
    expect(report.invalidFeatures).toBe(0);
  });
});

describe('conflictingArcs', () => {
  it('flags arcs that cross, not arcs that meet at an end', () => {
    expect([
      ...conflictingArcs([
        [
          [0, 0],
          [1, 1],
        ],
        [
          [1, 1],
          [2, 0],
        ],
      ]),
    ]).toEqual([]);
    expect(
      [
        ...conflictingArcs([
          [
            [0, 0],
            [2, 2],
          ],
          [
            [0, 2],
            [2, 0],
          ],
        ]),
      ].sort(),
    ).toEqual([0, 1]);
    // a spike: an arc doubling back over itself
    expect([
      ...conflictingArcs([
        [
          [0, 0],
          [2, 0],
          [1, 0],
        ],
      ]),
    ]).toEqual([0]);
  });
});

describeWithRawData('simplification of real wards (one borough: Southwark, E09000028)', () => {
  const { wards } = wardFeatures();
  const subset: FeatureCollection<Polygon> = {
    type: 'FeatureCollection',
    features: wards.features.filter((f) => f.properties?.borough_code === 'E09000028') as Feature<Polygon>[],
  };
  it('is deterministic, valid, and keeps the area within 0.5 % and the neighbours', () => {
    const a = simplifyPolygons(subset, { minAreaM2: 150 });
    const b = simplifyPolygons(subset, { minAreaM2: 150 });
    expect(JSON.stringify(b.features)).toBe(JSON.stringify(a.features));
    expect(subset.features.length).toBeGreaterThan(15);
    expect(a.features.features.every((f) => booleanValid(f))).toBe(true);
    expect(a.report.conflicts).toBe(0);
    expect(Math.abs(a.report.areaChange)).toBeLessThan(0.005);
    expect(a.report.outputPositions).toBeLessThan(a.report.inputPositions / 2);
    // Shared borders survive simplification: the same wards still touch.
    const before = adjacencyRows(queenAdjacency(subset, { key: 'code' }));
    const after = adjacencyRows(queenAdjacency(a.features, { key: 'code' }));
    expect(after).toEqual(before);
  });
});

describe('removeRepeatedPositions', () => {
  it('drops consecutive repeats and zero-area rings', () => {
    const fc: FeatureCollection<Polygon> = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: {},
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [0, 0],
                [1, 0],
                [1, 0],
                [1, 1],
                [0, 0],
              ],
              [
                [0.2, 0.1],
                [0.3, 0.1],
                [0.3, 0.1],
                [0.2, 0.1],
              ],
            ],
          },
        },
      ],
    };
    const r = removeRepeatedPositions(fc);
    expect(r.removed).toBe(2);
    expect(r.degenerateRings).toBe(1);
    expect(r.features.features[0].geometry.coordinates).toEqual([
      [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 0],
      ],
    ]);
  });
});
