/**
 * Self-intersecting rings: hand-drawn shapes with their crossing points worked out by hand, the
 * boundaries check on a bow-tie fixture (test/geo/fixtures/bow-tie.geojson), a cross-check
 * against turf's independent `kinks` on random rings, and the real London ward boundaries
 * (simple: no warning).
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kinks } from '@turf/turf';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkBoundaries } from '../../src/geo/checkBoundaries.ts';
import { loadFramework } from '../../src/io/loadFramework.ts';
import { ringSelfIntersection } from '../../src/geo/ringSelfIntersection.ts';

describe('ringSelfIntersection', () => {
  it('a square is simple; so is a square with a repeated position', () => {
    expect(
      ringSelfIntersection([
        [0, 0],
        [2, 0],
        [2, 2],
        [0, 2],
        [0, 0],
      ]),
    ).toBeUndefined();
    expect(
      ringSelfIntersection([
        [0, 0],
        [2, 0],
        [2, 0],
        [2, 2],
        [0, 2],
        [0, 0],
      ]),
    ).toBeUndefined();
    // a concave L: the sweep sees segments side by side that never meet
    expect(
      ringSelfIntersection([
        [0, 0],
        [3, 0],
        [3, 1],
        [1, 1],
        [1, 3],
        [0, 3],
        [0, 0],
      ]),
    ).toBeUndefined();
  });

  it('a bow-tie crosses at the meeting of its diagonals: (0,0)-(2,2) and (2,0)-(0,2) at (1, 1)', () => {
    expect(
      ringSelfIntersection([
        [0, 0],
        [2, 2],
        [2, 0],
        [0, 2],
        [0, 0],
      ]),
    ).toEqual([1, 1]);
    // asymmetric: (0,0)-(4,2) meets (4,0)-(0,1) where x/2 = 1 − x/4, x = 4/3, y = 2/3
    const [x, y] = ringSelfIntersection([
      [0, 0],
      [4, 2],
      [4, 0],
      [0, 1],
      [0, 0],
    ])!;
    expect(x).toBeCloseTo(4 / 3, 12);
    expect(y).toBeCloseTo(2 / 3, 12);
  });

  it('a figure of eight pinched at a vertex, and a spike, meet themselves at that point', () => {
    expect(
      ringSelfIntersection([
        [0, 0],
        [2, 0],
        [1, 1],
        [2, 2],
        [0, 2],
        [1, 1],
        [0, 0],
      ]),
    ).toEqual([1, 1]);
    // the spike (4,2)→(6,2)→(5,2): the segment after it starts at (5,2), on the way out
    expect(
      ringSelfIntersection([
        [0, 0],
        [4, 0],
        [4, 2],
        [6, 2],
        [5, 2],
        [4, 4],
        [0, 4],
        [0, 0],
      ]),
    ).toEqual([5, 2]);
  });

  it('agrees with turf kinks on random rings (general position: no touching, no collinear points)', () => {
    const coordinate = fc.integer({ min: 0, max: 2 ** 20 }).map((k) => k / 2 ** 20);
    const point = fc.tuple(coordinate, coordinate);
    // no three points within 1e-9 of collinear: kinks skips parallel segments, this file does not
    const cross = (a: number[], b: number[], c: number[]) =>
      (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
    const general = (p: number[][]) =>
      p.every((a, i) => p.every((b, j) => j <= i || p.every((c, k) => k <= j || Math.abs(cross(a, b, c)) > 1e-9)));
    fc.assert(
      fc.property(fc.array(point, { minLength: 3, maxLength: 12 }), (pts) => {
        const ring = [...pts, pts[0]];
        fc.pre(general(pts));
        const ours = ringSelfIntersection(ring);
        const theirs = kinks({ type: 'Polygon', coordinates: [ring] }).features;
        expect(ours !== undefined).toBe(theirs.length > 0);
      }),
      { numRuns: 2000, seed: 17 },
    );
  });
});

describe('checkBoundaries: self-intersecting rings are a warning naming area, feature and point', () => {
  const geo = JSON.parse(readFileSync('test/geo/fixtures/bow-tie.geojson', 'utf8'));

  it('the bow-tie fixture: A02 crosses at (0.015, 0.005), A03 (a MultiPolygon, 2nd polygon) at (0.035, 0.015)', () => {
    const problems = checkBoundaries(geo, 'areas.geojson', ['A01', 'A02', 'A03']);
    expect(problems).toEqual([
      {
        file: 'areas.geojson',
        field: 'features[1] (A02).geometry.coordinates[0]',
        message: 'area "A02" has a self-intersecting ring: it meets itself at [0.015, 0.005]',
        expected: 'a simple ring (no crossing, touching or doubling back)',
        severity: 'warning',
      },
      {
        file: 'areas.geojson',
        field: 'features[2] (A03).geometry.coordinates[1][0]',
        message: 'area "A03" has a self-intersecting ring: it meets itself at [0.035, 0.015]',
        expected: 'a simple ring (no crossing, touching or doubling back)',
        severity: 'warning',
      },
    ]);
  });

  it('warnings and errors together: each reported once, warnings in area order', () => {
    const more = structuredClone(geo);
    const a01 = more.features[0];
    // A04 draws A01's shape (a duplicate: warning); A05's ring is not closed (error); A06 has no feature (error)
    more.features.push({ ...structuredClone(a01), properties: { code: 'A04' } });
    const open = structuredClone(a01);
    open.properties = { code: 'A05' };
    const ring = open.geometry.type === 'Polygon' ? open.geometry.coordinates[0] : open.geometry.coordinates[0][0];
    ring[ring.length - 1] = [ring[0][0] + 0.001, ring[0][1]];
    more.features.push(open);
    const codes = ['A01', 'A02', 'A03', 'A04', 'A05', 'A06'];
    const all = checkBoundaries(more, 'areas.geojson', codes);
    expect(all.filter((p) => p.severity === 'warning').map((p) => p.message)).toEqual([
      'area "A02" has a self-intersecting ring: it meets itself at [0.015, 0.005]',
      'area "A03" has a self-intersecting ring: it meets itself at [0.035, 0.015]',
      'area "A04" has the same geometry as "A01"',
    ]);
    expect(all.filter((p) => p.severity === 'error').map((p) => p.message)).toEqual([
      'a ring that is not closed',
      '1 area(s) have no feature: A06',
    ]);
  });

  it('every command that prints warnings sees it: the small fixture with A02 drawn as the bow-tie loads with the warning', () => {
    const root = mkdtempSync(join(tmpdir(), 'wardrank-bowtie-'));
    try {
      cpSync('test/fixtures/small', root, { recursive: true });
      const areas = JSON.parse(readFileSync(join(root, 'areas.geojson'), 'utf8'));
      areas.features[1].geometry = geo.features[1].geometry;
      writeFileSync(join(root, 'areas.geojson'), JSON.stringify(areas));
      const loaded = loadFramework(join(root, 'framework.yaml'));
      expect(loaded.warnings.map((w) => `${w.field}: ${w.message}`)).toContain(
        'features[1] (A02).geometry.coordinates[0]: area "A02" has a self-intersecting ring: it meets itself at [0.015, 0.005]',
      );
      // top and explain do not read the boundaries: no geometry warning, the same inputs, and
      // every file hashed except the boundaries
      const quiet = loadFramework(join(root, 'framework.yaml'), { geometry: false });
      expect(quiet.warnings).toEqual(loaded.warnings.filter((w) => w.file !== 'areas.geojson'));
      expect(quiet.inputs).toEqual(loaded.inputs);
      const { ['areas.geojson']: boundaries, ...others } = loaded.hashes;
      expect(boundaries).toMatch(/^[0-9a-f]{64}$/);
      expect(quiet.hashes).toEqual(others);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('the real London wards (2022 and 2018 boundaries) have no self-intersecting ring', () => {
    for (const dir of ['data/london', 'data/london-2018']) {
      const file = `${dir}/wards.geojson`;
      if (!existsSync(file)) continue;
      const wards = JSON.parse(readFileSync(file, 'utf8'));
      const codes = wards.features.map((f: { properties: { code: string } }) => f.properties.code);
      expect(codes.length).toBeGreaterThan(600);
      expect(checkBoundaries(wards, file, codes).filter((p) => /self-intersecting/.test(p.message))).toEqual([]);
    }
  });
});
