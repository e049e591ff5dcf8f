/**
 * Step "rank": priority ranks, deciles and ranks within the parent (borough).
 *
 * - rank: 1 = highest index score, ties averaged; unranked areas (no index) get NaN.
 * - decile: ⌈10 · rank / N⌉ over the N ranked areas, so decile 1 holds the top 10 %
 *   (IoD convention: decile 1 = most deprived); 0 = not ranked.
 * - parentRank: the same rank computed within each borough.
 */
import type { StepRecord } from '../types.ts';
import { rankDescending } from '../stats/rankDescending.ts';

export interface RankOutput {
  rank: Float64Array;
  decile: Uint8Array;
  parentRank: Float64Array;
  ranked: number;
  record: StepRecord;
}

export function rankAreas(index: Float64Array, parent: Int32Array, parentCount: number): RankOutput {
  const rank = rankDescending(index);
  let ranked = 0;
  for (let i = 0; i < rank.length; i++) if (rank[i] === rank[i]) ranked++;
  const decile = new Uint8Array(rank.length);
  for (let i = 0; i < rank.length; i++) decile[i] = rank[i] === rank[i] ? decileOf(rank[i], ranked) : 0;
  const parentRank = rankWithinGroups(index, parent, parentCount);
  return {
    rank,
    decile,
    parentRank,
    ranked,
    record: { step: 'rank', settings: { order: 'descending index', ties: 'average', deciles: 'ceil(10 * rank / N)' }, notes: [`${ranked} of ${rank.length} areas ranked`] },
  };
}

/** Decile of a priority rank among n: ⌈10 r / n⌉, clamped to 1…10. */
export function decileOf(rank: number, n: number): number {
  return Math.min(10, Math.max(1, Math.ceil((10 * rank) / n - 1e-9)));
}

/** Descending ranks computed separately within each group. */
export function rankWithinGroups(x: Float64Array, group: Int32Array, groupCount: number): Float64Array {
  const out = new Float64Array(x.length).fill(NaN);
  const members: number[][] = Array.from({ length: groupCount }, () => []);
  for (let i = 0; i < x.length; i++) if (group[i] >= 0) members[group[i]].push(i);
  for (const idx of members) {
    const sub = new Float64Array(idx.length);
    for (let k = 0; k < idx.length; k++) sub[k] = x[idx[k]];
    const r = rankDescending(sub);
    for (let k = 0; k < idx.length; k++) out[idx[k]] = r[k];
  }
  return out;
}
