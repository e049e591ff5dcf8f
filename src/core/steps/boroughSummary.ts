/**
 * Borough (parent) summaries of a ward ranking, after the local-authority summaries of the
 * English Indices of Deprivation 2019 (MHCLG 2019, Technical Report §5 "Summary measures"):
 *
 * - averageScore: population-weighted mean of ward index scores
 * - averageRank:  population-weighted mean of ward ranks
 * - extent:       share of population living in wards in London's top 30 %, weighted 1 up to
 *                 the top 10 % and sliding linearly to 0 at 30 %: w(q) = clamp((0.3 − q)/0.2, 0, 1)
 *                 with q = rank / N
 * - localConcentration: population-weighted mean rank of the borough's highest-priority wards
 *                 that together hold 10 % of its population (the last ward counted in part)
 * - topDecileShare: share of the borough's ranked wards in decile 1
 *
 * Wards with unknown population weigh 1 (so a framework without populations gets plain means).
 */
import type { Areas, BoroughSummary } from '../types.ts';
import { rankDescending } from '../stats/rankDescending.ts';
import { presentOrder } from '../stats/rankAverage.ts';

export function boroughSummaries(
  areas: Areas,
  index: Float64Array,
  rank: Float64Array,
  decile: Uint8Array,
): BoroughSummary[] {
  const N = countRanked(rank);
  const groups: number[][] = areas.parentCodes.map(() => []);
  for (let i = 0; i < areas.codes.length; i++) if (areas.parent[i] >= 0) groups[areas.parent[i]].push(i);
  // each borough's ranked wards in rank order, from one sort of all ranks (sorting per borough was the cost)
  const byRank: number[][] = areas.parentCodes.map(() => []);
  for (const i of presentOrder(rank)) if (areas.parent[i] >= 0) byRank[areas.parent[i]].push(i);
  const out: BoroughSummary[] = groups.map((idx, g) => summarise(areas, idx, byRank[g], g, index, rank, decile, N));
  const avg = Float64Array.from(out, (b) => b.averageScore);
  const r = rankDescending(avg);
  out.forEach((b, i) => (b.rankOfAverageScore = r[i]));
  return out;
}

function countRanked(rank: Float64Array): number {
  let n = 0;
  for (let i = 0; i < rank.length; i++) if (rank[i] === rank[i]) n++;
  return n;
}

function summarise(
  areas: Areas,
  idx: number[],
  rankedInOrder: number[],
  g: number,
  index: Float64Array,
  rank: Float64Array,
  decile: Uint8Array,
  N: number,
): BoroughSummary {
  const ranked = idx.filter((i) => rank[i] === rank[i]);
  const pop = (i: number) => (areas.population[i] > 0 ? areas.population[i] : 1);
  let wsum = 0;
  let score = 0;
  let rsum = 0;
  let ext = 0;
  let top = 0;
  for (const i of ranked) {
    const w = pop(i);
    wsum += w;
    score += w * index[i];
    rsum += w * rank[i];
    const q = rank[i] / N;
    ext += w * Math.min(1, Math.max(0, (0.3 - q) / 0.2));
    if (decile[i] === 1) top++;
  }
  return {
    code: areas.parentCodes[g],
    name: areas.parentNames[g],
    wards: idx.length,
    rankedWards: ranked.length,
    averageScore: wsum > 0 ? score / wsum : NaN,
    averageRank: wsum > 0 ? rsum / wsum : NaN,
    extent: wsum > 0 ? ext / wsum : NaN,
    localConcentration: localConcentration(rankedInOrder, rank, pop, wsum),
    topDecileShare: ranked.length ? top / ranked.length : NaN,
    rankOfAverageScore: NaN,
  };
}

/**
 * Population-weighted mean rank of the top wards holding 10 % of the population (last one in
 * part). `idx` may come in any order; already in rank order, the sort is a single linear pass.
 */
export function localConcentration(
  idx: number[],
  rank: Float64Array,
  pop: (i: number) => number,
  total: number,
): number {
  if (!(total > 0)) return NaN;
  const sorted = [...idx].sort((a, b) => rank[a] - rank[b]);
  const target = 0.1 * total;
  let held = 0;
  let acc = 0;
  for (const i of sorted) {
    const take = Math.min(pop(i), target - held);
    if (take <= 0) break;
    acc += take * rank[i];
    held += take;
  }
  return held > 0 ? acc / held : NaN;
}
