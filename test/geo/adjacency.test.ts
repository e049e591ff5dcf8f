import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FeatureCollection, Polygon } from 'geojson';
import { topology } from 'topojson-server';
import { neighbors } from 'topojson-client';
import type { GeometryCollection } from 'topojson-specification';
import { adjacencyRows, neighboursOf, queenAdjacency } from '../../scripts/lib/geo/adjacency.ts';
import { frameAt } from '../../scripts/lib/geo/localFrame.ts';
import { parseCsv } from '../../src/io/csv.ts';
import { INPUTS, RAW } from '../../scripts/build-london-crosswalk.ts';
import { describeWithRawData } from '../helpers/rawData.ts';
import { SETTINGS } from '../../scripts/build-london-geo.ts';
import { fixture, shipped } from './helpers.ts';

function names(adj: ReturnType<typeof queenAdjacency>, code: string): string[] {
  return [...neighboursOf(adj, adj.codes.indexOf(code))].map((j) => adj.codes[j]).sort();
}

describe('queenAdjacency on a hand-drawn 3×3 grid (codes r{row}c{col})', () => {
  const adj = queenAdjacency(fixture('grid3x3.geojson'), { key: 'code' });
  it('counts corner contact as neighbouring', () => {
    expect(names(adj, 'r1c1')).toEqual(['r0c0', 'r0c1', 'r0c2', 'r1c0', 'r1c2', 'r2c0', 'r2c1', 'r2c2']);
    expect(names(adj, 'r0c0')).toEqual(['r0c1', 'r1c0', 'r1c1']);
    expect(names(adj, 'r0c1')).toEqual(['r0c0', 'r0c2', 'r1c0', 'r1c1', 'r1c2']);
  });
  it('has 12 edge and 8 corner contacts, listed both ways', () => {
    expect(adj.neighbours.length).toBe(2 * 20);
    const rows = adjacencyRows(adj);
    expect(rows.length).toBe(40);
    const set = new Set(rows.map(([a, b]) => `${a}>${b}`));
    for (const [a, b] of rows) expect(set.has(`${b}>${a}`)).toBe(true);
  });
});

describe('queenAdjacency tolerance and T-junctions', () => {
  // Metres → degrees at 51.5°N.
  const { kx, ky } = frameAt(51.5);
  const rect = (code: string, x0: number, y0: number, x1: number, y1: number) => ({
    type: 'Feature' as const,
    properties: { code },
    geometry: {
      type: 'Polygon' as const,
      coordinates: [
        [
          [x0 / kx, 51.5 + y0 / ky],
          [x1 / kx, 51.5 + y0 / ky],
          [x1 / kx, 51.5 + y1 / ky],
          [x0 / kx, 51.5 + y1 / ky],
          [x0 / kx, 51.5 + y0 / ky],
        ],
      ],
    },
  });
  // A (0–100 m) meets B and C along x = 100 m; B and C split A's edge at y = 50 (a T-junction
  // with no vertex of A there); D lies 0.5 m to the right of B and C.
  const fc: FeatureCollection<Polygon> = {
    type: 'FeatureCollection',
    features: [
      rect('A', 0, 0, 100, 100),
      rect('B', 100, 0, 200, 50),
      rect('C', 100, 50, 200, 100),
      rect('D', 200.5, 0, 300, 100),
    ],
  };
  it('finds neighbours along an edge without shared vertices, and not across a gap', () => {
    const adj = queenAdjacency(fc, { key: 'code' });
    expect(names(adj, 'A')).toEqual(['B', 'C']);
    expect(names(adj, 'D')).toEqual([]);
  });
  it('bridges a gap within the tolerance', () => {
    const adj = queenAdjacency(fc, { key: 'code', toleranceMetres: 1 });
    expect(names(adj, 'D')).toEqual(['B', 'C']);
  });
});

describeWithRawData('adjacency.csv (London 2018 wards)', () => {
  const table = parseCsv(shipped('adjacency.csv'), { file: 'adjacency.csv' });
  const rows = table.rows.map(([a, b]) => `${a}>${b}`);
  const codes = new Set(parseCsv(shipped('areas.csv'), { file: 'areas.csv' }).rows.map((r) => r[0]));
  const raw = JSON.parse(readFileSync(join(RAW, INPUTS.wards2018), 'utf8')) as FeatureCollection<Polygon>;

  it('is symmetric, sorted, has no self-pairs, and gives every ward a neighbour', () => {
    expect(table.header).toEqual(['code', 'neighbour']);
    const set = new Set(rows);
    for (const [a, b] of table.rows) {
      expect(a).not.toBe(b);
      expect(set.has(`${b}>${a}`)).toBe(true);
    }
    expect([...rows].sort()).toEqual(rows);
    expect(new Set(table.rows.map((r) => r[0]))).toEqual(codes);
    expect(codes.size).toBe(633);
    expect(rows.length).toBe(2 * 1865);
  });

  it('contains every pair of wards that share a border arc (rook ⊂ queen), and is what the build computes', () => {
    const topo = topology({ w: raw });
    const rook = neighbors((topo.objects.w as GeometryCollection).geometries);
    const set = new Set(rows);
    let rookPairs = 0;
    rook.forEach((list, i) => {
      for (const j of list) {
        rookPairs++;
        expect(set.has(`${raw.features[i].properties!.GSS_CODE}>${raw.features[j].properties!.GSS_CODE}`)).toBe(true);
      }
    });
    // Queen adds the wards meeting only at a corner.
    expect(rookPairs).toBeLessThan(rows.length);
    const adj = queenAdjacency(raw, { key: 'GSS_CODE', toleranceMetres: SETTINGS.adjacencyToleranceMetres });
    expect(adjacencyRows(adj).map(([a, b]) => `${a}>${b}`)).toEqual(rows);
  });
});
