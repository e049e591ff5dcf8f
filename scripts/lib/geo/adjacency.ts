/**
 * Queen contiguity: two areas are neighbours when their boundaries share at least one point —
 * an edge or only a corner (the "queen" case of Cliff & Ord, "Spatial Processes", 1981,
 * §1.5; the PySAL `Queen` weights of Rey & Anselin 2007). Rook contiguity would require a
 * shared edge.
 *
 * Computed on the boundaries directly rather than on shared vertices, so that a corner that
 * lies in the middle of a neighbour's edge (a T-junction) still counts: every boundary segment
 * is put in a uniform grid (GridIndex) in a local metric frame, and two areas are neighbours
 * when a segment of one comes within `toleranceMetres` of a segment of the other. With
 * boundaries that are digitised together (the GLA ward files) a tolerance of a few
 * centimetres only absorbs rounding; generalised files that leave slivers need metres.
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { InputError } from '../../../src/core/errors.ts';
import { codesOf } from './crosswalk.ts';
import { GridIndex } from './gridIndex.ts';
import { localFrame } from './localFrame.ts';
import { segmentDistance } from './segments.ts';

/** Neighbour lists in compressed-row form: the neighbours of area i are neighbours[offsets[i] … offsets[i+1]). */
export interface Adjacency {
  codes: string[];
  offsets: Int32Array;
  /** Area indices, ascending within each area. */
  neighbours: Int32Array;
}

export interface AdjacencyOptions {
  /** Property holding each area's code. */
  key: string;
  /** Largest gap between boundaries still counted as touching, in metres (default 0.05). */
  toleranceMetres?: number;
}

export function queenAdjacency(fc: FeatureCollection, opts: AdjacencyOptions): Adjacency {
  const features = fc.features as Feature<Polygon | MultiPolygon>[];
  features.forEach((f, i) => {
    const t = f.geometry?.type;
    if (t !== 'Polygon' && t !== 'MultiPolygon') {
      throw new InputError(`feature ${i} is a ${t ?? 'null geometry'}`, {
        field: `features[${i}].geometry`,
        expected: 'Polygon or MultiPolygon',
      });
    }
  });
  const codes = codesOf(features, opts.key, 'area');
  const tol = opts.toleranceMetres ?? 0.05;
  const { kx, ky } = localFrame(fc);

  // Segments as flat typed columns (start x/y, end x/y in metres) with their owning area.
  const xy: number[] = [];
  const owner: number[] = [];
  features.forEach((f, i) => {
    for (const ring of ringsOf(f.geometry)) {
      for (let k = 0; k + 1 < ring.length; k++) {
        xy.push(ring[k][0] * kx, ring[k][1] * ky, ring[k + 1][0] * kx, ring[k + 1][1] * ky);
        owner.push(i);
      }
    }
  });
  const seg = Float64Array.from(xy);
  const n = owner.length;
  const boxes = new Float64Array(4 * n);
  let meanLength = 0;
  for (let s = 0; s < n; s++) {
    const [ax, ay, bx, by] = seg.subarray(4 * s, 4 * s + 4);
    boxes[4 * s] = Math.min(ax, bx) - tol / 2;
    boxes[4 * s + 1] = Math.min(ay, by) - tol / 2;
    boxes[4 * s + 2] = Math.max(ax, bx) + tol / 2;
    boxes[4 * s + 3] = Math.max(ay, by) + tol / 2;
    meanLength += Math.hypot(bx - ax, by - ay) / Math.max(n, 1);
  }
  const index = new GridIndex(boxes, Math.max(4 * meanLength, 10 * tol, 1e-9));

  const m = features.length;
  const pairs = new Set<number>();
  for (let s = 0; s < n; s++) {
    const a = owner[s];
    index.query(boxes[4 * s], boxes[4 * s + 1], boxes[4 * s + 2], boxes[4 * s + 3], (t) => {
      const b = owner[t];
      if (b <= a) return; // each unordered pair once, never an area with itself
      const key = a * m + b;
      if (pairs.has(key)) return;
      const d = segmentDistance(
        seg[4 * s],
        seg[4 * s + 1],
        seg[4 * s + 2],
        seg[4 * s + 3],
        seg[4 * t],
        seg[4 * t + 1],
        seg[4 * t + 2],
        seg[4 * t + 3],
      );
      if (d <= tol) pairs.add(key);
    });
  }
  return fromPairs(
    codes,
    [...pairs].map((k) => [Math.floor(k / m), k % m]),
  );
}

/** Symmetric CSR adjacency from unordered index pairs. */
export function fromPairs(codes: string[], pairs: [number, number][]): Adjacency {
  const lists: number[][] = codes.map(() => []);
  for (const [a, b] of pairs) {
    lists[a].push(b);
    lists[b].push(a);
  }
  const offsets = new Int32Array(codes.length + 1);
  lists.forEach((l, i) => {
    l.sort((x, y) => x - y);
    offsets[i + 1] = offsets[i] + l.length;
  });
  return { codes, offsets, neighbours: Int32Array.from(lists.flat()) };
}

/** The neighbours of area i (indices). */
export function neighboursOf(adj: Adjacency, i: number): Int32Array {
  return adj.neighbours.subarray(adj.offsets[i], adj.offsets[i + 1]);
}

/** `[code, neighbour]` rows, both directions, sorted by code then neighbour code. */
export function adjacencyRows(adj: Adjacency): [string, string][] {
  const rows: [string, string][] = [];
  adj.codes.forEach((c, i) => {
    for (const j of neighboursOf(adj, i)) rows.push([c, adj.codes[j]]);
  });
  return rows.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0));
}

function ringsOf(g: Polygon | MultiPolygon): Position[][] {
  return g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
}
