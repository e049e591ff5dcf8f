/**
 * Why two candidate pilot areas cannot both be chosen: they share a ward, they touch (queen
 * contiguity between any of their wards, when `non_adjacent`), or some pair of their wards'
 * centroids is closer than `min_distance_km`. Wards without a centroid never trigger the
 * distance rule (the plan warns about them).
 */
import { adjacent, centroidKm, type Geography } from './geography.ts';
import type { Unit } from './pilotUnits.ts';

export type Conflict = { kind: 'overlap' } | { kind: 'adjacent' } | { kind: 'distance'; km: number };

export interface SpacingRule {
  non_adjacent: boolean;
  min_distance_km: number;
}

export function unitConflict(a: Unit, b: Unit, g: Geography, rule: SpacingRule): Conflict | undefined {
  for (const i of a.members) if (b.members.includes(i)) return { kind: 'overlap' };
  if (rule.non_adjacent && g.neighbours) {
    for (const i of a.members) for (const j of b.members) if (adjacent(g, i, j)) return { kind: 'adjacent' };
  }
  if (rule.min_distance_km > 0) {
    let min = Infinity;
    for (const i of a.members)
      for (const j of b.members) {
        const d = centroidKm(g, i, j);
        if (d < min) min = d;
      }
    if (min < rule.min_distance_km) return { kind: 'distance', km: min };
  }
  return undefined;
}
