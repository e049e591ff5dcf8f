/**
 * Small planar geometry for placing labels and framing the map (lon/lat treated as planar,
 * fine at city scale): bounding box, and a label point inside each polygon — the same routine
 * the data build uses for the wards' label points (src/core/pointInside.ts: the area centroid
 * if it is inside, else the midpoint of the widest interior stretch of its latitude line).
 */
import { pointInside } from '../../src/core/pointInside.ts';

/** [lng, lat] at which to label a polygon feature (inside it), or null for non-polygons. */
export function labelPoint(g: GeoJSON.Geometry | null): [number, number] | null {
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) return null;
  const [x, y] = pointInside(g);
  return [x, y];
}

/** [west, south, east, north] of every coordinate in a collection. */
export function bbox(fc: GeoJSON.FeatureCollection): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      b[0] = Math.min(b[0], c[0] as number);
      b[1] = Math.min(b[1], c[1] as number);
      b[2] = Math.max(b[2], c[0] as number);
      b[3] = Math.max(b[3], c[1] as number);
    } else if (Array.isArray(c)) c.forEach(visit);
  };
  for (const f of fc.features) {
    const g = f.geometry;
    if (g && g.type !== 'GeometryCollection') visit(g.coordinates);
  }
  return b;
}
