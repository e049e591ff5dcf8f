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
  /** The ranked areas in rank order, ties by area index (`rankAreas` gives it); computed when absent. */
  order: Uint32Array = presentOrder(rank),
): BoroughSummary[] {
  const N = order.length;
  const G = areas.parentCodes.length;
  const { parent, population } = areas;
  // Sums per borough in one pass over the areas in index order (the order of the sums, so the
  // same floating-point results as summing each borough's list).
  const wards = new Int32Array(G);
  const rankedWards = new Int32Array(G);
  const top = new Int32Array(G);
  const wsum = new Float64Array(G);
  const score = new Float64Array(G);
  const rsum = new Float64Array(G);
  const ext = new Float64Array(G);
  for (let i = 0; i < rank.length; i++) {
    const g = parent[i];
    if (g < 0) continue;
    wards[g]++;
    const r = rank[i];
    if (r !== r) continue;
    const w = population[i] > 0 ? population[i] : 1;
    rankedWards[g]++;
    wsum[g] += w;
    score[g] += w * index[i];
    rsum[g] += w * r;
    const q = r / N;
    ext[g] += w * Math.min(1, Math.max(0, (0.3 - q) / 0.2));
    if (decile[i] === 1) top[g]++;
  }
  // Local concentration: each borough's wards in rank order until they hold 10 % of its people.
  const held = new Float64Array(G);
  const acc = new Float64Array(G);
  const full = new Uint8Array(G);
  for (let k = 0; k < N; k++) {
    const i = order[k];
    const g = parent[i];
    if (g < 0 || full[g] || !(wsum[g] > 0)) continue;
    const take = Math.min(population[i] > 0 ? population[i] : 1, 0.1 * wsum[g] - held[g]);
    if (take <= 0) {
      full[g] = 1;
      continue;
    }
    acc[g] += take * rank[i];
    held[g] += take;
  }
  const out: BoroughSummary[] = [];
  const avg = new Float64Array(G);
  for (let g = 0; g < G; g++) {
    const has = wsum[g] > 0;
    avg[g] = has ? score[g] / wsum[g] : NaN;
    out.push({
      code: areas.parentCodes[g],
      name: areas.parentNames[g],
      wards: wards[g],
      rankedWards: rankedWards[g],
      averageScore: avg[g],
      averageRank: has ? rsum[g] / wsum[g] : NaN,
      extent: has ? ext[g] / wsum[g] : NaN,
      localConcentration: has && held[g] > 0 ? acc[g] / held[g] : NaN,
      topDecileShare: rankedWards[g] ? top[g] / rankedWards[g] : NaN,
      rankOfAverageScore: NaN,
    });
  }
  const r = rankDescending(avg);
  for (let g = 0; g < G; g++) out[g].rankOfAverageScore = r[g];
  return out;
}

/**
 * One borough's local concentration: the population-weighted mean rank of its top wards holding
 * 10 % of its population (last one in part) — what `boroughSummaries` computes for every borough
 * in one pass over the rank order. `idx` may come in any order.
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
