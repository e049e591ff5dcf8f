/**
 * Plane geometry of line segments: distance and intersection, with exact orientation tests
 * on the input doubles where the answer must not depend on rounding (shared endpoints).
 */
import { orient, segmentsMeet } from '../../../src/geo/segmentPredicates.ts';

/** Distance from point p to segment ab (projection clamped to the segment). */
export function pointSegmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** True when closed segments ab and cd have at least one point in common. */
export function segmentsIntersect(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
  dx: number,
  dy: number,
): boolean {
  return segmentsMeet(ax, ay, bx, by, cx, cy, dx, dy) !== undefined;
}

/** Shortest distance between closed segments ab and cd (0 when they intersect). */
export function segmentDistance(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
  dx: number,
  dy: number,
): number {
  if (segmentsIntersect(ax, ay, bx, by, cx, cy, dx, dy)) return 0;
  return Math.min(
    pointSegmentDistance(ax, ay, cx, cy, dx, dy),
    pointSegmentDistance(bx, by, cx, cy, dx, dy),
    pointSegmentDistance(cx, cy, ax, ay, bx, by),
    pointSegmentDistance(dx, dy, ax, ay, bx, by),
  );
}

/**
 * True when segments ab and cd meet anywhere except at one shared endpoint: a crossing, a
 * T-touch, or a collinear overlap. Segments that only share an endpoint (consecutive edges of
 * a ring, or arcs meeting at a junction) do not conflict.
 */
export function segmentsConflict(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
  dx: number,
  dy: number,
): boolean {
  if (!segmentsIntersect(ax, ay, bx, by, cx, cy, dx, dy)) return false;
  const shared =
    (ax === cx && ay === cy ? 1 : 0) +
    (ax === dx && ay === dy ? 1 : 0) +
    (bx === cx && by === cy ? 1 : 0) +
    (bx === dx && by === dy ? 1 : 0);
  if (shared === 0) return true;
  if (shared >= 2) return true; // the same segment twice (or a degenerate one)
  // One shared endpoint: a conflict only if the segments are collinear and overlap beyond it.
  if (orient(ax, ay, bx, by, cx, cy) !== 0 || orient(ax, ay, bx, by, dx, dy) !== 0) return false;
  const [px, py, qx, qy] =
    ax === cx && ay === cy
      ? [bx, by, dx, dy]
      : ax === dx && ay === dy
        ? [bx, by, cx, cy]
        : bx === cx && by === cy
          ? [ax, ay, dx, dy]
          : [ax, ay, cx, cy];
  const [sx, sy] = ax === cx && ay === cy ? [ax, ay] : ax === dx && ay === dy ? [ax, ay] : [bx, by];
  // Overlap when the two free ends lie on the same side of the shared point.
  return (px - sx) * (qx - sx) + (py - sy) * (qy - sy) > 0;
}
