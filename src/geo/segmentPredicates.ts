/**
 * The two predicates segment tests are built from (computational geometry's orientation test;
 * de Berg et al., Computational Geometry, ch. 1), shared by the runtime's ring check and the data
 * build's simplification and adjacency.
 */

/** Twice the signed area of triangle abc: > 0 when a→b→c turns left (c lies left of a→b). */
export function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/** For p collinear with ab: is p within the segment's box (so on the segment)? */
export function onSegment(ax: number, ay: number, bx: number, by: number, px: number, py: number): boolean {
  return Math.min(ax, bx) <= px && px <= Math.max(ax, bx) && Math.min(ay, by) <= py && py <= Math.max(ay, by);
}
