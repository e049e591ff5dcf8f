/**
 * Candidate pilot areas. Without clustering a candidate is one eligible ward and its score is
 * the ward's index score. With clustering (`cluster.population_cap`) a candidate is a seed
 * ward plus wards adjacent to the seed, added in descending index order while the area's total
 * population stays within the cap (a ward that would overflow it is skipped, a smaller one may
 * still fit); its score is the population-weighted mean index of its wards,
 *
 *   score = Σ pᵢ·xᵢ / Σ pᵢ,
 *
 * so a cluster ranks by the priority of the people it covers, not by its size. A seed whose
 * own population exceeds the cap is a one-ward area.
 */
import type { Areas } from '../core/types.ts';
import type { Geography } from './geography.ts';

/** What selection reads from a `Result`: areas, index score and rank (1 = highest priority). */
export interface Ranking {
  areas: Areas;
  index: Float64Array;
  rank: Float64Array;
}

export interface Unit {
  /** Area index of the seed ward (the pilot's name). */
  seed: number;
  /** Area indices, seed first. */
  members: number[];
  score: number;
  /** Borough (parent) index of the seed. */
  borough: number;
  population: number;
}

export interface ClusterRule {
  population_cap: number;
  same_borough: boolean;
}

/**
 * One unit per eligible seed, ordered by score (highest first; ties by the seed's rank, then
 * its code), the order branch and bound needs.
 */
export function pilotUnits(r: Ranking, eligible: Uint8Array, g: Geography, cluster?: ClusterRule): Unit[] {
  const { areas } = r;
  const units: Unit[] = [];
  for (let s = 0; s < areas.codes.length; s++) {
    if (!eligible[s]) continue;
    const members = cluster ? growCluster(r, eligible, g, s, cluster) : [s];
    units.push({
      seed: s,
      members,
      score: cluster ? populationWeightedMean(r, members) : r.index[s],
      borough: areas.parent[s],
      population: sumPopulation(areas, members),
    });
  }
  return units.sort(
    (a, b) =>
      b.score - a.score || r.rank[a.seed] - r.rank[b.seed] || (areas.codes[a.seed] < areas.codes[b.seed] ? -1 : 1),
  );
}

/** Seed plus eligible neighbours of the seed, highest index first, within the population cap. */
export function growCluster(r: Ranking, eligible: Uint8Array, g: Geography, seed: number, rule: ClusterRule): number[] {
  const { areas } = r;
  const members = [seed];
  let total = areas.population[seed];
  if (!(total === total)) return members;
  const around = [...(g.neighbours?.[seed] ?? [])]
    .filter((j) => eligible[j] && (!rule.same_borough || areas.parent[j] === areas.parent[seed]))
    .sort((a, b) => r.index[b] - r.index[a] || (areas.codes[a] < areas.codes[b] ? -1 : 1));
  for (const j of around) {
    const p = areas.population[j];
    if (p === p && total + p <= rule.population_cap) {
      members.push(j);
      total += p;
    }
  }
  return members;
}

function populationWeightedMean(r: Ranking, members: readonly number[]): number {
  let sw = 0;
  let s = 0;
  for (const i of members) {
    const p = r.areas.population[i];
    if (p === p && p > 0) {
      sw += p;
      s += p * r.index[i];
    }
  }
  return sw > 0 ? s / sw : r.index[members[0]];
}

function sumPopulation(areas: Areas, members: readonly number[]): number {
  let s = 0;
  for (const i of members) s += areas.population[i];
  return s;
}
