/**
 * Comparison wards for evaluating the pilots: for each pilot, c wards from the comparison pool
 * (`comparisonPool`) whose pre-intervention measure profile is closest.
 *
 * Profile: each measure score standardised over all ranked wards, z = (x − x̄)/s; measures
 * with no spread (s = 0, e.g. a measure fed only by one borough-level stand-in that happens to
 * be constant) are left out and listed. A cluster pilot's profile is the population-weighted
 * mean of its wards' profiles (`areaValue`).
 *
 * Distance: Mahalanobis (`Mahalanobis`), with the pooled covariance of the profiles over the
 * pilots and the comparison pool (pairwise-complete, `pairwiseCovariance`), pseudo-inverted; or,
 * with `metric: euclidean`, the standardised Euclidean distance (identity covariance, same rule
 * for missing measures). Pilots chosen for extreme scores sit far out along the main axis of
 * the covariance, where Mahalanobis distance is cheapest, so it can pair them with wards of a
 * much lower overall level; the balance table shows which metric balances better.
 *
 * Optional propensity caliper (Rosenbaum & Rubin 1985; Austin 2011 for the 0.2 SD width): a
 * ridge logistic regression of "is a pilot" on the profiles (missing z → 0, the mean), over the
 * pilots and the pool; a candidate is admissible for a pilot only when their logits differ by at
 * most caliper × SD(logit). Optional same inner/outer London class.
 *
 * Assignment: round robin over the pilots in the order given (the plan lists them by rank), each taking in turn its nearest
 * admissible candidate (ties: better rank, then code), for c rounds. Without replacement (the
 * default) a ward taken by one pilot is unavailable to the others, so the comparison groups
 * are disjoint; with replacement only a pilot's own repeats are barred.
 */
import { moments } from '../core/stats/moments.ts';
import { areaValue } from './areaValue.ts';
import { comparisonPool, type Pool } from './comparisonPool.ts';
import { centroidKm, type Geography } from './geography.ts';
import { logisticRegression, logit, type LogisticFit } from './logisticRegression.ts';
import { Mahalanobis } from './mahalanobis.ts';
import { pairwiseCovariance } from './pairwiseCovariance.ts';
import type { Ranking, Unit } from './pilotUnits.ts';
import { pseudoInverse } from './pseudoInverse.ts';
import type { MatchingSettings } from './settings.ts';

/** What matching reads from a `Result`. */
export interface Profiled extends Ranking {
  measureIds: string[];
  measures: Record<string, Float64Array>;
}

export interface Match {
  /** Index into the pilots. */
  pilot: number;
  area: number;
  /** Mahalanobis distance between the profiles. */
  distance: number;
  /** Nearest centroid distance to the pilot's wards (km; NaN without centroids). */
  km: number;
  /** |logit difference| (NaN without the propensity caliper). */
  logitGap: number;
  round: number;
}

export interface Matching {
  /** Measures in the distance, and those left out for having no spread. */
  measureIds: string[];
  dropped: string[];
  covarianceRank: number;
  pool: Pool;
  matches: Match[];
  propensity?: { fit: LogisticFit; sdLogit: number; caliperLogit: number };
  warnings: string[];
}

