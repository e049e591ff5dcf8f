/**
 * The decision note a commissioner files: what was chosen and why, what was passed over and
 * why, the comparison wards and their balance, the caveats, and the exact inputs (SHA-256) and
 * settings, so anyone can regenerate it. It carries no date or timing, so the same inputs give
 * the same bytes.
 */
import type { Result } from '../core/types.ts';
import type { NoteDocument, Block } from './noteDocument.ts';
import type { PilotPlan } from './pilotPlan.ts';
import type { Unit } from './pilotUnits.ts';
import { OBJECTIVES } from './objective.ts';
import { decileCut, intervalWords, wideInterval } from './robustEvidence.ts';

export interface NoteMeta {
  /** SHA-256 of every input file, keyed by a path a reader can find. */
  hashes: Record<string, string>;
  /** The command line that produced the note. */
  command: string;
  /** How many passed-over wards to list (the CSV has them all). */
  passedOverRows?: number;
  /** Sentences summarising evaluation-plan.md (absent: no monthly series). */
  evaluationSummary?: string[];
}

export function decisionNote(plan: PilotPlan, r: Result, meta: NoteMeta): NoteDocument {
  const a = r.areas;
  const ward = (i: number) => `${a.names[i]} (${a.codes[i]})`;
  const boroughOf = (i: number) => a.parentNames[a.parent[i]] ?? '';
  const area = (u: Unit) =>
    u.members.length > 1 ? `${ward(u.seed)} + ${u.members.slice(1).map(ward).join(', ')}` : ward(u.seed);
  const measureName = (id: string) => r.framework.measures.find((m) => m.id === id)?.name ?? id;
  const s = plan.settings;
  const sel = plan.selection;
  const title = `Pilot areas: decision note — ${r.framework.name}`;
  const blocks: Block[] = [{ kind: 'title', text: title }];

  const constraints = constraintText(plan, r);
  const objective = OBJECTIVES[sel.objective].label;
  if (s.preference?.single_borough) {
    blocks.push({
      kind: 'paragraph',
      text: `**The programme’s stated preference:** all pilots within one borough (${s.preference.source}). The recommendation follows it; the London-wide alternatives are shown beside it.`,
    });
  }
  if (!plan.pilots.length) {
    blocks.push({
      kind: 'paragraph',
      text: `**No recommendation:** no area meets the rules and constraints (${constraints}${sel.eligibility.rules.length ? `; ${sel.eligibility.rules.join('; ')}` : ''}). Relax a rule (see the options below) or choose by hand.`,
    });
  } else {
    blocks.push({
      kind: 'paragraph',
      text:
        `**Recommendation:** ${plan.pilots.length} pilot area(s): ${plan.pilots.map((p) => `${area(p.unit)}, ${boroughOf(p.unit.seed)}`).join('; ')}. ` +
        (sel.proven
          ? `They are the set with the highest ${objective} (${fmt(sel.total, 3)}; total index ${fmt(sel.indexTotal, 3)}) among all sets meeting the constraints (${constraints}), `
          : `They meet the constraints (${constraints}) with a ${objective} of ${fmt(sel.total, 3)}, `) +
        (sel.proven
          ? `found exactly by branch and bound over ${plan.rankedCount} ranked wards (${sel.nodes} nodes searched).`
          : `the best found by branch and bound over ${plan.rankedCount} ranked wards before its budget of nodes ran out (${sel.nodes} nodes): **not proven optimal**.`) +
        (plan.pilots.length < s.k
          ? ` Only ${plan.pilots.length} of the ${s.k} pilots asked for could be placed: ${shortfallText(plan)}`
          : ''),
    });
  }
  if (plan.evidence && sel.objective === 'expected' && !s.objective) {
    blocks.push({
      kind: 'paragraph',
      text: 'The objective uses the robustness run (the default when a robustness folder is given): the set most likely to stay in the top decile under other defensible method choices, not only the highest index as calculated.',
    });
  }
  if (sel.eligibility.rules.length)
    blocks.push({ kind: 'paragraph', text: `**Eligibility rules:** ${sel.eligibility.rules.join('; ')}.` });
  if (sel.borough?.rule === 'best-feasible-set') {
    blocks.push({ kind: 'heading', text: 'Boroughs compared' });
    blocks.push({
      kind: 'paragraph',
      text: `Each borough’s best feasible set was found exactly under the same rules and constraints; the borough whose set places the most pilots, then has the highest ${objective}, is chosen. The runners-up:`,
    });
    blocks.push({
      kind: 'table',
      header: [
        'Borough',
        'Best feasible set',
        'Pilots',
        sel.objective === 'expected' ? 'Expected in top decile' : 'Total index',
        'Total index',
      ],
      align: ['l', 'l', 'r', 'r', 'r'],
      rows: sel.borough.ranking.slice(0, 5).map((b) => [
        r.areas.parentNames[b.borough] + (b.borough === sel.borough!.borough ? ' (chosen)' : ''),
        [...b.units]
          .sort((x, y) => r.rank[x.seed] - r.rank[y.seed])
          .map((u) => `${a.names[u.seed]} (rank ${fmtRank(r.rank[u.seed])})`)
          .join(', ') || '–',
        String(b.units.length),
        fmt(b.total, 3),
        fmt(b.indexTotal, 3),
      ]),
    });
  }
  blocks.push({ kind: 'paragraph', text: greedyText(plan, ward) });

  blocks.push({ kind: 'heading', text: 'Options side by side' });
  blocks.push({
    kind: 'paragraph',
    text: plan.options
      .map((o) => `**${o.title}:** ${o.unavailable ? `not available — ${o.unavailable}` : o.rule}.`)
      .join(' '),
  });
  const ev = plan.evidence;
  blocks.push({
    kind: 'table',
    header: [
      'Option',
      'Pilot (borough)',
      'Rank',
      'Index',
      ...(ev ? ['Median rank', 'P(top decile)'] : []),
      'Option total index',
      ...(ev ? ['Expected in top decile'] : []),
      'Distance between pilots (km)',
    ],
    align: ['l', 'l', 'r', 'r', ...(ev ? (['r', 'r'] as const) : []), 'r', ...(ev ? (['r'] as const) : []), 'r'],
    rows: plan.options.flatMap((o) => {
      if (!o.selection || !o.selection.chosen.length)
        return [
          [o.title, o.unavailable ?? 'no feasible set', '', '', ...(ev ? ['', ''] : []), '', ...(ev ? [''] : []), ''],
        ];
      const chosen = [...o.selection.chosen].sort((x, y) => r.rank[x.seed] - r.rank[y.seed]);
      const expected = ev
        ? chosen.reduce(
            (acc, u) => acc + (ev.pTopDecile[u.seed] === ev.pTopDecile[u.seed] ? ev.pTopDecile[u.seed] : 0),
            0,
          )
        : NaN;
      return chosen.map((u, k) => [
        k === 0 ? o.title : '',
        `${a.names[u.seed]} (${boroughOf(u.seed)})`,
        fmtRank(r.rank[u.seed]),
        fmt(u.score, 2),
        ...(ev ? [fmtRank(ev.medianRank[u.seed]), fmt(ev.pTopDecile[u.seed], 2)] : []),
        k === 0 ? fmt(o.selection!.indexTotal, 3) : '',
        ...(ev ? [k === 0 ? fmt(expected, 2) : ''] : []),
        k === 0 ? (Number.isFinite(o.minKm) ? `${fmt(o.minKm, 1)}–${fmt(o.maxKm, 1)}` : '–') : '',
      ]);
    }),
  });

  blocks.push({ kind: 'heading', text: 'Pilots and why' });
  const rob = plan.pilots.some((p) => p.robustness);
  blocks.push({
    kind: 'table',
    header: [
      '#',
      'Pilot area',
      'Borough',
      'Rank',
      'Decile',
      'Index',
      'Measures contributing most (weight × score)',
      ...(rob ? ['Rank 90% interval', 'P(top k)', 'P(top decile)'] : []),
    ],
    align: ['r', 'l', 'l', 'r', 'r', 'r', 'l', 'r', 'r', 'r'],
    rows: plan.pilots.map((p, k) => [
      String(k + 1),
      area(p.unit),
      boroughOf(p.unit.seed),
      `${fmtRank(p.rank)} of ${plan.rankedCount}`,
      String(p.decile || '–'),
      fmt(p.unit.score, 2),
      p.topMeasures.map((m) => `${m.name} ${fmt(m.contribution, 2)}`).join('; '),
      ...(rob
        ? [
            p.robustness
              ? `${fmtRank(p.robustness.p05_rank)}–${fmtRank(p.robustness.p95_rank)} (median ${fmtRank(p.robustness.median_rank)})`
              : '–',
            p.robustness ? fmt(p.robustness.p_top_k, 2) : '–',
            p.robustness ? fmt(p.robustness.p_top_decile, 2) : '–',
          ]
        : []),
    ]),
  });
  if (ev) {
    const wide = plan.pilots.filter((p) => wideInterval(ev, p.unit.seed));
    blocks.push({
      kind: 'paragraph',
      text: wide.length
        ? `**Wide rank intervals:** ${wide.map((p) => `${a.names[p.unit.seed]} is ${intervalWords(p.rank, ev, p.unit.seed)}`).join('; ')}. Its place in the top decile depends on method choices (95th-percentile rank beyond ${decileCut(ev)}, the top-decile cut).`
        : `Every pilot stays within the top decile (rank ${decileCut(ev)} or better) in at least 95 % of the robustness runs.`,
    });
  }

  blocks.push({ kind: 'heading', text: 'Higher-ranked wards passed over' });
  const limit = meta.passedOverRows ?? 8;
  const passed = sel.passedOver;
  if (!passed.length) blocks.push({ kind: 'paragraph', text: 'None: the pilots are the top-ranked eligible wards.' });
  else {
    blocks.push({
      kind: 'table',
      header: ['Rank', 'Ward', 'Borough', 'Index', 'Why not chosen'],
      align: ['r', 'l', 'l', 'r', 'l'],
      rows: passed
        .slice(0, limit)
        .map((p) => [
          fmtRank(r.rank[p.area]),
          ward(p.area),
          boroughOf(p.area),
          fmt(r.index[p.area], 2),
          p.reasons.join('; '),
        ]),
    });
    if (passed.length > limit)
      blocks.push({ kind: 'paragraph', text: `${passed.length - limit} more in passed-over.csv.` });
  }

  blocks.push({ kind: 'heading', text: 'Comparison wards for the evaluation' });
  const m = plan.matching;
  const left = m.pool.leftOut;
  blocks.push({
    kind: 'paragraph',
    text:
      `${s.comparisons} per pilot, matched on the pre-intervention profile: ` +
      (s.matching.metric === 'euclidean'
        ? `standardised Euclidean distance on ${m.measureIds.length} standardised measure scores`
        : `Mahalanobis distance on ${m.measureIds.length} standardised measure scores (pooled covariance, rank ${m.covarianceRank} of ${m.measureIds.length}, pseudo-inverse)`) +
      `${m.dropped.length ? `, leaving out ${m.dropped.map(measureName).join(', ')} (no spread)` : ''}` +
      `${m.propensity ? `, within a propensity caliper of ${s.matching.caliper} SD of the logit (${fmt(m.propensity.caliperLogit, 3)})` : ''}` +
      `${s.matching.same_inner_outer ? ', within the same inner/outer London class' : ''}; ` +
      `${s.matching.replacement ? 'with replacement (a ward may serve several pilots)' : 'without replacement (each comparison ward serves one pilot)'}. ` +
      `Pool: ${count(m.pool.eligible)} wards, after leaving out pilots (${left.pilot}), excluded wards (${left.excluded}), ${left.flagged ? `wards left out of the pilots by a flag rule (${left.flagged}), ` : ''}wards adjacent to a pilot (${left.adjacent}) ` +
      `and wards within ${s.buffer_km} km of a pilot (${left.buffer}${left.noCentroid ? `, plus ${left.noCentroid} without a centroid` : ''}).`,
  });
  blocks.push({
    kind: 'table',
    header: [
      'Pilot',
      `Comparison wards (borough; rank; ${s.matching.metric === 'euclidean' ? 'distance' : 'Mahalanobis distance'}; km from the pilot)`,
    ],
    rows: plan.pilots.map((p, k) => [
      ward(p.unit.seed),
      m.matches
        .filter((x) => x.pilot === k)
        .map(
          (x) =>
            `${ward(x.area)} (${boroughOf(x.area)}; ${fmtRank(r.rank[x.area])}; ${fmt(x.distance, 2)}; ${fmt(x.km, 1)})`,
        )
        .join(', ') || 'none found',
    ]),
  });

  blocks.push({ kind: 'heading', text: 'Balance (standardised mean difference, pilots − comparison)' });
  const flag = (f: string) => (f === 'warn' ? ' ⚠' : f === 'flag' ? ' *' : '');
  blocks.push({
    kind: 'table',
    header: ['Measure', 'Pilots mean', 'Pool mean', 'SMD before', 'Comparisons mean', 'SMD after'],
    align: ['l', 'r', 'r', 'r', 'r', 'r'],
    rows: plan.balance.map((b) => [
      b.variable === 'index' ? 'Index score' : measureName(b.variable),
      fmt(b.before.meanTreated, 2),
      fmt(b.before.meanControl, 2),
      fmt(b.before.smd, 2) + flag(b.flagBefore),
      fmt(b.after.meanControl, 2),
      fmt(b.after.smd, 2) + flag(b.flagAfter),
    ]),
  });
  blocks.push({
    kind: 'paragraph',
    text: 'SMD = (mean pilots − mean comparison) / √((s²pilots + s²comparison)/2) (Austin 2009); * |SMD| > 0.1, ⚠ |SMD| > 0.25. "Before": pilots against the whole pool. With a handful of pilots the SMDs are themselves noisy.',
  });

  blocks.push({ kind: 'heading', text: 'Evaluation design (pre-registration: evaluation-plan.md)' });
  blocks.push(
    meta.evaluationSummary
      ? { kind: 'list', items: meta.evaluationSummary }
      : {
          kind: 'paragraph',
          text: 'No monthly outcome series is declared in the framework (monthly:), so no evaluation plan was written: the comparison wards above are matched on the measure profile only.',
        },
  );

  blocks.push({ kind: 'heading', text: 'Caveats' });
  blocks.push({ kind: 'list', items: [...plan.caveats, ...plan.warnings.map((w) => `Warning: ${w}`)] });

  blocks.push({ kind: 'heading', text: 'Inputs and settings' });
  blocks.push({ kind: 'paragraph', text: `Command: \`${meta.command}\`. Settings: ${settingsText(plan)}.` });
  // Two files per row keeps the list short enough for one printed page.
  const files = Object.keys(meta.hashes).sort();
  const half = Math.ceil(files.length / 2);
  blocks.push({
    kind: 'table',
    header: ['Input file', 'SHA-256', 'Input file', 'SHA-256'],
    small: true,
    rows: files.slice(0, half).map((f, i) => {
      const g = files[half + i];
      return [f, meta.hashes[f], g ?? '', g ? meta.hashes[g] : ''];
    }),
  });
  return { title, blocks };
}

