/**
 * A label point guaranteed to lie inside a polygon.
 *
 * The area centroid (centre of mass) is used when it falls inside the polygon, because it is
 * where a reader expects the middle of an area to be. Otherwise (crescent or ring-shaped
 * areas) the point is the midpoint of the widest interior stretch of the horizontal line
 * through the centroid — the "point on surface" construction of JTS/GEOS
 * (InteriorPointArea, Davis 2003). For a MultiPolygon the largest part is used.
 *
 * Computed in plain lon/lat: over a ward-sized area the distortion is irrelevant to
 * "inside", which is the only guarantee asked for. Pure (no dependencies), so the map labels
 * wards with the same routine the data build uses.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';

/** Returns `[x, y]` strictly inside the polygon (or its largest part). */
export function pointInside(geometry: Polygon | MultiPolygon): Position {
  const rings = largestPart(geometry);
  const c = polygonCentroid(rings);
  if (strictlyInside(rings, c)) return c;
  const p = widestInteriorMidpoint(rings, c[1]);
  if (p) return p;
  // The centroid's latitude passes only through vertices (degenerate); use the middle of the extent.
  let y0 = Infinity;
  let y1 = -Infinity;
  for (const [, y] of rings[0]) {
    y0 = Math.min(y0, y);
    y1 = Math.max(y1, y);
  }
  const q = widestInteriorMidpoint(rings, (y0 + y1) / 2);
  if (!q) throw new Error('pointInside: polygon has no interior');
  return q;
}

/** The part of a MultiPolygon with the largest planar area (a Polygon is its own part). */
export function largestPart(geometry: Polygon | MultiPolygon): Position[][] {
  if (geometry.type === 'Polygon') return geometry.coordinates;
  let best = geometry.coordinates[0];
  let bestArea = -1;
  for (const part of geometry.coordinates) {
    const a = polygonArea(part);
    if (a > bestArea) {
      best = part;
      bestArea = a;
    }
  }
  return best;
}

/** Shoelace signed area of a ring: A = ½ Σ (x_i y_{i+1} − x_{i+1} y_i); positive when anticlockwise. */
export function ringSignedArea(ring: Position[]): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s / 2;
}

/** Planar area of a polygon: |exterior| − Σ |holes|. */
export function polygonArea(rings: Position[][]): number {
  let a = Math.abs(ringSignedArea(rings[0]));
  for (let i = 1; i < rings.length; i++) a -= Math.abs(ringSignedArea(rings[i]));
  return a;
}

/**
 * Area centroid of a polygon with holes: C = (Σ_k s_k A_k C_k) / (Σ_k s_k A_k), s = +1 for the
 * exterior and −1 for holes, with each ring's centroid
 * C_x = Σ (x_i + x_{i+1})(x_i y_{i+1} − x_{i+1} y_i) / (6A) (Bourke, "Calculating the area and
 * centroid of a polygon", 1988). Coordinates are taken relative to the first vertex to keep
 * the products small.
 */
export function polygonCentroid(rings: Position[][]): Position {
  const [ox, oy] = rings[0][0];
  let sa = 0;
  let sx = 0;
  let sy = 0;
  rings.forEach((ring, k) => {
    let a = 0;
    let cx = 0;
    let cy = 0;
    for (let i = 0; i + 1 < ring.length; i++) {
      const x0 = ring[i][0] - ox;
      const y0 = ring[i][1] - oy;
      const x1 = ring[i + 1][0] - ox;
      const y1 = ring[i + 1][1] - oy;
      const cross = x0 * y1 - x1 * y0;
      a += cross;
      cx += (x0 + x1) * cross;
      cy += (y0 + y1) * cross;
    }
    // cx/(3a) is the ring centroid for the doubled area a; weight it by |a| with the ring's sign.
    if (a === 0) return;
    const sign = k === 0 ? 1 : -1;
    const w = sign * Math.abs(a);
    sa += w;
    sx += (w * cx) / (3 * a);
    sy += (w * cy) / (3 * a);
  });
  if (sa === 0) return [ox, oy];
  return [ox + sx / sa, oy + sy / sa];
}

/**
 * Midpoint of the widest interval of the line y = y0 that lies inside the polygon (even–odd
 * rule over all rings, so holes are excluded). Crossings use the half-open rule
 * (y_i ≤ y0 < y_j) so a vertex exactly on the line is counted once.
 */
function widestInteriorMidpoint(rings: Position[][], y0: number): Position | undefined {
  const xs: number[] = [];
  for (const ring of rings) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const [xa, ya] = ring[i];
      const [xb, yb] = ring[i + 1];
      if ((ya <= y0 && y0 < yb) || (yb <= y0 && y0 < ya)) xs.push(xa + ((y0 - ya) * (xb - xa)) / (yb - ya));
    }
  }
  xs.sort((a, b) => a - b);
  let best: Position | undefined;
  let width = 0;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    if (xs[i + 1] - xs[i] > width) {
      width = xs[i + 1] - xs[i];
      best = [(xs[i] + xs[i + 1]) / 2, y0];
    }
  }
  return best;
}

/**
 * True when p lies strictly inside the polygon (exterior ring minus holes): not on any edge, and
 * an odd number of edge crossings of the ray from p towards +x (even–odd rule; half-open
 * y_i ≤ y < y_j so a vertex on the ray counts once).
 */
export function strictlyInside(rings: Position[][], p: Position): boolean {
  const [x, y] = p;
  let inside = false;
  for (const ring of rings) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const [xa, ya] = ring[i];
      const [xb, yb] = ring[i + 1];
      const cross = (xb - xa) * (y - ya) - (yb - ya) * (x - xa);
      if (
        cross === 0 &&
        Math.min(xa, xb) <= x &&
        x <= Math.max(xa, xb) &&
        Math.min(ya, yb) <= y &&
        y <= Math.max(ya, yb)
      )
        return false;
      if ((ya <= y && y < yb) || (yb <= y && y < ya)) {
        if (xa + ((y - ya) * (xb - xa)) / (yb - ya) > x) inside = !inside;
      }
    }
  }
  return inside;
}
