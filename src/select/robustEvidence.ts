/**
 * What a robustness run says about each ward, aligned with the framework's areas: the rank
 * interval (5th, 50th, 95th percentile over the runs), P(top k), P(top decile), and whether the
 * ward is listed as a robust candidate. Built from `robustness.csv` (and `robust-candidates.csv`
 * when present) by the CLI; wards absent from the file get NaN (and are not candidates).
 */
import { topDecileMaxRank } from '../core/steps/rank.ts';
import type { RobustnessRow } from '../core/types.ts';

export interface RobustEvidence {
  medianRank: Float64Array;
  p05Rank: Float64Array;
  p95Rank: Float64Array;
  pTopK: Float64Array;
  pTopDecile: Float64Array;
  /** 1 = listed in robust-candidates.csv; undefined when that file was not read. */
  candidate?: Uint8Array;
  /** Wards with a nominal rank in the robustness run (R: the top decile is ranks up to topDecileMaxRank(R), ≈ R/10). */
  rankedNominal: number;
}

export function robustEvidence(
  codes: readonly string[],
  rows: ReadonlyMap<string, RobustnessRow>,
  candidates?: ReadonlySet<string>,
): RobustEvidence {
  const col = (f: (r: RobustnessRow) => number) =>
    Float64Array.from(codes, (c) => {
      const r = rows.get(c);
      return r ? f(r) : NaN;
    });
  let rankedNominal = 0;
  for (const r of rows.values()) if (Number.isFinite(r.nominal_rank)) rankedNominal++;
  return {
    medianRank: col((r) => r.median_rank),
    p05Rank: col((r) => r.p05_rank),
    p95Rank: col((r) => r.p95_rank),
    pTopK: col((r) => r.p_top_k),
    pTopDecile: col((r) => r.p_top_decile),
    candidate: candidates ? Uint8Array.from(codes, (c) => (candidates.has(c) ? 1 : 0)) : undefined,
    rankedNominal,
  };
}

/** The largest rank in the top decile of R ranked wards (`topDecileMaxRank`, the robustness candidates' default cut-off). */
export function decileCut(ev: RobustEvidence): number {
  return topDecileMaxRank(ev.rankedNominal);
}

/**
 * A ward's interval is wide when its 95th-percentile rank falls outside the top decile
 * (p95 > decileCut): in more than 5 % of defensible method choices it is not a top-decile ward.
 */
export function wideInterval(ev: RobustEvidence, i: number): boolean {
  return ev.p95Rank[i] > decileCut(ev);
}

/** "ranked 1st, but between 1st and 140th under other defensible methods (median 29th)". */
export function intervalWords(rank: number, ev: RobustEvidence, i: number): string {
  return `ranked ${ordinal(rank)}, but between ${ordinal(ev.p05Rank[i])} and ${ordinal(ev.p95Rank[i])} under other defensible methods (median ${ordinal(ev.medianRank[i])})`;
}

/** 1 → "1st", 22 → "22nd", 113 → "113th", 12.5 → "12.5th". */
export function ordinal(x: number): string {
  if (!Number.isFinite(x)) return '–';
  if (!Number.isInteger(x)) return `${x.toFixed(1)}th`;
  const t = x % 100;
  const suffix = t >= 11 && t <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][x % 10] ?? 'th');
  return `${x}${suffix}`;
}