export function matchComparisons(
  r: Profiled,
  g: Geography,
  pilots: readonly Unit[],
  excluded: ReadonlySet<number>,
  s: MatchingSettings & { comparisons: number; buffer_km: number },
  flagged: ReadonlySet<number> = new Set(),
): Matching {
  const n = r.areas.codes.length;
  const warnings: string[] = [];
  const pool = comparisonPool(r, g, pilots, excluded, s.buffer_km, flagged);
  if (s.buffer_km > 0 && !g.lon) warnings.push('no centroids: the spillover buffer was not applied');
  const { measureIds, dropped, z } = standardisedProfiles(r);
  const p = measureIds.length;
  // Extended rows: wards 0…n−1, then one row per pilot area (its profile).
  const columns = z.map((col) => {
    const ext = new Float64Array(n + pilots.length);
    ext.set(col);
    pilots.forEach((u, k) => (ext[n + k] = areaValue(col, u.members, r.areas.population)));
    return ext;
  });
  const profile = (row: number) => Float64Array.from(columns, (c) => c[row]);
  const poolRows = [...indices(pool.eligible), ...pilots.map((_, k) => n + k)];
  const covariance = pairwiseCovariance(columns, poolRows);
  const identity = new Float64Array(p * p);
  for (let j = 0; j < p; j++) identity[j * p + j] = 1;
  const metric = new Mahalanobis(s.metric === 'euclidean' ? identity : covariance, p);
  const covarianceRank = pseudoInverse(covariance, p).rank;

  let propensity: Matching['propensity'];
  const logits = new Float64Array(n + pilots.length).fill(NaN);
  if (s.propensity) {
    const rows = poolRows.map((row) => profile(row).map((v) => (v === v ? v : 0)));
    const y = poolRows.map((row) => (row >= n ? 1 : 0));
    const fit = logisticRegression(rows, y, s.ridge);
    if (!fit.converged) warnings.push(`propensity model did not converge in ${fit.iterations} iterations`);
    poolRows.forEach((row, k) => (logits[row] = logit(fit, rows[k])));
    const sdLogit = moments(poolRows.map((row) => logits[row])).sd;
    propensity = { fit, sdLogit, caliperLogit: s.caliper * sdLogit };
  }
  const classOf = s.same_inner_outer ? g.innerOuter : undefined;
  if (s.same_inner_outer && !g.innerOuter)
    warnings.push('no inner_outer column in the areas file: matching was not restricted to the same inner/outer class');

  const candidates = [...indices(pool.eligible)];
  const used = new Set<number>();
  const own = pilots.map(() => new Set<number>());
  const matches: Match[] = [];
  const pilotProfiles = pilots.map((_, k) => profile(n + k));
  const wardProfiles = new Map(candidates.map((i) => [i, profile(i)]));
  for (let round = 0; round < s.comparisons; round++) {
    pilots.forEach((u, k) => {
      let best = -1;
      let bestD = Infinity;
      for (const i of candidates) {
        if (own[k].has(i) || (!s.replacement && used.has(i))) continue;
        if (classOf && classOf[i] !== classOf[u.seed]) continue;
        if (propensity && !(Math.abs(logits[i] - logits[n + k]) <= propensity.caliperLogit)) continue;
        const d = metric.distance(pilotProfiles[k], wardProfiles.get(i)!);
        if (!(d === d)) continue;
        if (
          d < bestD ||
          (d === bestD &&
            (r.rank[i] < r.rank[best] || (r.rank[i] === r.rank[best] && r.areas.codes[i] < r.areas.codes[best])))
        ) {
          best = i;
          bestD = d;
        }
      }
      if (best < 0) return;
      used.add(best);
      own[k].add(best);
      const km = Math.min(...u.members.map((w) => centroidKm(g, w, best)));
      matches.push({
        pilot: k,
        area: best,
        distance: bestD,
        km,
        logitGap: propensity ? Math.abs(logits[best] - logits[n + k]) : NaN,
        round: round + 1,
      });
    });
  }
  pilots.forEach((u, k) => {
    const got = matches.filter((m) => m.pilot === k).length;
    if (got < s.comparisons)
      warnings.push(
        `${r.areas.names[u.seed]} (${r.areas.codes[u.seed]}): only ${got} of ${s.comparisons} comparison wards meet the conditions`,
      );
  });
  matches.sort((a, b) => a.pilot - b.pilot || a.round - b.round);
  return { measureIds, dropped, covarianceRank, pool, matches, propensity, warnings };
}

/** Measure scores standardised over the ranked wards; measures without spread are dropped. */
export function standardisedProfiles(r: Profiled): { measureIds: string[]; dropped: string[]; z: Float64Array[] } {
  const ranked = [...r.rank.keys()].filter((i) => r.rank[i] === r.rank[i]);
  const measureIds: string[] = [];
  const dropped: string[] = [];
  const z: Float64Array[] = [];
  for (const id of r.measureIds) {
    const col = r.measures[id];
    const m = moments(ranked.map((i) => col[i]));
    if (!(m.sd > 0)) {
      dropped.push(id);
      continue;
    }
    measureIds.push(id);
    z.push(col.map((x) => (x - m.mean) / m.sd));
  }
  return { measureIds, dropped, z };
}

function* indices(mask: Uint8Array): Generator<number> {
  for (let i = 0; i < mask.length; i++) if (mask[i]) yield i;
}
