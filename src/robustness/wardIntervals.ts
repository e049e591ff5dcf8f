/**
 * Per-ward summaries of the uncertainty runs (the N runs of block A): the median rank and the
 * 5th–95th percentile rank interval (type-7 quantiles, see `percentile.ts`) over the runs in
 * which the ward was ranked, and the share of all N runs in which it was in the top k
 * (rank ≤ k) and in the top decile (decile 1 of that run's ranked wards, core's `decileOf`). A ward never ranked
 * (no data) has no interval (NaN) and probabilities 0.
 */
import type { Areas } from '../core/types.ts';
import type { ChunkResult } from './evaluate.ts';
import { quantileOfCounts, quantileSorted } from './percentile.ts';

export interface WardInterval {
  code: string;
  name: string;
  nominalRank: number;
  medianRank: number;
  p05Rank: number;
  p95Rank: number;
  pTopK: number;
  pTopDecile: number;
  /** Runs (of N) in which the ward was ranked. */
  rankedRuns: number;
}

export function wardIntervals(
  areas: Areas,
  nominalRank: Float64Array,
  merged: ChunkResult,
  runs: number,
): WardInterval[] {
  const n = areas.codes.length;
  const bins = Math.max(1, 2 * n - 1);
  const rankOf = (bin: number) => (bin + 2) / 2;
  const fromHistogram = merged.hist.length > 0;
  const kept = fromHistogram ? 0 : merged.ranks.length / Math.max(1, n);
  const own = new Float64Array(kept);
  return areas.codes.map((code, i) => {
    let rankedRuns = 0;
    let q: (p: number) => number;
    if (fromHistogram) {
      for (let b = 0; b < bins; b++) rankedRuns += merged.hist[i * bins + b];
      q = (p) => quantileOfCounts(merged.hist, i * bins, bins, p, rankOf);
    } else {
      for (let r = 0; r < kept; r++) {
        const v = merged.ranks[r * n + i];
        if (v === v) own[rankedRuns++] = v;
      }
      const sorted = own.slice(0, rankedRuns).sort();
      q = (p) => quantileSorted(sorted, p);
    }
    return {
      code,
      name: areas.names[i],
      nominalRank: nominalRank[i],
      medianRank: tidy(q(0.5)),
      p05Rank: tidy(q(0.05)),
      p95Rank: tidy(q(0.95)),
      pTopK: runs > 0 ? merged.topK[i] / runs : NaN,
      pTopDecile: runs > 0 ? merged.topDecile[i] / runs : NaN,
      rankedRuns,
    };
  });
}

function tidy(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

/** Wards in priority order: median rank, then nominal rank, then code (unranked last). */
export function byMedianRank(rows: readonly WardInterval[]): WardInterval[] {
  const key = (v: number) => (Number.isFinite(v) ? v : Infinity);
  return [...rows].sort(
    (a, b) =>
      key(a.medianRank) - key(b.medianRank) ||
      key(a.nominalRank) - key(b.nominalRank) ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}