/** The constraints in words, e.g. "3 pilots, at most 1 per borough, not adjacent, ≥ 2 km apart". */
export function constraintText(plan: PilotPlan, r: Result): string {
  const s = plan.settings;
  const parts = [`${s.k} pilot(s)`];
  if (plan.selection.borough) {
    const b = plan.selection.borough;
    parts.push(
      b.rule === 'named'
        ? `all in ${r.areas.parentNames[b.borough]}`
        : `all in ${r.areas.parentNames[b.borough]} (the borough whose best feasible set under these constraints is best)`,
    );
  }
  if (s.max_per_borough !== undefined && !plan.selection.borough)
    parts.push(`at most ${s.max_per_borough} per borough`);
  if (s.non_adjacent) parts.push('no two adjacent');
  if (s.min_distance_km > 0) parts.push(`centroids at least ${s.min_distance_km} km apart`);
  if (s.exclude.length) parts.push(`${s.exclude.length} ward(s) excluded as already funded`);
  for (const f of s.exclude_flags) parts.push(`wards flagged ${f} excluded`);
  if (s.cluster)
    parts.push(
      `each a seed ward plus adjacent wards up to ${s.cluster.population_cap.toLocaleString('en-GB')} residents`,
    );
  return parts.join(', ');
}

/** Why fewer than k pilots could be placed, in words. */
function shortfallText(plan: PilotPlan): string {
  const sel = plan.selection;
  const eligible = sel.eligibility.eligible.reduce((acc, x) => acc + x, 0);
  if (sel.borough)
    return `no single borough has ${plan.settings.k} eligible wards that meet the constraints together (${eligible} eligible wards in London).`;
  return `only ${eligible} wards are eligible and the spacing rules leave no larger set.`;
}

