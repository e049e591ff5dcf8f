/**
 * A plain verdict on how sure a ward's rank is, from its robustness interval (the 5th–95th
 * percentile of its rank over the robustness runs, `wardrank robustness`):
 *
 *   from = ⌊p05⌋, to = ⌈p95⌉ (whole-number ranks), width = to − from
 *   "stable"    when width ≤ ⌈N / 10⌉ (the interval is no wider than one decile of the N ranked wards)
 *   "uncertain" otherwise.
 *
 * N/10 is the size of the deciles the map colours by: a stable ward's rank moves less than a
 * decile's worth across reasonable method and weight choices.
 */
export interface RankVerdict {
  verdict: 'stable' | 'uncertain';
  from: number;
  to: number;
  width: number;
  /** The widest interval still called stable. */
  threshold: number;
}

export function rankVerdict(p05: number | null, p95: number | null, ranked: number): RankVerdict | null {
  if (p05 === null || p95 === null || !Number.isFinite(p05) || !Number.isFinite(p95) || !(ranked > 0)) return null;
  const from = Math.floor(p05);
  const to = Math.ceil(p95);
  const width = to - from;
  const threshold = Math.ceil(ranked / 10);
  return { verdict: width <= threshold ? 'stable' : 'uncertain', from, to, width, threshold };
}

/** The verdict in words: "stable: ranked between 3 and 6 in 90 % of runs". */
export function verdictText(v: RankVerdict): string {
  return `${v.verdict}: ranked between ${v.from} and ${v.to} in 90 % of the robustness runs`;
}
