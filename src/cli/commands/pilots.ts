/** pilots: choose pilot areas under constraints, match comparison wards, write the decision note. */
import { writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { formatProblem } from '../../core/errors.ts';
import { writeDirAtomic } from '../../io/atomic.ts';
import { readRobustness } from '../../io/readRobustness.ts';
import { sha256File } from '../../shared/sha256.ts';
import { parsePilotSettings, withOverrides, type MatchingSettings, type PilotOverrides, type PilotSettings } from '../../select/settings.ts';
import { fmt, fmtRank, textTable } from '../format.ts';
import { nonNegativeNumber, positiveInt, UsageError } from '../usage.ts';
import { checkOutOption } from '../outOption.ts';
import { PACKAGE_VERSION } from '../../shared/packageInfo.ts';
import { timedRun } from './core.ts';

interface PilotsOptions {
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
  force?: boolean;
}

export function registerPilotsCommand(program: Command): void {
  program
    .command('pilots')
    .description('choose pilot areas under constraints (exact), match comparison wards, and write a decision note')
    .argument('<framework>', 'framework YAML file (settings from its pilots: section; flags override)')
    .requiredOption('-o, --out <dir>', 'output folder (replaced atomically; only a folder wardrank wrote is ever replaced)')
    .option('--force', 'replace an output folder of this tool even if it holds other files or another command\'s outputs (never the framework folder, the current folder, a parent of the inputs, the home folder or /)')
    .option('--k <n>', 'number of pilot areas (default 3)', positiveInt('--k'))
    .option('--max-per-borough <m>', 'at most m pilots per borough', positiveInt('--max-per-borough'))
    .option('--borough <which>', 'all pilots in one borough: a code or name, or "best" (highest sum of its top-k scores)')
    .option('--exclude <codes>', 'comma-separated ward codes not to choose (already funded)')
    .option('--min-distance-km <km>', 'minimum centroid distance between pilots', nonNegativeNumber('--min-distance-km'))
    .option('--allow-adjacent', 'allow pilots that share a boundary')
    .option('--cluster-population <cap>', 'pilot = seed ward + adjacent wards up to this population', nonNegativeNumber('--cluster-population'))
    .option('--comparisons <c>', 'comparison wards per pilot (default 3)', positiveInt('--comparisons'))
    .option('--buffer-km <km>', 'comparison wards at least this far from any pilot (default 1)', nonNegativeNumber('--buffer-km'))
    .option('--metric <m>', 'profile distance: mahalanobis (default) or euclidean (standardised)')
    .option('--propensity', 'match within a propensity-score caliper')
    .option('--caliper <sd>', 'caliper in SD of the logit propensity (default 0.2)', nonNegativeNumber('--caliper'))
    .option('--same-inner-outer', 'match within the same inner/outer London class')
    .option('--with-replacement', 'let a comparison ward serve several pilots')
    .option('--adjacency <csv>', 'adjacency CSV (code,neighbour) instead of the framework’s areas.adjacency')
    .option('--robustness <dir>', 'a `wardrank robustness` output folder: add rank intervals and P(top k)')
    .action(async (path: string, opts: PilotsOptions) => {
      const [{ loadGeography }, { pilotFiles }, { pilotPlan }] = await Promise.all([import('../loadGeography.ts'), import('../../select/pilotFiles.ts'), import('../../select/pilotPlan.ts')]);
      const inputs = [path, opts.robustness, opts.adjacency];
      checkOutOption(opts.out, { kind: 'pilots', force: opts.force, inputs });
      const { loaded, result } = timedRun(path);
      const overrides: PilotOverrides = {
        k: opts.k,
        max_per_borough: opts.maxPerBorough,
        borough: opts.borough,
        exclude: opts.exclude?.split(',').map((c) => c.trim()).filter(Boolean),
        min_distance_km: opts.minDistanceKm,
        non_adjacent: opts.allowAdjacent ? false : undefined,
        cluster: opts.clusterPopulation ? { population_cap: opts.clusterPopulation, same_borough: true } : undefined,
        comparisons: opts.comparisons,
        buffer_km: opts.bufferKm,
        matching: { metric: metricOption(opts.metric), propensity: opts.propensity, caliper: opts.caliper, same_inner_outer: opts.sameInnerOuter, replacement: opts.withReplacement },
      };
      const settings = withOverrides(parsePilotSettings(loaded.framework.pilots, relative(process.cwd(), loaded.path)), overrides);
      const geo = loadGeography(loaded, opts.adjacency);
      const hashes = { ...loaded.hashes, ...geo.hashes };
      let robustness;
      if (opts.robustness) {
        const read = readRobustness(opts.robustness);
        robustness = read.rows;
        hashes[relative(process.cwd(), read.path)] = sha256File(read.path);
      }
      const plan = pilotPlan(result, geo.geography, settings, robustness);
      plan.warnings.unshift(...geo.warnings.map(formatProblem));
      const files = pilotFiles(plan, result, { hashes, command: commandLine(path, settings, opts) });
      await writeDirAtomic(resolve(opts.out), (tmp) => {
        for (const [name, data] of Object.entries(files)) writeFileSync(join(tmp, name), data);
      }, { kind: 'pilots', force: opts.force, inputs: inputs.filter((p): p is string => !!p), version: PACKAGE_VERSION });
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
            plan.matching.matches.filter((m) => m.pilot === k).map((m) => a.names[m.area]).join(', '),
          ]),
          ['r', 'l', 'l', 'r', 'r', 'l'],
        ) + '\n',
      );
      process.stdout.write(`wrote ${Object.keys(files).length} files to ${opts.out}: ${Object.keys(files).join(', ')}\n`);
    });
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
  return parts.join(' ');
}

function metricOption(m: string | undefined): MatchingSettings['metric'] | undefined {
  if (m === undefined || m === 'mahalanobis' || m === 'euclidean') return m;
  throw new UsageError(`--metric must be mahalanobis or euclidean, got "${m}"`);
}
