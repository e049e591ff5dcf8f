/** Synthetic rankings and geographies for the selection tests (generated, named synthetic). */
import type { Areas } from '../../src/core/types.ts';
import { neighbourSets, type Geography } from '../../src/select/geography.ts';
import type { Ranking } from '../../src/select/pilotUnits.ts';
import { defaultPilotSettings } from './settingsHelper.ts';

export { defaultPilotSettings };

export function syntheticAreas(boroughOf: readonly number[], population?: readonly number[]): Areas {
  const nb = Math.max(0, ...boroughOf) + 1;
  return {
    codes: boroughOf.map((_, i) => `W${String(i).padStart(2, '0')}`),
    names: boroughOf.map((_, i) => `Ward ${i}`),
    parent: Int32Array.from(boroughOf),
    parentCodes: Array.from({ length: nb }, (_, b) => `B${b}`),
    parentNames: Array.from({ length: nb }, (_, b) => `Borough ${b}`),
    population: Float64Array.from(boroughOf, (_, i) => population?.[i] ?? NaN),
  };
}

/** Rank 1 = highest index; ties broken by position (the tests use distinct scores). NaN score = not ranked. */
export function syntheticRanking(
  scores: readonly number[],
  boroughOf: readonly number[],
  population?: readonly number[],
): Ranking {
  const index = Float64Array.from(scores);
  const order = [...index.keys()].filter((i) => index[i] === index[i]).sort((a, b) => index[b] - index[a] || a - b);
  const rank = new Float64Array(scores.length).fill(NaN);
  order.forEach((i, r) => (rank[i] = r + 1));
  return { areas: syntheticAreas(boroughOf, population), index, rank };
}

export function graph(
  n: number,
  edges: readonly (readonly [number, number])[],
  lon?: number[],
  lat?: number[],
): Geography {
  return {
    neighbours: neighbourSets(n, edges),
    lon: lon ? Float64Array.from(lon) : undefined,
    lat: lat ? Float64Array.from(lat) : undefined,
  };
}
