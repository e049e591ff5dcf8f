/**
 * Small planar geometry for placing labels and framing the map (lon/lat treated as planar,
 * fine at city scale): bounding box, and a label point = the area-weighted centroid of a
 * feature's largest outer ring (shoelace formula; Bourke, "Calculating the area and centroid of
 * a polygon", 1988), falling back to the ring's mean vertex when the ring is degenerate.
 */
type Ring = number[][];

function outerRings(g: GeoJSON.Geometry | null): Ring[] {
  if (!g) return [];
  if (g.type === 'Polygon') return [g.coordinates[0]];
  if (g.type === 'MultiPolygon') return g.coordinates.map((p) => p[0]);
  if (g.type === 'GeometryCollection') return g.geometries.flatMap(outerRings);
  return [];
}

function ringCentroid(ring: Ring): { area: number; x: number; y: number } {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const f = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
    a += f;
    cx += (ring[j][0] + ring[i][0]) * f;
    cy += (ring[j][1] + ring[i][1]) * f;
  }
  if (Math.abs(a) < 1e-18) {
    const n = ring.length || 1;
    return { area: 0, x: ring.reduce((s, p) => s + p[0], 0) / n, y: ring.reduce((s, p) => s + p[1], 0) / n };
  }
  return { area: Math.abs(a / 2), x: cx / (3 * a), y: cy / (3 * a) };
}

/** [lng, lat] at which to label a polygon feature, or null for non-polygons. */
export function labelPoint(g: GeoJSON.Geometry | null): [number, number] | null {
  let best: { area: number; x: number; y: number } | null = null;
  for (const r of outerRings(g)) {
    const c = ringCentroid(r);
    if (!best || c.area > best.area) best = c;
  }
  return best ? [best.x, best.y] : null;
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
