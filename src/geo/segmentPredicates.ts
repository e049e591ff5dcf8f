/**
 * The segment tests (computational geometry's orientation test; de Berg et al., Computational
 * Geometry, ch. 1), shared by the runtime's ring check and the data build's simplification and
 * adjacency.
 */

/** Twice the signed area of triangle abc: > 0 when a→b→c turns left (c lies left of a→b). */
export function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/** For p collinear with ab: is p within the segment's box (so on the segment)? */
export function onSegment(ax: number, ay: number, bx: number, by: number, px: number, py: number): boolean {
  return Math.min(ax, bx) <= px && px <= Math.max(ax, bx) && Math.min(ay, by) <= py && py <= Math.max(ay, by);
}

/** Where segments ab and cd meet (their crossing point, or a shared end point), if they do. */
export function segmentsMeet(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
  dx: number,
  dy: number,
): [number, number] | undefined {
  const d1 = orient(cx, cy, dx, dy, ax, ay);
  const d2 = orient(cx, cy, dx, dy, bx, by);
  const d3 = orient(ax, ay, bx, by, cx, cy);
  const d4 = orient(ax, ay, bx, by, dx, dy);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
    const t = d1 / (d1 - d2);
    return [ax + t * (bx - ax), ay + t * (by - ay)];
  }
  if (d1 === 0 && onSegment(cx, cy, dx, dy, ax, ay)) return [ax, ay];
  if (d2 === 0 && onSegment(cx, cy, dx, dy, bx, by)) return [bx, by];
  if (d3 === 0 && onSegment(ax, ay, bx, by, cx, cy)) return [cx, cy];
  if (d4 === 0 && onSegment(ax, ay, bx, by, dx, dy)) return [dx, dy];
  return undefined;
}
