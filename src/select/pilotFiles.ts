/**
 * The files `wardrank pilots` writes. pilots.csv and comparisons.csv keep fixed leading columns
 * for the map (`pilot,code,name,borough_code,borough_name,rank,decile,index,top_measures,reason`
 * and `pilot_code,code,name,borough_name,distance,rank`); extra columns only ever follow them.
 * A cluster pilot has one row per ward (role seed or member). `distance` is the Mahalanobis
 * distance of the match; `distance_km` the centroid distance to the nearest pilot ward.
 */
import type { Result } from '../core/types.ts';
import { formatOutputCsv as formatCsv } from '../core/csvFormat.ts';
import { roundForOutput } from '../core/resultTable.ts';
import type { PilotPlan } from './pilotPlan.ts';
import { decisionNote, type NoteMeta } from './decisionNote.ts';
import { renderHtml, renderMarkdown } from './renderNote.ts';

export function pilotFiles(plan: PilotPlan, r: Result, meta: NoteMeta): Record<string, string> {
  const doc = decisionNote(plan, r, meta);
  return {
    'pilots.csv': pilotsCsv(plan, r),
    'comparisons.csv': comparisonsCsv(plan, r),
    'balance.csv': balanceCsv(plan),
    'passed-over.csv': passedOverCsv(plan, r),
    'decision-note.md': renderMarkdown(doc),
    'decision-note.html': renderHtml(doc),
  };
}

export function pilotsCsv(plan: PilotPlan, r: Result): string {
  const a = r.areas;
  const header = [
    'pilot',
    'code',
    'name',
    'borough_code',
    'borough_name',
    'rank',
    'decile',
    'index',
    'top_measures',
    'reason',
    'role',
    'area_score',
    'area_population',
    'median_rank',
    'p05_rank',
    'p95_rank',
    'p_top_k',
    'p_top_decile',
  ];
  const rows = plan.pilots.flatMap((p, k) =>
    p.unit.members.map((i) => [
      k + 1,
      a.codes[i],
      a.names[i],
      a.parentCodes[a.parent[i]] ?? '',
      a.parentNames[a.parent[i]] ?? '',
      r.rank[i],
      r.decile[i] || '',
      roundForOutput(r.index[i]),
      i === p.unit.seed
        ? p.topMeasures.map((m) => `${m.name}: ${roundForOutput(Number(m.contribution.toFixed(4)))}`).join('; ')
        : '',
      i === p.unit.seed
        ? pilotReason(plan, p, r)
        : `in pilot area ${k + 1} (adjacent to ${a.names[p.unit.seed]}, within the population cap)`,
      i === p.unit.seed ? 'seed' : 'member',
      roundForOutput(p.unit.score),
      p.unit.population,
      p.robustness?.median_rank,
      p.robustness?.p05_rank,
      p.robustness?.p95_rank,
      p.robustness?.p_top_k,
      p.robustness?.p_top_decile,
    ]),
  );
  return formatCsv(header, rows);
}

function pilotReason(plan: PilotPlan, p: PilotPlan['pilots'][number], r: Result): string {
  const a = r.areas;
  const parts = [
    `rank ${p.rank} of ${plan.rankedCount}, decile ${p.decile}`,
    'in the highest-scoring set meeting the constraints',
  ];
  if (!p.inGreedy) parts.push('not in the greedy top-down choice');
  if (p.passedOver.length)
    parts.push(
      `passed over above it: ${p.passedOver.map((x) => `${a.names[x.area]} (${x.reasons.join('; ')})`).join(', ')}`,
    );
  return parts.join('; ');
}

export function comparisonsCsv(plan: PilotPlan, r: Result): string {
  const a = r.areas;
  return formatCsv(
    ['pilot_code', 'code', 'name', 'borough_name', 'distance', 'rank', 'round', 'distance_km', 'logit_gap'],
    plan.matching.matches.map((m) => [
      a.codes[plan.pilots[m.pilot].unit.seed],
      a.codes[m.area],
      a.names[m.area],
      a.parentNames[a.parent[m.area]] ?? '',
      roundForOutput(m.distance),
      r.rank[m.area],
      m.round,
      roundForOutput(m.km),
      roundForOutput(m.logitGap),
    ]),
  );
}

export function balanceCsv(plan: PilotPlan): string {
  return formatCsv(
    [
      'variable',
      'mean_pilots',
      'mean_pool',
      'smd_before',
      'flag_before',
      'mean_comparisons',
      'smd_after',
      'flag_after',
    ],
    plan.balance.map((b) => [
      b.variable,
      roundForOutput(b.before.meanTreated),
      roundForOutput(b.before.meanControl),
      roundForOutput(b.before.smd),
      b.flagBefore,
      roundForOutput(b.after.meanControl),
      roundForOutput(b.after.smd),
      b.flagAfter,
    ]),
  );
}

export function passedOverCsv(plan: PilotPlan, r: Result): string {
  const a = r.areas;
  return formatCsv(
    ['code', 'name', 'borough_name', 'rank', 'index', 'reasons'],
    plan.selection.passedOver.map((p) => [
      a.codes[p.area],
      a.names[p.area],
      a.parentNames[a.parent[p.area]] ?? '',
      r.rank[p.area],
      roundForOutput(r.index[p.area]),
      p.reasons.join('; '),
    ]),
  );
}
