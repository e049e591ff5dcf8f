/**
 * The "peer pipeline": the configuration of the engine that the naive JavaScript peer
 * (`naive.ts`) and the DuckDB peer (`duckdb.ts`) also compute, so the three can be timed like
 * with like: no imputation, no outlier treatment, z-scores over every area with a value
 * (`statistics.over: all`: the peers do not build the ranked-areas reference set), arithmetic
 * aggregation and combination (combine min_coverage 1). `checkAgreement` proves they agree on
 * the ranks before anything is timed.
 */
import { defaultMethods, withMethods, type Framework, type Methods } from '../src/core/framework.ts';
import type { Inputs } from '../src/core/types.ts';
import { prepare, score } from '../src/core/run.ts';

export const PEER_METHODS: Methods = withMethods(defaultMethods(), {
  impute: { method: 'none' },
  treat: { method: 'none' },
  normalise: { method: 'zscore' },
  aggregate: { indicators: 'arithmetic', measures: 'arithmetic' },
  combine: { method: 'arithmetic', min_coverage: 1 },
  statistics: { over: 'all' },
});

/** The engine under the peer configuration: prepare + score. */
export function enginePeer(framework: Framework, inputs: Inputs): { index: Float64Array; rank: Float64Array } {
  const r = score(prepare(framework, inputs), { methods: PEER_METHODS });
  return { index: r.index, rank: r.rank };
}

export interface Ranking {
  index: ArrayLike<number | null>;
  rank: ArrayLike<number | null>;
}

const num = (v: number | null) => (v === null ? NaN : v);

/**
 * Differences between a peer's ranking and the engine's, as messages (empty = they agree).
 * Index scores must match to 1e-9 (relative to the score spread) and ranks exactly, except
 * within ties: an area may differ in rank by at most half the number of areas whose engine
 * score is within that tolerance of its own (floating-point summation order may split a tie).
 */
export function rankDifferences(name: string, engine: Ranking, peer: Ranking, limit = 5): string[] {
  const n = engine.rank.length;
  const out: string[] = [];
  if (peer.rank.length !== n) return [`${name}: ${peer.rank.length} areas, engine has ${n}`];
  const scores = Array.from(engine.index, num)
    .filter((v) => !Number.isNaN(v))
    .sort((a, b) => a - b);
  const tol = 1e-9 * Math.max(1, (scores.at(-1) ?? 0) - (scores[0] ?? 0));
  const within = (v: number) => upperBound(scores, v + tol) - upperBound(scores, v - tol - 1e-300) - 1;
  for (let i = 0; i < n && out.length < limit; i++) {
    const [ei, pi, er, pr] = [num(engine.index[i]), num(peer.index[i]), num(engine.rank[i]), num(peer.rank[i])];
    if (Number.isNaN(ei) !== Number.isNaN(pi) || Math.abs(ei - pi) > tol)
      out.push(`${name}: area ${i} index ${pi}, engine ${ei}`);
    else if (Number.isNaN(er) !== Number.isNaN(pr) || Math.abs(er - pr) > within(ei) / 2 + 1e-9)
      out.push(`${name}: area ${i} rank ${pr}, engine ${er}`);
  }
  return out;
}

/** Number of sorted values ≤ v. */
function upperBound(sorted: readonly number[], v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
