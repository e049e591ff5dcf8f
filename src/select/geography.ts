/**
 * What selection and matching need to know about where wards are, by area index: queen
 * contiguity (shared boundary or corner), centroids, and an optional inner/outer London class.
 * Every part is optional; a constraint whose data is missing is reported, never silently met.
 */
import { distance } from '@turf/distance';

export interface Geography {
  /** Neighbours of each area (symmetric); undefined when no adjacency file was supplied. */
  neighbours?: Set<number>[];
  /** Centroid longitude and latitude (degrees, WGS84); NaN where unknown. */
  lon?: Float64Array;
  lat?: Float64Array;
  /** e.g. "Inner" / "Outer"; '' where unknown. */
  innerOuter?: string[];
}

/** Symmetric neighbour sets from index pairs; self-pairs are ignored. */
export function neighbourSets(n: number, pairs: Iterable<readonly [number, number]>): Set<number>[] {
  const out = Array.from({ length: n }, () => new Set<number>());
  for (const [a, b] of pairs) {
    if (a === b) continue;
    out[a].add(b);
    out[b].add(a);
  }
  return out;
}

/**
 * Great-circle distance in km between the centroids of areas i and j (turf `distance`,
 * haversine on a sphere of radius 6371.0088 km); NaN when either centroid is unknown.
 */
export function centroidKm(g: Geography, i: number, j: number): number {
  if (!g.lon || !g.lat) return NaN;
  const a = [g.lon[i], g.lat[i]];
  const b = [g.lon[j], g.lat[j]];
  if (!(a[0] === a[0] && a[1] === a[1] && b[0] === b[0] && b[1] === b[1])) return NaN;
  return distance(a, b, { units: 'kilometers' });
}

/** Whether areas i and j share a boundary (false when adjacency is unknown). */
export function adjacent(g: Geography, i: number, j: number): boolean {
  return g.neighbours?.[i]?.has(j) ?? false;
}
