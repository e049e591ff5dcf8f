import { describe, expect, it } from 'vitest';
import type { MultiPolygon, Polygon } from 'geojson';
import { booleanPointInPolygon } from '@turf/turf';
import { pointInside, polygonCentroid, ringSignedArea } from '../../src/core/pointInside.ts';
import { GridIndex } from '../../scripts/lib/geo/gridIndex.ts';

describe('pointInside', () => {
  it('returns the area centroid of a convex polygon', () => {
    // Rectangle 0–4 × 0–2 with a triangle on top (2, 2)–(4, 2)–(4, 4): centroid by hand
    // = (8·(2, 1) + 2·(10/3, 8/3)) / 10 = (2.2667, 1.3333).
    const g: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [4, 0],
          [4, 4],
          [2, 2],
          [0, 2],
          [0, 0],
        ],
      ],
    };
    const [x, y] = pointInside(g);
    expect(x).toBeCloseTo((16 + 20 / 3) / 10, 12);
    expect(y).toBeCloseTo((8 + 16 / 3) / 10, 12);
  });
  it('finds a point inside a C-shaped polygon whose centroid is outside', () => {
    // A "C": 0–10 × 0–10 minus the notch 3–10 × 3–7. Its centroid (≈ 4.3, 5) is in the notch.
    const g: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [10, 0],
          [10, 3],
          [3, 3],
          [3, 7],
          [10, 7],
          [10, 10],
          [0, 10],
          [0, 0],
        ],
      ],
    };
    const c = polygonCentroid(g.coordinates);
    expect(booleanPointInPolygon(c, g)).toBe(false);
    const p = pointInside(g);
    expect(booleanPointInPolygon(p, g, { ignoreBoundary: true })).toBe(true);
    // the widest interior stretch of y = 5 is x ∈ (0, 3): its midpoint
    expect(p).toEqual([1.5, 5]);
  });
  it('uses the largest part of a MultiPolygon and respects holes', () => {
    const g: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
            [0, 0],
          ],
        ],
        [
          [
            [10, 0],
            [20, 0],
            [20, 10],
            [10, 10],
            [10, 0],
          ],
          [
            [12, 2],
            [18, 2],
            [18, 8],
            [12, 8],
            [12, 2],
          ],
        ],
      ],
    };
    const p = pointInside(g);
    expect(booleanPointInPolygon(p, g, { ignoreBoundary: true })).toBe(true);
    expect(p[0]).toBeGreaterThan(10);
  });
  it('computes the shoelace area with sign', () => {
    expect(
      ringSignedArea([
        [0, 0],
        [2, 0],
        [2, 1],
        [0, 1],
        [0, 0],
      ]),
    ).toBe(2);
    expect(
      ringSignedArea([
        [0, 0],
        [0, 1],
        [2, 1],
        [2, 0],
        [0, 0],
      ]),
    ).toBe(-2);
  });
});

describe('GridIndex', () => {
  it('reports each overlapping box once, including touching ones', () => {
    // boxes: 0: [0,0,1,1], 1: [1,1,2,2] (touches 0 at a corner), 2: [5,5,6,6], 3: [0,0,10,10] (spans many cells)
    const index = new GridIndex(Float64Array.from([0, 0, 1, 1, 1, 1, 2, 2, 5, 5, 6, 6, 0, 0, 10, 10]), 1);
    const hits = (q: number[]) => {
      const out: number[] = [];
      index.query(q[0], q[1], q[2], q[3], (id) => out.push(id));
      return out.sort();
    };
    expect(hits([0.5, 0.5, 0.9, 0.9])).toEqual([0, 3]);
    expect(hits([1, 1, 1, 1])).toEqual([0, 1, 3]);
    expect(hits([4, 4, 4.5, 4.5])).toEqual([3]);
    expect(hits([-5, -5, -1, -1])).toEqual([]);
  });
});
