/**
 * Topology-preserving simplification of a polygon partition (wards) for the web.
 *
 * The polygons are turned into a topology (topojson-server): every stretch of border shared
 * by two areas becomes one arc, stored once. Each arc is simplified by Visvalingam–Whyatt
 * (Visvalingam & Whyatt 1993, "Line generalisation by repeated elimination of points",
 * Cartographic Journal 30(1), 46–51, via topojson-simplify): a point's weight is the area of
 * the triangle it forms with its neighbours (its "effective area", made monotone), here in m²
 * in a local metric frame, and points below `minAreaM2` are dropped. Arc endpoints (where
 * three or more areas meet) are always kept. Because both neighbours read the same simplified
 * arc, no gap or overlap can open along a shared border.
 *
 * Simplification can still make two different arcs cross, collapse a ring, or flip it. After
 * each pass the result is checked and every arc involved in a problem is "locked" (kept at
 * full resolution); the pass is repeated until nothing new needs locking:
 *  - segments of the simplified arcs that meet other than at a shared endpoint (crossings,
 *    touches, overlaps) — which is also what keeps the partition free of new gaps/overlaps;
 *  - rings with fewer than 4 positions, or whose signed area changed sign;
 *  - features that turf `booleanValid` rejects.
 * A ring made of one closed arc (an island or enclave) keeps at least its two heaviest
 * interior points, so it cannot collapse.
 */
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { topology as buildTopology } from 'topojson-server';
import { presimplify, simplify, planarTriangleArea } from 'topojson-simplify';
import { feature } from 'topojson-client';
import { area, booleanValid } from '@turf/turf';
import { GridIndex } from './gridIndex.ts';
import { localFrame } from './localFrame.ts';
import { ringSignedArea } from '../../../src/core/pointInside.ts';
import { pointSegmentDistance, segmentsConflict } from './segments.ts';

export interface SimplifyOptions {
  /** Visvalingam effective-area threshold in m²: points whose triangle is smaller are dropped. */
  minAreaM2: number;
  /** Passes of check-and-lock at most (default 20). */
  maxPasses?: number;
}

export interface SimplifyReport {
  minAreaM2: number;
  arcs: number;
  /** Arcs kept at full resolution because simplifying them broke a check. */
  lockedArcs: number;
  passes: number;
  inputPositions: number;
  outputPositions: number;
  /** Σ geodesic area (turf) of the input and output features, m². */
  inputAreaM2: number;
  outputAreaM2: number;
  /** (output − input) / input. */
  areaChange: number;
  /** Largest |relative area change| of one feature, and its index. */
  maxFeatureAreaChange: number;
  maxFeatureAreaChangeIndex: number;
  /** Features that fail turf booleanValid in the output (0 unless the input was invalid). */
  invalidFeatures: number;
  /** Arcs with a segment meeting another segment other than at a shared endpoint, in the output. */
  conflicts: number;
  /** Largest and 99th-percentile distance (m) of a dropped point from the simplified line. */
  maxDisplacementM: number;
  p99DisplacementM: number;
}

export interface SimplifiedPolygons {
  /** The simplified topology (absolute coordinates), its one object named `areas`. */
  topology: Topology<{ areas: GeometryCollection }>;
  /** The simplified features, in input order, with the input properties. */
  features: FeatureCollection<Polygon | MultiPolygon>;
  report: SimplifyReport;
}

type Arcs = number[][][]; // arc → points → [x, y, weight]

