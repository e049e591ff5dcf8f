/** `wardrank pilots`: choose pilot areas under constraints, match comparison wards, write the decision note. */
import { writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { formatProblem } from '../../core/errors.ts';
import * as evaluation from '../../evaluate/index.ts';
import { writeDirAtomic } from '../../io/atomic.ts';
import { readMonthlySeries } from '../../io/monthlySeries.ts';
import { readRobustCandidates } from '../../io/readRobustCandidates.ts';
import { readRobustness } from '../../io/readRobustness.ts';
import { pilotFiles } from '../../select/pilotFiles.ts';
import { pilotPlan } from '../../select/pilotPlan.ts';
import {
  parsePilotSettings,
  withOverrides,
  type MatchingSettings,
  type PilotOverrides,
  type PilotSettings,
} from '../../select/settings.ts';
import { PACKAGE_VERSION } from '../../shared/packageInfo.ts';
import { sha256File } from '../../shared/sha256.ts';
import { fmt, fmtRank, textTable } from '../format.ts';
import { loadGeography } from '../loadGeography.ts';
import { checkOutOption } from '../outOption.ts';
import { timedRun } from '../pipeline.ts';
import { UsageError } from '../usage.ts';
import { schemaIssues } from '../zodIssues.ts';

export interface PilotsOptions {
  out: string;
  k?: number;
  maxPerBorough?: number;
  borough?: string;
  exclude?: string;
  minDistanceKm?: number;
  allowAdjacent?: boolean;
  clusterPopulation?: number;
  comparisons?: number;
  bufferKm?: number;
  propensity?: boolean;
  metric?: string;
  caliper?: number;
  sameInnerOuter?: boolean;
  withReplacement?: boolean;
  adjacency?: string;
  robustness?: string;
  objective?: string;
  minPTopDecile?: number;
  maxP95Rank?: number;
  anyWard?: boolean;
  excludeFlag?: string[];
  ignorePreference?: boolean;
  design?: string;
  seed?: number;
  force?: boolean;
}

export async function pilotsAction(path: string, opts: PilotsOptions): Promise<void> {
  const inputs = [path, opts.robustness, opts.adjacency];
  checkOutOption(opts.out, { kind: 'pilots', force: opts.force, inputs });
  const { loaded, result } = timedRun(path);
  const overrides: PilotOverrides = {
    k: opts.k,
    max_per_borough: opts.maxPerBorough,
    borough: opts.borough,
    exclude: opts.exclude
      ?.split(',')
      .map((c) => c.trim())
      .filter(Boolean),
    min_distance_km: opts.minDistanceKm,
    non_adjacent: opts.allowAdjacent ? false : undefined,
    cluster: opts.clusterPopulation ? { population_cap: opts.clusterPopulation, same_borough: true } : undefined,
    comparisons: opts.comparisons,
    buffer_km: opts.bufferKm,
    matching: {
      metric: metricOption(opts.metric),
      propensity: opts.propensity,
      caliper: opts.caliper,
      same_inner_outer: opts.sameInnerOuter,
      replacement: opts.withReplacement,
    },
    objective: objectiveOption(opts.objective),
    eligibility: {
      min_p_top_decile: opts.minPTopDecile,
      max_p95_rank: opts.maxP95Rank,
      robust_candidates: opts.anyWard ? false : undefined,
    },
    evaluation: { design: designOption(opts.design), seed: opts.seed },
  };
  if (opts.minPTopDecile !== undefined && opts.minPTopDecile > 1)
    throw new UsageError('--min-p-top-decile must be between 0 and 1');
  const fromFile = parsePilotSettings(loaded.framework.pilots, relative(process.cwd(), loaded.path));
  let settings = optionsError(() => withOverrides(fromFile, overrides));
  const rankedCount = result.rank.filter((r) => r === r).length;
  if (settings.k > rankedCount) throw new UsageError(`--k ${settings.k}: only ${rankedCount} areas are ranked`);
  if (opts.excludeFlag?.length)
    settings = { ...settings, exclude_flags: [...new Set([...settings.exclude_flags, ...opts.excludeFlag])] };
  if (opts.ignorePreference) settings = { ...settings, preference: undefined };
  if (
    (settings.objective === 'expected' || opts.minPTopDecile !== undefined || opts.maxP95Rank !== undefined) &&
    !opts.robustness
  ) {
    throw new UsageError('--objective expected, --min-p-top-decile and --max-p95-rank need --robustness <dir>');
  }
  const geo = loadGeography(loaded, opts.adjacency);
  const hashes = { ...loaded.hashes, ...geo.hashes };
  // Flag columns declared in areas.flag_columns, read once by the framework loader.
  const flags = new Map(Object.entries(result.areas.flags ?? {}));
  let robustness;
  let candidates;
  if (opts.robustness) {
    const read = readRobustness(opts.robustness);
    robustness = read.rows;
    hashes[relative(process.cwd(), read.path)] = sha256File(read.path);
    const cand = readRobustCandidates(opts.robustness);
    if (cand) {
      candidates = cand.codes;
      hashes[relative(process.cwd(), cand.path)] = sha256File(cand.path);
    }
  }
  const plan = pilotPlan(result, geo.geography, settings, { robustness, candidates, flags });
  plan.warnings.unshift(...geo.warnings.map(formatProblem));
  const command = commandLine(path, plan.settings, opts);
  const extra: Record<string, string> = {};
  let evaluationSummary: string[] | undefined;
  const monthlySpec = loaded.framework.monthly;
  if (monthlySpec) {
    const monthly = readMonthlySeries(
      loaded.dir,
      monthlySpec,
      loaded.inputs.areas.codes,
      relative(process.cwd(), loaded.path),
    );
    hashes[relative(loaded.dir, monthly.path)] = sha256File(monthly.path);
    for (const w of monthly.warnings) plan.warnings.push(formatProblem(w));
    const ev = evaluation.evaluationPlan({
      result,
      geography: geo.geography,
      plan,
      monthly,
      spec: monthlySpec,
      ctx: { evidence: plan.evidence, flags },
    });
    const meta = { hashes, command };
    extra['evaluation-plan.md'] = evaluation.evaluationPlanMarkdown(ev, meta);
    extra['evaluation-plan.json'] = evaluation.evaluationPlanJson(ev, meta);
    evaluationSummary = evaluation.evaluationSummary(ev);
  } else {
    plan.warnings.push('the framework declares no monthly series (monthly:), so no evaluation plan was written');
  }
  const files = { ...pilotFiles(plan, result, { hashes, command, evaluationSummary }), ...extra };
  await writeDirAtomic(
    resolve(opts.out),
    (tmp) => {
      for (const [name, data] of Object.entries(files)) writeFileSync(join(tmp, name), data);
    },
    { kind: 'pilots', force: opts.force, inputs: inputs.filter((p): p is string => !!p), version: PACKAGE_VERSION },
  );
  for (const w of plan.warnings) process.stderr.write(`warning: ${w}\n`);
  const a = result.areas;
  process.stdout.write(
    textTable(
      ['#', 'pilot', 'borough', 'rank', 'index', 'comparison wards'],
      plan.pilots.map((p, k) => [
        k + 1,
        `${a.names[p.unit.seed]} (${a.codes[p.unit.seed]})${p.unit.members.length > 1 ? ` +${p.unit.members.length - 1}` : ''}`,
        a.parentNames[a.parent[p.unit.seed]] ?? '',
        fmtRank(p.rank),
        fmt(p.unit.score, 3),
        plan.matching.matches
          .filter((m) => m.pilot === k)
          .map((m) => a.names[m.area])
          .join(', '),
      ]),
      ['r', 'l', 'l', 'r', 'r', 'l'],
    ) + '\n',
  );
  process.stdout.write(`wrote ${Object.keys(files).length} files to ${opts.out}: ${Object.keys(files).join(', ')}\n`);
}

/** The command that reproduces these outputs, from the resolved settings (the output folder left out, so the note does not depend on it). */
function commandLine(framework: string, s: PilotSettings, opts: PilotsOptions): string {
  const m = s.matching;
  const parts = ['wardrank pilots', framework, '--k', String(s.k)];
  if (s.max_per_borough !== undefined) parts.push('--max-per-borough', String(s.max_per_borough));
  if (s.borough) parts.push('--borough', JSON.stringify(s.borough));
  if (s.exclude.length) parts.push('--exclude', s.exclude.join(','));
  if (s.min_distance_km > 0) parts.push('--min-distance-km', String(s.min_distance_km));
  if (!s.non_adjacent) parts.push('--allow-adjacent');
  if (s.cluster) parts.push('--cluster-population', String(s.cluster.population_cap));
  parts.push('--comparisons', String(s.comparisons), '--buffer-km', String(s.buffer_km));
  if (m.metric !== 'mahalanobis') parts.push('--metric', m.metric);
  if (m.propensity) parts.push('--propensity', '--caliper', String(m.caliper));
  if (m.same_inner_outer) parts.push('--same-inner-outer');
  if (m.replacement) parts.push('--with-replacement');
  if (opts.adjacency) parts.push('--adjacency', opts.adjacency);
  if (opts.robustness) parts.push('--robustness', opts.robustness);
  if (s.objective) parts.push('--objective', s.objective);
  if (s.eligibility.min_p_top_decile !== undefined)
    parts.push('--min-p-top-decile', String(s.eligibility.min_p_top_decile));
  if (s.eligibility.max_p95_rank !== undefined) parts.push('--max-p95-rank', String(s.eligibility.max_p95_rank));
  if (opts.robustness && !s.eligibility.robust_candidates) parts.push('--any-ward');
  for (const f of s.exclude_flags) parts.push('--exclude-flag', f);
  if (opts.ignorePreference) parts.push('--ignore-preference');
  if (s.evaluation.design !== 'synthetic-control')
    parts.push('--design', s.evaluation.design, '--seed', String(s.evaluation.seed));
  return parts.join(' ');
}

/** A pilot option out of the settings schema's range is a usage error naming the option (e.g. `--k: too big: expected number to be <=20`), not a schema dump. */
function optionsError<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    const issues = schemaIssues(e);
    if (!issues) throw e;
    throw new UsageError(
      issues
        .map(
          (i) =>
            `--${i.path
              .filter((p) => p !== 'matching')
              .join('.')
              .replace(/_/g, '-')}: ${i.message.replace(/^Too/, 'too')}`,
        )
        .join('; '),
    );
  }
}

function objectiveOption(o: string | undefined): PilotSettings['objective'] {
  if (o === undefined || o === 'index' || o === 'expected') return o;
  throw new UsageError(`--objective must be index or expected, got "${o}"`);
}

function designOption(d: string | undefined): PilotSettings['evaluation']['design'] | undefined {
  if (d === undefined || d === 'synthetic-control' || d === 'randomised-pairs') return d;
  throw new UsageError(`--design must be synthetic-control or randomised-pairs, got "${d}"`);
}

function metricOption(m: string | undefined): MatchingSettings['metric'] | undefined {
  if (m === undefined || m === 'mahalanobis' || m === 'euclidean') return m;
  throw new UsageError(`--metric must be mahalanobis or euclidean, got "${m}"`);
}
