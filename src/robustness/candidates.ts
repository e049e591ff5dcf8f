/**
 * Robust candidates: wards whose high priority does not hinge on one modelling choice. A ward
 * is a candidate when, over the uncertainty runs,
 *
 *   (a) P(top k) ≥ `min_p_top_k` (default ½: in the pilot's top k in at least half the runs), or
 *   (b) its 95th-percentile rank ≤ `max_p95_rank` (default `decile`: `topDecileMaxRank(R)`, the
 *       largest rank in the top decile as `decileOf` defines it, with R the wards ranked
 *       nominally — ⌊R/10⌋ to the half below, e.g. 67.5 for R = 679 — so in the top decile in at
 *       least 95 % of runs: a narrow interval near the top).
 *
 * Each row says which rule(s) it met; rows are in median-rank order.
 */
import { topDecileMaxRank } from '../core/steps/rank.ts';
import type { RobustnessSettings } from './settings.ts';
import { byMedianRank, type WardInterval } from './wardIntervals.ts';

export interface Candidate extends WardInterval {
  reason: string;
}

export function p95Cutoff(settings: RobustnessSettings['candidates'], rankedNominal: number): number {
  return settings.max_p95_rank === 'decile' ? topDecileMaxRank(rankedNominal) : settings.max_p95_rank;
}

export function robustCandidates(
  rows: readonly WardInterval[],
  settings: RobustnessSettings['candidates'],
  topK: number,
  rankedNominal: number,
): Candidate[] {
  const cut = p95Cutoff(settings, rankedNominal);
  const out: Candidate[] = [];
  for (const r of byMedianRank(rows)) {
    const reasons: string[] = [];
    if (r.pTopK >= settings.min_p_top_k && r.pTopK > 0)
      reasons.push(`P(top ${topK}) ${r.pTopK.toFixed(3)} >= ${settings.min_p_top_k}`);
    if (r.p95Rank <= cut) reasons.push(`95th percentile rank ${r.p95Rank} <= ${cut}`);
    if (reasons.length) out.push({ ...r, reason: reasons.join('; ') });
  }
  return out;
}