export function simplifyPolygons(
  fc: FeatureCollection<Polygon | MultiPolygon>,
  opts: SimplifyOptions,
): SimplifiedPolygons {
  const topo = buildTopology({ areas: fc }) as unknown as Topology<{ areas: GeometryCollection }>;
  const { kx, ky } = localFrame(fc);
  const weighted = presimplify(topo, (t) => planarTriangleArea(t) * kx * ky) as unknown as Topology<{
    areas: GeometryCollection;
  }>;
  const arcs = weighted.arcs as unknown as Arcs;
  protectClosedArcs(arcs);
  const rings = ringsOf(weighted.objects.areas);
  const inputSigns = rings.map((r) => Math.sign(ringArea(arcs, r)));

  const locked = new Uint8Array(arcs.length);
  const maxPasses = opts.maxPasses ?? 20;
  let passes = 0;
  let result: Topology<{ areas: GeometryCollection }>;
  let features: FeatureCollection<Polygon | MultiPolygon>;
  let conflicts: Set<number>;
  for (;;) {
    passes++;
    result = simplify(withLocks(weighted, locked), opts.minAreaM2) as unknown as Topology<{
      areas: GeometryCollection;
    }>;
    const out = result.arcs as unknown as Arcs;
    const bad = new Set<number>();
    conflicts = conflictingArcs(out);
    for (const a of conflicts) bad.add(a);
    rings.forEach((r, k) => {
      const positions = r.reduce((n, a) => n + out[arcIndex(a)].length - 1, 1);
      if (positions < 4 || Math.sign(ringArea(out, r)) !== inputSigns[k]) for (const a of r) bad.add(arcIndex(a));
    });
    features = feature(result, result.objects.areas) as FeatureCollection<Polygon | MultiPolygon>;
    const geoms = result.objects.areas.geometries;
    features.features.forEach((f, i) => {
      if (!booleanValid(f)) for (const a of arcsOfGeometry(geoms[i])) bad.add(a);
    });
    let added = 0;
    for (const a of bad) {
      if (!locked[a]) {
        locked[a] = 1;
        added++;
      }
    }
    if (added === 0 || passes >= maxPasses) break;
  }

  const inputAreas = fc.features.map((f) => area(f));
  const outputAreas = features.features.map((f) => area(f));
  let maxChange = 0;
  let maxIndex = -1;
  inputAreas.forEach((a, i) => {
    const c = a > 0 ? Math.abs(outputAreas[i] - a) / a : 0;
    if (c > maxChange) {
      maxChange = c;
      maxIndex = i;
    }
  });
  const inputAreaM2 = sum(inputAreas);
  const outputAreaM2 = sum(outputAreas);
  const report: SimplifyReport = {
    minAreaM2: opts.minAreaM2,
    arcs: arcs.length,
    lockedArcs: locked.reduce((n, v) => n + v, 0),
    passes,
    inputPositions: countPositions(fc),
    outputPositions: countPositions(features),
    inputAreaM2,
    outputAreaM2,
    areaChange: (outputAreaM2 - inputAreaM2) / inputAreaM2,
    maxFeatureAreaChange: maxChange,
    maxFeatureAreaChangeIndex: maxIndex,
    invalidFeatures: features.features.filter((f) => !booleanValid(f)).length,
    conflicts: conflicts.size,
    ...displacement(arcs, result.arcs as unknown as Arcs, kx, ky),
  };
  return { topology: result, features, report };
}

/** Positions in all rings of a polygon collection (closing positions included). */
export function countPositions(fc: FeatureCollection<Polygon | MultiPolygon>): number {
  let n = 0;
  for (const f of fc.features) for (const ring of ringsOfGeometry(f.geometry)) n += ring.length;
  return n;
}

function ringsOfGeometry(g: Polygon | MultiPolygon): Position[][] {
  return g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
}

/** A ring made of a single closed arc keeps its two heaviest interior points. */
function protectClosedArcs(arcs: Arcs): void {
  for (const arc of arcs) {
    const n = arc.length;
    if (n < 4 || arc[0][0] !== arc[n - 1][0] || arc[0][1] !== arc[n - 1][1]) continue;
    const order = arc
      .slice(1, n - 1)
      .map((p, i) => [p[2], i + 1])
      .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    for (const [, i] of order.slice(0, 2)) arc[i][2] = Infinity;
  }
}

function withLocks(
  t: Topology<{ areas: GeometryCollection }>,
  locked: Uint8Array,
): Topology<{ areas: GeometryCollection }> {
  const arcs = (t.arcs as unknown as Arcs).map((arc, a) => (locked[a] ? arc.map((p) => [p[0], p[1], Infinity]) : arc));
  return { ...t, arcs } as unknown as Topology<{ areas: GeometryCollection }>;
}

