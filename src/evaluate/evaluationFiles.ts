/**
 * `evaluation-plan.md` and `evaluation-plan.json`: the pre-registration of the pilot
 * evaluation — outcomes, design, comparison units and weights, pre-period fit, placebo results,
 * power, the analysis to run after the pilot, the seed and the SHA-256 of every input. No date
 * or timing, so the same inputs give the same bytes.
 */
import type { EvaluationPlan } from './evaluationPlan.ts';

export interface EvaluationMeta {
  hashes: Record<string, string>;
  command: string;
}

const round = (x: number, d = 4) => (Number.isFinite(x) ? Number(x.toFixed(d)) : null);
const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)} %` : '–');
const num = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '–');

/**
 * Whether the in-time placebo estimate lies inside the in-space placebo band: inside, the
 * synthetic control tracked the pilot when nothing happened; outside, it did not, and the
 * pilot's eventual estimate needs that caution.
 */
export function placeboVerdict(x: EvaluationPlan['pilots'][number]): string {
  const [lo, hi] = x.inSpace.band;
  const e = x.inTime.change;
  if (!(e === e && lo === lo && hi === hi)) return 'no placebo check possible';
  if (e >= lo && e <= hi)
    return `inside the placebo band ${pct(lo)} to ${pct(hi)} (p = ${num(x.inSpace.p, 2)}): the synthetic control tracked this ward when nothing happened`;
  return `OUTSIDE the placebo band ${pct(lo)} to ${pct(hi)} (p = ${num(x.inSpace.p, 2)}): the synthetic control did not track this ward when nothing happened, so treat its estimate with caution and lean on the near-miss and pooled comparisons`;
}

/** The analysis to run after the pilot, in order (also in the JSON). */
export function analysisSteps(p: EvaluationPlan): string[] {
  const o = p.outcomes;
  const steps = [
    `Extend ${o.file} with the follow-up months (same source: ${o.source}) without changing any earlier month; check the SHA-256 of the pre-period part against this plan.`,
    `Primary outcome: monthly ${o.primary} count per pilot area. For each pilot, keep the donor weights below FIXED (fitted on ${o.months[0]} to ${o.months[1]}) and compute the synthetic series over the follow-up; the effect is Σ observed / Σ synthetic − 1 over the follow-up months.`,
    'Inference: re-run the same estimate for every donor as a placebo (in space); report the pilot’s estimate with its permutation p-value (1 + #{|placebo| ≥ |pilot|}) / (J + 1) and the 5th–95th percentile placebo band. Report post/pre RMSPE ratios as Abadie et al. (2010).',
    `Pooled effect over the ${p.pilots.length} pilot(s): negative-binomial regression of monthly counts on pilot × post with ward and month fixed effects over pilots and their near-miss and synthetic donors (difference in differences), robust standard errors clustered by ward.`,
    `Secondary outcomes: the same analysis for ${o.secondary.join(', ') || '(none in the file)'}.`,
    'Spillover: the same analysis for the adjacent-ward ring of each pilot as its own treated area (displacement shows as a rise, diffusion of benefit as a fall). Ring wards are never comparisons.',
  ];
  if (p.design === 'randomised-pairs')
    steps.push(
      `Randomised pairs: the primary analysis compares each treated ward with its pair partner (paired difference in log rate ratios, follow-up vs pre-period); the allocation used seed ${p.pairs?.seed}.`,
    );
  return steps;
}

export function evaluationPlanJson(p: EvaluationPlan, meta: EvaluationMeta): string {
  const doc = {
    outcomes: p.outcomes,
    design: p.design,
    settings: p.settings,
    pilots: p.pilots.map((x) => ({
      ...x,
      preMean: round(x.preMean),
      preRmspe: round(x.preRmspe),
      preRmspeRelative: round(x.preRmspeRelative),
      weights: x.weights.map((w) => ({ ...w, weight: round(w.weight, 6) })),
      inTime: { ...x.inTime, change: round(x.inTime.change), expected: round(x.inTime.expected) },
      inSpace: { ...x.inSpace, band: x.inSpace.band.map((b) => round(b)), p: round(x.inSpace.p) },
      nearMiss: x.nearMiss.map((w) => ({ ...w, preMean: round(w.preMean) })),
      ring: x.ring.map((w) => ({ ...w, preMean: round(w.preMean) })),
    })),
    power: {
      ...p.power,
      alpha: round(p.power.alpha),
      mu: round(p.power.mu),
      rows: p.power.rows.map((r) => ({ ...r, mde: round(r.mde) })),
      placebo: {
        ...p.power.placebo,
        sd: round(p.power.placebo.sd),
        rows: p.power.placebo.rows.map((r) => ({ ...r, mde: round(r.mde) })),
      },
    },
    pairs: p.pairs
      ? { ...p.pairs, pairs: p.pairs.pairs.map((x) => ({ ...x, distance: round(x.distance) })) }
      : undefined,
    analysis: analysisSteps(p),
    warnings: p.warnings,
    command: meta.command,
    inputs: Object.fromEntries(Object.entries(meta.hashes).sort(([a], [b]) => (a < b ? -1 : 1))),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

export function evaluationPlanMarkdown(p: EvaluationPlan, meta: EvaluationMeta): string {
  const o = p.outcomes;
  const L: string[] = [];
  const table = (header: string[], rows: string[][]) => {
    L.push(
      `| ${header.join(' | ')} |`,
      `| ${header.map(() => '---').join(' | ')} |`,
      ...rows.map((r) => `| ${r.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`),
      '',
    );
  };
  L.push('# Evaluation plan (pre-registration)', '');
  L.push(
    `**Primary outcome:** monthly count of \`${o.primary}\` per pilot area (${o.source}; file ${o.file}, ${o.period}; months present ${o.months[0]} to ${o.months[1]}, ${o.monthsCount} months). ` +
      `**Secondary outcomes:** ${o.secondary.map((s) => `\`${s}\``).join(', ') || 'none in the file'}; and the primary outcome in each pilot’s adjacent-ward ring (spillover).`,
    '',
  );
  L.push(
    `**Design:** ${p.design === 'randomised-pairs' ? 'matched-pair randomisation (below), analysed against the pair partner, with synthetic controls as a secondary comparison' : 'synthetic control per pilot (Abadie, Diamond & Hainmueller 2010)'}; ` +
      `donors: the ${p.settings.donors} comparison-pool wards closest to the pilot in measure profile (pool: not a pilot, not excluded, not flagged by an exclude_flags rule, not adjacent to a pilot, at least ${p.settings.bufferKm} km from every pilot); ` +
      `weights non-negative, summing to 1, fitted on the pre-period series divided by its own mean (the pilot's level is extreme by selection; its trajectory is matched).`,
    '',
  );
  L.push('## Comparison units, weights and pre-period fit', '');
  for (const x of p.pilots) {
    L.push(
      `### ${x.pilot.name} (${x.pilot.code})${
        x.pilot.members.length > 1
          ? ` with ${x.pilot.members
              .slice(1)
              .map((w) => w.name)
              .join(', ')}`
          : ''
      }`,
      '',
    );
    L.push(
      `Pre-period mean ${num(x.preMean, 1)} per month; donor pool ${x.donorPool}; pre-period RMSPE ${num(x.preRmspe, 2)} (${pct(x.preRmspeRelative)} of the mean). ` +
        `In-time placebo (fit to month ${x.inTime.fitMonths}, “effect” over the last ${p.settings.placeboShift} months, when no pilot existed): ${pct(x.inTime.change)}; ` +
        `among ${x.inSpace.placebos} in-space placebos (each donor treated the same way) the 5th–95th percentile band is ${pct(x.inSpace.band[0])} to ${pct(x.inSpace.band[1])}, permutation p = ${num(x.inSpace.p, 3)}: ${placeboVerdict(x)}. ` +
        `Effects inside that band are indistinguishable from noise.`,
      '',
    );
    table(
      ['Donor', 'Code', 'Weight'],
      x.weights.map((w) => [w.name, w.code, w.weight.toFixed(3)]),
    );
    L.push(
      `Near-miss controls (ranks ${p.settings.nearMiss[0]}–${p.settings.nearMiss[1]}, in the pool): ${x.nearMiss.map((w) => `${w.name} (${w.code}, rank ${w.rank})`).join(', ') || 'none'}.`,
      '',
    );
    L.push(
      `Adjacent-ward ring (secondary outcome area, never a comparison): ${x.ring.map((w) => `${w.name} (${w.code})`).join(', ') || 'none'}.`,
      '',
    );
  }
  L.push('## Power', '');
  L.push(
    `Overdispersion (negative binomial, method of moments over ${p.power.alphaWards} wards' monthly ${o.primary} counts): α = ${num(p.power.alpha, 3)}. ` +
      `Mean monthly count of the pilot areas μ = ${num(p.power.mu, 1)}; ${p.power.comparisonsPerPilot} comparison ward(s) per pilot; ${p.power.preMonths} pre-period months. ` +
      'Minimum detectable reduction (80 % power, 5 % two-sided; difference in log rate ratios, docs/pilots.md):',
    '',
  );
  const posts = [...new Set(p.power.rows.map((r) => r.postMonths))];
  const ks = [...new Set(p.power.rows.map((r) => r.k))];
  table(
    ['Pilots k', ...posts.map((m) => `${m} months (formula)`), `${p.power.placebo.months} months (placebo spread)`],
    ks.map((k) => [
      String(k),
      ...posts.map((m) => pct(p.power.rows.find((r) => r.k === k && r.postMonths === m)!.mde)),
      pct(p.power.placebo.rows.find((r) => r.k === k)?.mde ?? NaN),
    ]),
  );
  L.push(
    `Placebo spread: standard deviation ${num(p.power.placebo.sd, 3)} of log(1 + effect) over ${p.power.placebo.estimates} in-space placebo estimates; MDE = 1 − exp(−2.8016·sd/√k).`,
    '',
  );
  L.push(`**${p.power.statement}**`, '');
  if (p.pairs) {
    L.push('## Randomised pairs', '');
    L.push(`Seed ${p.pairs.seed} (xoshiro128**, one fair coin per pair). ${p.pairs.note ?? ''}`, '');
    table(
      ['Pair', 'Receives the pilot', 'Comparison (no pilot)', 'Distance'],
      p.pairs.pairs.map((x, i) => [
        String(i + 1),
        `${x.treated.name} (${x.treated.code})`,
        `${x.control.name} (${x.control.code})`,
        x.distance.toFixed(2),
      ]),
    );
  }
  L.push('## Analysis to run after the pilot', '');
  analysisSteps(p).forEach((s, i) => L.push(`${i + 1}. ${s}`));
  L.push('');
  if (p.warnings.length) {
    L.push('## Warnings', '');
    for (const w of p.warnings) L.push(`- ${w}`);
    L.push('');
  }
  L.push('## Inputs', '', `Command: \`${meta.command}\``, '');
  table(
    ['Input file', 'SHA-256'],
    Object.keys(meta.hashes)
      .sort()
      .map((f) => [f, meta.hashes[f]]),
  );
  return L.join('\n');
}

