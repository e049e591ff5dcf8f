/**
 * Which wards may be chosen as pilots, and why each other ward may not. Rules, in this order,
 * each adding a reason:
 *
 * - not ranked (no index score);
 * - on the exclude list (already funded);
 * - flagged 1 in an `exclude_flags` column of the areas file (e.g. `central_activity`);
 * - with robustness evidence: not in robustness.csv; not a robust candidate (when
 *   `eligibility.robust_candidates` and robust-candidates.csv was read); P(top decile) below
 *   `min_p_top_decile`; 95th-percentile rank above `max_p95_rank`.
 *
 * A ward is eligible when it has no reason. `rules` states each rule applied in words for the note.
 */
import type { PilotSettings } from './settings.ts';
import type { Ranking } from './pilotUnits.ts';
import type { RobustEvidence } from './robustEvidence.ts';

export interface Eligibility {
  eligible: Uint8Array;
  /** Reasons a ward is not eligible (ranked wards only). */
  reasons: Map<number, string[]>;
  /** The rules applied, in words. */
  rules: string[];
}

export function eligibility(
  r: Ranking,
  s: Pick<PilotSettings, 'exclude' | 'exclude_flags' | 'eligibility'>,
  excluded: ReadonlySet<number>,
  flags: ReadonlyMap<string, Uint8Array>,
  ev?: RobustEvidence,
): Eligibility {
  const n = r.areas.codes.length;
  const eligible = new Uint8Array(n);
  const reasons = new Map<number, string[]>();
  const rules: string[] = [];
  if (s.exclude.length) rules.push(`${s.exclude.length} ward(s) on the exclude list (already funded) are not chosen`);
  for (const f of s.exclude_flags) rules.push(`wards flagged ${f} = 1 in the areas file are not chosen`);
  const e = s.eligibility;
  const useCandidates = ev?.candidate !== undefined && e.robust_candidates;
  if (ev) {
    rules.push('wards absent from the robustness run are not chosen');
    if (useCandidates) rules.push('only robust candidates (robust-candidates.csv of the robustness run) are chosen');
    if (e.min_p_top_decile !== undefined)
      rules.push(
        `only wards in the top decile in at least ${pct(e.min_p_top_decile)} of robustness runs (P(top decile) ≥ ${e.min_p_top_decile})`,
      );
    if (e.max_p95_rank !== undefined)
      rules.push(`only wards whose 95th-percentile rank over the robustness runs is ${e.max_p95_rank} or better`);
  }
  for (let i = 0; i < n; i++) {
    if (!(r.rank[i] === r.rank[i] && r.index[i] === r.index[i])) continue;
    const why: string[] = [];
    if (excluded.has(i)) why.push('excluded: on the exclude list (already funded)');
    for (const [f, col] of flags) if (col[i] === 1) why.push(`excluded by rule: flagged ${f}`);
    if (ev) {
      if (!Number.isFinite(ev.medianRank[i])) why.push('not ranked in the robustness run');
      else {
        if (useCandidates && !ev.candidate![i]) why.push('not a robust candidate');
        if (e.min_p_top_decile !== undefined && !(ev.pTopDecile[i] >= e.min_p_top_decile))
          why.push(`P(top decile) ${ev.pTopDecile[i].toFixed(2)} < ${e.min_p_top_decile}`);
        if (e.max_p95_rank !== undefined && !(ev.p95Rank[i] <= e.max_p95_rank))
          why.push(`95th-percentile rank ${ev.p95Rank[i]} > ${e.max_p95_rank}`);
      }
    }
    if (why.length) reasons.set(i, why);
    else eligible[i] = 1;
  }
  return { eligible, reasons, rules };
}

function pct(x: number): string {
  return `${Math.round(x * 1000) / 10} %`;
}
