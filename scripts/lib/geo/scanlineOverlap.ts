/**
 * Areas of overlap between every polygon of one set and every polygon of another, by
 * scanline integration: the plane is cut by horizontal lines y_k = y_0 + (k + ½)h; on each
 * line the stretches inside each polygon are found exactly (edge crossings, even–odd rule),
 * the two sets' stretches are overlaid, and each overlapping length counts for a strip of
 * height h:  |A ∩ B| ≈ h Σ_k length(A ∩ B ∩ {y = y_k})  (the midpoint rule in y, exact in x).
 *
 * Why not polygon clipping: intersecting 4,835 LSOAs with 633 detailed wards with turf
 * `intersect` takes about 15 minutes; one sweep takes seconds, and with h = 5 m the error of
 * a share is far below the uncertainty of the population it splits. Polygons of a set may
 * overlap slightly (generalised boundaries); each overlapping pair is still counted.
 * Coordinates are lon/lat, measured in metres in a local frame (src/geo/localFrame.ts).
 */
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import type { LocalFrame } from './localFrame.ts';

export interface Overlaps {
  /** Sparse triplets: polygon of set A, polygon of set B, overlap area in m²; sorted by a then b. */
  a: Int32Array;
  b: Int32Array;
  areaM2: Float64Array;
  /** Area of each polygon of set A (m²), measured the same way. */
  areaA: Float64Array;
}

interface Edges {
  /** per edge: x0, y0, x1, y1 (metres, y0 < y1), owner */
  x0: Float64Array;
  y0: Float64Array;
  x1: Float64Array;
  y1: Float64Array;
  owner: Int32Array;
  /** edge indices sorted by y0 */
  order: Int32Array;
}

export function scanlineOverlaps(
  setA: Feature<Polygon | MultiPolygon>[],
  setB: Feature<Polygon | MultiPolygon>[],
  frame: LocalFrame,
  stepMetres = 5,
): Overlaps {
  const ea = edgesOf(setA, frame);
  const eb = edgesOf(setB, frame);
  let yMin = Infinity;
  let yMax = -Infinity;
  for (const e of [ea, eb]) {
    for (let i = 0; i < e.y0.length; i++) {
      yMin = Math.min(yMin, e.y0[i]);
      yMax = Math.max(yMax, e.y1[i]);
    }
  }
  const pairs = new Map<number, number>();
  const areaA = new Float64Array(setA.length);
  const nB = setB.length;
  const sweepA = new Sweep(ea);
  const sweepB = new Sweep(eb);
  if (Number.isFinite(yMin)) {
    const y0 = Math.floor(yMin / stepMetres) * stepMetres;
    for (let k = 0; y0 + (k + 0.5) * stepMetres < yMax; k++) {
      const y = y0 + (k + 0.5) * stepMetres;
      const ia = sweepA.intervalsAt(y);
      const ib = sweepB.intervalsAt(y);
      for (let i = 0; i < ia.length; i += 3) areaA[ia[i + 2]] += (ia[i + 1] - ia[i]) * stepMetres;
      overlay(ia, ib, (pa, pb, len) => {
        const key = pa * nB + pb;
        pairs.set(key, (pairs.get(key) ?? 0) + len * stepMetres);
      });
    }
  }
  const keys = [...pairs.keys()].sort((x, y) => x - y);
  return {
    a: Int32Array.from(keys, (key) => Math.floor(key / nB)),
    b: Int32Array.from(keys, (key) => key % nB),
    areaM2: Float64Array.from(keys, (key) => pairs.get(key) as number),
    areaA,
  };
}

function edgesOf(features: Feature<Polygon | MultiPolygon>[], { kx, ky }: LocalFrame): Edges {
  const x0: number[] = [];
  const y0: number[] = [];
  const x1: number[] = [];
  const y1: number[] = [];
  const owner: number[] = [];
  features.forEach((f, i) => {
    const g = f.geometry;
    const rings: Position[][] = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
    for (const ring of rings) {
      for (let k = 0; k + 1 < ring.length; k++) {
        const ax = ring[k][0] * kx;
        const ay = ring[k][1] * ky;
        const bx = ring[k + 1][0] * kx;
        const by = ring[k + 1][1] * ky;
        if (ay === by) continue; // horizontal edges never cross a scanline
        const up = ay < by;
        x0.push(up ? ax : bx);
        y0.push(up ? ay : by);
        x1.push(up ? bx : ax);
        y1.push(up ? by : ay);
        owner.push(i);
      }
    }
  });
  const order = Int32Array.from(y0.keys()).sort((i, j) => y0[i] - y0[j] || i - j);
  return {
    x0: Float64Array.from(x0),
    y0: Float64Array.from(y0),
    x1: Float64Array.from(x1),
    y1: Float64Array.from(y1),
    owner: Int32Array.from(owner),
    order,
  };
}

/** Active-edge sweep upward in y: the stretches inside each polygon on a horizontal line. */
class Sweep {
  private next = 0;
  private active: number[] = [];
  constructor(private readonly e: Edges) {}

  /** Flat [x0, x1, owner, …] of the stretches inside polygons at height y (non-decreasing y). */
  intervalsAt(y: number): number[] {
    const e = this.e;
    while (this.next < e.order.length && e.y0[e.order[this.next]] <= y) this.active.push(e.order[this.next++]);
    // Half-open rule y0 ≤ y < y1: a vertex on the line is crossed once.
    this.active = this.active.filter((i) => e.y1[i] > y);
    const hits: [number, number][] = [];
    for (const i of this.active) {
      if (e.y0[i] > y) continue;
      hits.push([e.owner[i], e.x0[i] + ((y - e.y0[i]) * (e.x1[i] - e.x0[i])) / (e.y1[i] - e.y0[i])]);
    }
    hits.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
    const out: number[] = [];
    for (let i = 0; i + 1 < hits.length; i += 2) {
      // Each polygon has an even number of crossings; pair them in order (even–odd rule).
      if (hits[i][0] !== hits[i + 1][0]) {
        i--; // unmatched crossing (degenerate ring): skip one and resynchronise
        continue;
      }
      if (hits[i + 1][1] > hits[i][1]) out.push(hits[i][1], hits[i + 1][1], hits[i][0]);
    }
    return out;
  }
}

/** Calls f(a, b, length) for every overlap of a stretch of A with a stretch of B on one line. */
function overlay(ia: number[], ib: number[], f: (a: number, b: number, len: number) => void): void {
  if (ia.length === 0 || ib.length === 0) return;
  const byStart = (v: number[]) => {
    const idx: number[] = [];
    for (let i = 0; i < v.length; i += 3) idx.push(i);
    return idx.sort((p, q) => v[p] - v[q]);
  };
  const sa = byStart(ia);
  const sb = byStart(ib);
  let j0 = 0;
  for (const p of sa) {
    const [ax0, ax1] = [ia[p], ia[p + 1]];
    // B stretches are (nearly) disjoint and sorted by start: skip those ending before this one.
    while (j0 < sb.length && ib[sb[j0] + 1] <= ax0) j0++;
    for (let j = j0; j < sb.length && ib[sb[j]] < ax1; j++) {
      const q = sb[j];
      const len = Math.min(ax1, ib[q + 1]) - Math.max(ax0, ib[q]);
      if (len > 0) f(ia[p + 2], ib[q + 2], len);
    }
  }
}