/** A few sentences for the decision note; the full plan is in evaluation-plan.md. */
export function evaluationSummary(p: EvaluationPlan): string[] {
  const o = p.outcomes;
  const out = [
    `Primary outcome: monthly \`${o.primary}\` count (${o.source}, ${o.months[0]} to ${o.months[1]}); secondary: ${o.secondary.map((s) => `\`${s}\``).join(', ') || 'none'}, and the adjacent-ward ring of each pilot (spillover).`,
    `Design: ${p.design === 'randomised-pairs' ? 'randomised matched pairs' : 'synthetic control per pilot'}, donors matched on measure profile, weights fitted on the pre-period ${o.primary} series.`,
    ...p.pilots.map(
      (x) =>
        `${x.pilot.name}: pre-period RMSPE ${pct(x.preRmspeRelative)} of its mean (${num(x.preMean, 1)}/month), ${x.weights.length} donor(s) with weight; in-time placebo ${pct(x.inTime.change)}, ${placeboVerdict(x)}.`,
    ),
    p.power.statement,
  ];
  if (p.pairs)
    out.push(
      `Randomised pairs (seed ${p.pairs.seed}): ${p.pairs.pairs.map((x) => `${x.treated.name} receives the pilot, ${x.control.name} does not`).join('; ')}.`,
    );
  return out;
}
