/**
 * The pilot evaluation in plain words for the ward panel, from the summary of
 * evaluation-plan.json that `/api/pilots` carries (src/server/evaluationSummary.ts): the design,
 * a pilot's synthetic-control donors and pre-period fit, its placebo band, near-miss controls and
 * the smallest effect the design can detect; for any other ward, which pilot it serves and how
 * (donor with its weight, near-miss control). Nothing is called "like" its pilot here: a donor's
 * weight and the pre-period fit say how the comparison is built and how well it tracked.
 */
import type { EvaluationPilot, EvaluationSummary } from '../../src/core/apiTypes.ts';
import { el } from './dom.ts';

const pct = (x: number | null, d = 0) => (x === null || !Number.isFinite(x) ? '–' : `${(100 * x).toFixed(d)} %`);
const TOP_DONORS = 5;

/** The design in words. */
export function designText(e: EvaluationSummary): string {
  const period = `${e.primary} counts per month, ${e.months[0]} to ${e.months[1]} (${e.source})`;
  if (e.design === 'randomised-pairs')
    return `Evaluation design: randomised pairs — each pilot ward is paired with a similar ward and a coin decides which is treated; analysed against its pair partner, with a synthetic control as a second check. Primary outcome: ${period}.`;
  if (e.design === 'synthetic-control')
    return `Evaluation design: synthetic control — each pilot is compared with a weighted mix of donor wards whose combined monthly series (each divided by its own mean) tracked the pilot's before the pilot. Primary outcome: ${period}.`;
  return `Evaluation design: ${e.design || 'not stated'}. Primary outcome: ${period}.`;
}

/** The pilot's donors, fit, placebo band and near-miss controls. */
export function pilotEvaluationText(x: EvaluationPilot): string[] {
  const donors = x.donors.slice(0, TOP_DONORS).map((d) => `${d.name} ${pct(d.weight)}`);
  const more = x.donors.length > TOP_DONORS ? ` and ${x.donors.length - TOP_DONORS} more` : '';
  const [lo, hi] = x.placeboBand;
  const inside =
    x.placeboChange !== null && lo !== null && hi !== null
      ? x.placeboChange >= lo && x.placeboChange <= hi
        ? 'inside the band: the synthetic control tracked this ward when nothing happened'
        : 'OUTSIDE the band: the synthetic control did not track this ward when nothing happened, so its estimate needs caution'
      : 'no placebo check possible';
  return [
    donors.length
      ? `Synthetic-control donors (weights): ${donors.join(', ')}${more}.`
      : 'No synthetic-control donor has a positive weight.',
    `Fit before the pilot: the synthetic series misses the ward's monthly count by ${x.preRmspe === null ? '–' : x.preRmspe.toFixed(1)} a month (root mean squared error, ${pct(x.preRmspeRelative)} of its monthly mean).`,
    `Placebo band (estimates for donor wards where nothing happened): ${pct(lo, 1)} to ${pct(hi, 1)}; an in-time placebo for this ward gives ${pct(x.placeboChange, 1)}, ${inside}.`,
    x.nearMiss.length
      ? `Near-miss controls (wards ranked just below the cut, not chosen): ${x.nearMiss.map((w) => `${w.name} (rank ${w.rank})`).join(', ')}.`
      : 'No near-miss controls.',
  ];
}

/** Smallest detectable reduction for the plan's number of pilots over 12 and 24 months. */
export function powerText(e: EvaluationSummary): string {
  const k = e.pilots.length;
  const rows = e.mde.filter((r) => r.k === k).sort((a, b) => a.postMonths - b.postMonths);
  if (!rows.length) return e.statement;
  return `Smallest reduction the design can detect with ${k} pilot${k === 1 ? '' : 's'} (80 % power): ${rows.map((r) => `${pct(r.mde)} over ${r.postMonths} months`).join(', ')}.`;
}

/** The roles a non-pilot ward plays in the evaluation: donor with weight, near-miss control, pair partner. */
export function evaluationRoles(e: EvaluationSummary, code: string): string[] {
  const roles: string[] = [];
  for (const p of e.pilots) {
    const donor = p.donors.find((d) => d.code === code);
    if (donor)
      roles.push(
        `Synthetic-control donor for pilot ${p.name} (weight ${pct(donor.weight)} of its synthetic control; donors are chosen for how their monthly series tracked the pilot's, not because the wards are alike).`,
      );
    const near = p.nearMiss.find((w) => w.code === code);
    if (near)
      roles.push(
        `Near-miss control for pilot ${p.name}: ranked ${near.rank}, just below the cut for pilots; a comparison ward in the pooled difference-in-differences analysis.`,
      );
  }
  for (const pair of e.pairs ?? [])
    if (pair.control === code)
      roles.push(
        `Pair partner of ${e.pilots.find((p) => p.code === pair.treated)?.name ?? pair.treated} (randomised pairs).`,
      );
  return roles;
}

/** The evaluation block for the panel, or null when the ward has no part in it. */
export function evaluationSection(
  e: EvaluationSummary | undefined,
  code: string,
  isPilot: boolean,
): HTMLElement | null {
  if (!e) return null;
  if (isPilot) {
    const x = e.pilots.find((p) => p.code === code);
    return el(
      'div',
      { 'data-testid': 'evaluation' },
      el('p', {}, designText(e)),
      ...(x ? pilotEvaluationText(x) : ['This pilot has no row in the evaluation plan.']).map((t) => el('p', {}, t)),
      el('p', {}, powerText(e)),
      el('p', { class: 'hint' }, `From ${e.file}.`),
    );
  }
  const roles = evaluationRoles(e, code);
  if (!roles.length) return null;
  return el(
    'div',
    { 'data-testid': 'evaluation' },
    ...roles.map((t) => el('p', {}, t)),
    el('p', {}, designText(e)),
    el('p', { class: 'hint' }, `From ${e.file}.`),
  );
}
