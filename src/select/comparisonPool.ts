/**
 * Wards eligible to be comparison wards: ranked (they have a full pre-intervention profile),
 * not in a pilot area, not on the exclude list (already-funded wards receive an intervention
 * of their own), not left out of the pilots by a flag rule (`exclude_flags`, e.g.
 * central_activity: the rule says their per-resident figures are not like other wards', so
 * they are no fairer a comparison than a choice), not adjacent to any pilot ward, and with a
 * centroid at least `bufferKm` from every pilot ward's centroid, so spillover from a pilot is
 * unlikely to reach them. With a buffer but no centroid for a ward, the ward is left out (its
 * distance cannot be checked).
 */
import { adjacent, centroidKm, type Geography } from './geography.ts';
import type { Ranking, Unit } from './pilotUnits.ts';

export interface Pool {
  eligible: Uint8Array;
  /** Ranked wards left out, by reason. */
  leftOut: { pilot: number; excluded: number; flagged: number; adjacent: number; buffer: number; noCentroid: number };
}

export function comparisonPool(
  r: Ranking,
  g: Geography,
  pilots: readonly Unit[],
  excluded: ReadonlySet<number>,
  bufferKm: number,
  flagged: ReadonlySet<number> = new Set(),
): Pool {
  const n = r.areas.codes.length;
  const eligible = new Uint8Array(n);
  const leftOut = { pilot: 0, excluded: 0, flagged: 0, adjacent: 0, buffer: 0, noCentroid: 0 };
  const pilotWards = pilots.flatMap((u) => u.members);
  const inPilot = new Set(pilotWards);
  const useBuffer = bufferKm > 0 && g.lon !== undefined;
  for (let i = 0; i < n; i++) {
    if (!(r.rank[i] === r.rank[i])) continue;
    if (inPilot.has(i)) leftOut.pilot++;
    else if (excluded.has(i)) leftOut.excluded++;
    else if (flagged.has(i)) leftOut.flagged++;
    else if (pilotWards.some((w) => adjacent(g, i, w))) leftOut.adjacent++;
    else if (useBuffer && !(g.lon![i] === g.lon![i])) leftOut.noCentroid++;
    else if (useBuffer && pilotWards.some((w) => centroidKm(g, i, w) < bufferKm)) leftOut.buffer++;
    else eligible[i] = 1;
  }
  return { eligible, leftOut };
}
