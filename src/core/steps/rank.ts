/**
 * Step "rank": priority ranks, deciles and ranks within the parent (borough).
 *
 * - rank: 1 = highest index score, ties averaged; unranked areas (no index) get NaN.
 * - decile: ⌈10 · rank / N⌉ over the N ranked areas, so decile 1 holds the top 10 %
 *   (IoD convention: decile 1 = most deprived); 0 = not ranked.
 * - parentRank: the same rank computed within each borough.
 */
import type { StepRecord } from '../types.ts';
import { presentOrder } from '../stats/rankAverage.ts';

export interface RankOutput {
  rank: Float64Array;
  decile: Uint8Array;
  parentRank: Float64Array;
  ranked: number;
  /** The ranked areas in rank order (ties: lower area index first), for the borough summaries. */
  order: Uint32Array;
  record: StepRecord;
}

export function rankAreas(index: Float64Array, parent: Int32Array, parentCount: number): RankOutput {
  const { rank, groupRank: parentRank, order } = ranksInAndWithinGroups(index, parent, parentCount);
  const ranked = order.length;
  const decile = new Uint8Array(rank.length);
  for (let i = 0; i < rank.length; i++) decile[i] = rank[i] === rank[i] ? decileOf(rank[i], ranked) : 0;
  return {
    rank,
    decile,
    parentRank,
    ranked,
    order,
    record: {
      step: 'rank',
      settings: { order: 'descending index', ties: 'average', deciles: 'ceil(10 * rank / N)' },
      notes: [`${ranked} of ${rank.length} areas ranked`],
    },
  };
}

/**
 * Decile of a priority rank among n: ⌈10 r / n⌉, clamped to 1…10. With fewer than 10 ranked
 * areas (where ⌈10 r / n⌉ would put a lone area in decile 10) the ranks are spread evenly over
 * 1…10: 1 + round(9 (r − 1) / (n − 1)), so the top area is decile 1 and the last decile 10;
 * one area: decile 1.
 */
export function decileOf(rank: number, n: number): number {
  if (n < 10) return n <= 1 ? 1 : Math.min(10, Math.max(1, 1 + Math.round((9 * (rank - 1)) / (n - 1))));
  return Math.min(10, Math.max(1, Math.ceil((10 * rank) / n - 1e-9)));
}

/**
 * The largest rank in decile 1 among n ranked areas: the largest r, a multiple of ½ (averaged
 * ties), with decileOf(r, n) = 1, so "rank ≤ topDecileMaxRank(n)" is "decileOf(rank, n) = 1"
 * (decileOf never decreases as r grows). Taken from decileOf itself so the two cannot disagree:
 * n ≥ 10: ⌊n/10⌋ to the half below (n = 25: 2.5; 680: 68); n < 10: 1 (one area alone at the top).
 */
export function topDecileMaxRank(n: number): number {
  let r = 1;
  while (r + 0.5 <= n && decileOf(r + 0.5, n) === 1) r += 0.5;
  return r;
}

/**
 * Descending ranks computed separately within each group (ties averaged, NaN for missing values
 * or no group). One pass over the global descending order: within a run of tied values, a
 * group's k members get (ranks already given in the group) + (k + 1)/2 — the same as ranking
 * each group on its own, without sorting every group separately.
 */
export function rankWithinGroups(x: Float64Array, group: Int32Array, groupCount: number): Float64Array {
  return ranksInAndWithinGroups(x, group, groupCount).groupRank;
}

/**
 * The descending ranks of x overall (as `rankDescending`) and within each group (as
 * `rankWithinGroups`), with the order they come from, in one sort and one sweep over its runs
 * of tied values: a run over positions p…p+k−1 of the order gets the overall rank p + (k + 1)/2.
 */
function ranksInAndWithinGroups(
  x: Float64Array,
  group: Int32Array,
  groupCount: number,
): { rank: Float64Array; groupRank: Float64Array; order: Uint32Array } {
  const rank = new Float64Array(x.length).fill(NaN);
  const out = new Float64Array(x.length).fill(NaN);
  const neg = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) neg[i] = -x[i];
  const order = presentOrder(neg);
  const before = new Float64Array(groupCount);
  const tied = new Float64Array(groupCount);
  for (let start = 0; start < order.length;) {
    let end = start + 1;
    while (end < order.length && neg[order[end]] === neg[order[start]]) end++;
    const overall = start + (end - start + 1) / 2;
    for (let k = start; k < end; k++) {
      rank[order[k]] = overall;
      if (group[order[k]] >= 0) tied[group[order[k]]]++;
    }
    for (let k = start; k < end; k++) {
      const g = group[order[k]];
      if (g >= 0) out[order[k]] = before[g] + (tied[g] + 1) / 2;
    }
    for (let k = start; k < end; k++) {
      const g = group[order[k]];
      if (g >= 0) {
        before[g] += tied[g];
        tied[g] = 0;
      }
    }
    start = end;
  }
  return { rank, groupRank: out, order };
}