function greedyText(plan: PilotPlan, ward: (i: number) => string): string {
  const sel = plan.selection;
  const exact = new Set(sel.chosen.map((u) => u.seed));
  const greedy = new Set(sel.greedy.map((u) => u.seed));
  if (sel.greedy.length === sel.chosen.length && [...greedy].every((x) => exact.has(x))) {
    return 'Taking the highest-ranked ward that fits, one at a time (greedy, top-down), gives the same set.';
  }
  const onlyGreedy = sel.greedy.filter((u) => !exact.has(u.seed)).map((u) => ward(u.seed));
  const onlyExact = sel.chosen.filter((u) => !greedy.has(u.seed)).map((u) => ward(u.seed));
  return (
    `**Differs from a greedy top-down choice:** taking the highest-ranked ward that fits, one at a time, would choose ${onlyGreedy.join(', ') || 'fewer areas'} ` +
    `instead of ${onlyExact.join(', ')} (total ${fmt(sel.greedyTotal, 3)} for ${sel.greedy.length} area(s), against ${fmt(sel.total, 3)}): ` +
    'an early pick blocks a better combination further down the ranking.'
  );
}

function settingsText(plan: PilotPlan): string {
  const s = plan.settings;
  const m = s.matching;
  return [
    `k ${s.k}`,
    `max per borough ${s.max_per_borough ?? 'none'}`,
    `borough ${s.borough ?? 'any'}`,
    `non-adjacent ${s.non_adjacent ? 'yes' : 'no'}`,
    `min distance ${s.min_distance_km} km`,
    `exclude [${s.exclude.join(', ')}]`,
    `cluster ${s.cluster ? `cap ${s.cluster.population_cap}, same borough ${s.cluster.same_borough ? 'yes' : 'no'}` : 'no'}`,
    `comparisons ${s.comparisons}`,
    `buffer ${s.buffer_km} km`,
    `metric ${m.metric}`,
    `replacement ${m.replacement ? 'yes' : 'no'}`,
    `propensity ${m.propensity ? `yes (caliper ${m.caliper} SD, ridge ${m.ridge})` : 'no'}`,
    `same inner/outer ${m.same_inner_outer ? 'yes' : 'no'}`,
    `objective ${plan.selection.objective}${s.objective ? '' : ' (default)'}`,
    `robust candidates only ${plan.evidence && s.eligibility.robust_candidates ? 'yes' : 'no'}`,
    `min P(top decile) ${s.eligibility.min_p_top_decile ?? 'none'}`,
    `max p95 rank ${s.eligibility.max_p95_rank ?? 'none'}`,
    `exclude flags [${s.exclude_flags.join(', ')}]`,
    `preference ${s.preference?.single_borough ? 'one borough' : 'none'}`,
    `evaluation design ${s.evaluation.design}, seed ${s.evaluation.seed}, donors ${s.evaluation.donors}, near-miss ranks ${s.evaluation.near_miss.join('–')}, placebo shift ${s.evaluation.placebo_shift} months`,
  ].join('; ');
}

function count(mask: Uint8Array): number {
  let n = 0;
  for (const x of mask) n += x;
  return n;
}

function fmt(v: number, digits: number): string {
  return Number.isFinite(v) ? v.toFixed(digits) : '–';
}

function fmtRank(v: number): string {
  return Number.isFinite(v) ? (Number.isInteger(v) ? String(v) : v.toFixed(1)) : '–';
}
