/**
 * The first point where a closed linear ring meets itself, or undefined for a simple ring.
 *
 * Two segments of the ring that are not neighbours (segment i and i ± 1, and the first and the
 * last, share a vertex by construction) may not cross, touch or overlap; a ring that passes
 * through the same vertex twice (a figure of eight pinched at a point) counts as meeting itself,
 * as in the OGC Simple Features rule for a valid polygon ring. A spike (the ring turning back
 * along the segment it came from) is found the same way: where it turns back again, the next
 * segment starts on the segment before the spike, which is not its neighbour. Repeated
 * consecutive positions are dropped first (a zero-length segment is not a crossing).
 *
 * A sweep from west to east: the segments sorted by their western x, each compared only with the
 * segments still spanning that x whose y-ranges overlap it, so a real boundary costs about
 * n log n rather than the n² pair test of turf's `kinks` (London's 2018 wards, 56,356 positions:
 * 70 ms with `kinks`, 10 ms here; docs/reliability.md). Orientation tests in double precision: crossings are found exactly
 * unless the four points are within rounding of collinear. The point returned is the first met
 * by the sweep: for two segments crossing, the crossing point; for touching or overlapping
 * segments, the shared end point. Reference: Shamos & Hoey (1976), "Geometric intersection
 * problems"; de Berg et al., Computational Geometry, ch. 2.
 */
import { segmentsMeet } from './segmentPredicates.ts';
export function ringSelfIntersection(ring: readonly (readonly number[])[]): [number, number] | undefined {
  const xs = new Float64Array(ring.length);
  const ys = new Float64Array(ring.length);
  let m = 0;
  for (const p of ring) {
    if (m > 0 && xs[m - 1] === p[0] && ys[m - 1] === p[1]) continue;
    xs[m] = p[0];
    ys[m++] = p[1];
  }
  // closed: the last position repeats the first, so m segments join m distinct vertices
  if (m > 1 && xs[0] === xs[m - 1] && ys[0] === ys[m - 1]) m--;
  if (m < 3) return undefined;
  const next = (i: number) => (i + 1 === m ? 0 : i + 1);
  const west = new Float64Array(m);
  const east = new Float64Array(m);
  const south = new Float64Array(m);
  const north = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const j = next(i);
    west[i] = Math.min(xs[i], xs[j]);
    east[i] = Math.max(xs[i], xs[j]);
    south[i] = Math.min(ys[i], ys[j]);
    north[i] = Math.max(ys[i], ys[j]);
  }
  const order = new Uint32Array(m);
  for (let i = 0; i < m; i++) order[i] = i;
  order.sort((a, b) => west[a] - west[b] || a - b);
  const active = new Int32Array(m);
  let live = 0;
  for (const s of order) {
    let kept = 0;
    for (let k = 0; k < live; k++) if (east[active[k]] >= west[s]) active[kept++] = active[k];
    live = kept;
    for (let k = 0; k < live; k++) {
      const t = active[k];
      if (north[t] < south[s] || south[t] > north[s]) continue;
      const gap = s > t ? s - t : t - s;
      if (gap === 1 || gap === m - 1) continue; // neighbours share a vertex by construction
      const hit = segmentsMeet(xs[s], ys[s], xs[next(s)], ys[next(s)], xs[t], ys[t], xs[next(t)], ys[next(t)]);
      if (hit) return hit;
    }
    active[live++] = s;
  }
  return undefined;
}