/** An arc reference in a ring: i, or ~i (= −i−1) for arc i reversed. */
function arcIndex(a: number): number {
  return a < 0 ? ~a : a;
}

function ringsOf(gc: GeometryCollection): number[][] {
  const rings: number[][] = [];
  for (const g of gc.geometries) {
    if (g.type === 'Polygon') rings.push(...g.arcs);
    else if (g.type === 'MultiPolygon') for (const p of g.arcs) rings.push(...p);
  }
  return rings;
}

function arcsOfGeometry(g: GeometryCollection['geometries'][number]): number[] {
  const rings = g.type === 'Polygon' ? g.arcs : g.type === 'MultiPolygon' ? g.arcs.flat() : [];
  return rings.flat().map(arcIndex);
}

/** Signed planar area of a ring given as arc references (weights ignored). */
function ringArea(arcs: Arcs, ring: number[]): number {
  const pts: Position[] = [];
  for (const a of ring) {
    const arc = a < 0 ? [...arcs[~a]].reverse() : arcs[a];
    for (let i = pts.length ? 1 : 0; i < arc.length; i++) pts.push(arc[i]);
  }
  return ringSignedArea(pts);
}

/** Arcs owning a segment that meets another segment other than at a shared endpoint. */
export function conflictingArcs(arcs: number[][][]): Set<number> {
  const xy: number[] = [];
  const owner: number[] = [];
  arcs.forEach((arc, a) => {
    for (let i = 0; i + 1 < arc.length; i++) {
      xy.push(arc[i][0], arc[i][1], arc[i + 1][0], arc[i + 1][1]);
      owner.push(a);
    }
  });
  const n = owner.length;
  const boxes = new Float64Array(4 * n);
  let meanLength = 0;
  for (let s = 0; s < n; s++) {
    const ax = xy[4 * s];
    const ay = xy[4 * s + 1];
    const bx = xy[4 * s + 2];
    const by = xy[4 * s + 3];
    boxes.set([Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by)], 4 * s);
    meanLength += Math.hypot(bx - ax, by - ay) / Math.max(n, 1);
  }
  const index = new GridIndex(boxes, Math.max(4 * meanLength, 1e-12));
  const bad = new Set<number>();
  for (let s = 0; s < n; s++) {
    index.query(boxes[4 * s], boxes[4 * s + 1], boxes[4 * s + 2], boxes[4 * s + 3], (t) => {
      if (t <= s) return;
      if (
        segmentsConflict(
          xy[4 * s],
          xy[4 * s + 1],
          xy[4 * s + 2],
          xy[4 * s + 3],
          xy[4 * t],
          xy[4 * t + 1],
          xy[4 * t + 2],
          xy[4 * t + 3],
        )
      ) {
        bad.add(owner[s]);
        bad.add(owner[t]);
      }
    });
  }
  return bad;
}

/**
 * How far the simplified arcs moved from the input: for every dropped point, its distance (m)
 * to the simplified segment that replaced it. Output arcs keep a subsequence of input points.
 */
function displacement(
  input: Arcs,
  output: Arcs,
  kx: number,
  ky: number,
): { maxDisplacementM: number; p99DisplacementM: number } {
  const d: number[] = [];
  input.forEach((arc, a) => {
    const kept = output[a];
    let j = 0; // index in input of the current kept point
    for (let k = 1; k < kept.length; k++) {
      const [bx, by] = kept[k];
      let i = j + 1;
      while (i < arc.length && (arc[i][0] !== bx || arc[i][1] !== by)) i++;
      for (let m = j + 1; m < i; m++) {
        d.push(pointSegmentDistance(arc[m][0] * kx, arc[m][1] * ky, arc[j][0] * kx, arc[j][1] * ky, bx * kx, by * ky));
      }
      j = i;
    }
  });
  d.sort((x, y) => x - y);
  return {
    maxDisplacementM: d.length ? d[d.length - 1] : 0,
    p99DisplacementM: d.length ? d[Math.floor(0.99 * (d.length - 1))] : 0,
  };
}

function sum(a: number[]): number {
  return a.reduce((x, y) => x + y, 0);
}
