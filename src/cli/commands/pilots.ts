/**
 * pilots: what it accepts (the options override the framework's pilots: section); the action
 * (src/cli/actions/pilots.ts: selection, matching, the evaluation plan, the decision note) is
 * imported when it runs.
 */
import type { Command } from 'commander';
import type { PilotsOptions } from '../actions/pilots.ts';
import { nonNegativeNumber, positiveInt } from '../usage.ts';

export function registerPilotsCommand(program: Command): void {
  program
    .command('pilots')
    .description('choose pilot areas under constraints (exact), match comparison wards, and write a decision note')
    .argument('<framework>', 'framework YAML file (settings from its pilots: section; flags override)')
    .requiredOption(
      '-o, --out <dir>',
      'output folder (replaced atomically; only a folder wardrank wrote is ever replaced)',
    )
    .option(
      '--force',
      "replace an output folder of this tool even if it holds other files or another command's outputs (never the framework folder, the current folder, a parent of the inputs, the home folder or /)",
    )
    .option('--k <n>', 'number of pilot areas (default 3)', positiveInt('--k'))
    .option('--max-per-borough <m>', 'at most m pilots per borough', positiveInt('--max-per-borough'))
    .option(
      '--borough <which>',
      'all pilots in one borough: a code or name, or "best" (highest sum of its top-k scores)',
    )
    .option('--exclude <codes>', 'comma-separated ward codes not to choose (already funded)')
    .option(
      '--min-distance-km <km>',
      'minimum centroid distance between pilots',
      nonNegativeNumber('--min-distance-km'),
    )
    .option('--allow-adjacent', 'allow pilots that share a boundary')
    .option(
      '--cluster-population <cap>',
      'pilot = seed ward + adjacent wards up to this population',
      nonNegativeNumber('--cluster-population'),
    )
    .option('--comparisons <c>', 'comparison wards per pilot (default 3)', positiveInt('--comparisons'))
    .option(
      '--buffer-km <km>',
      'comparison wards at least this far from any pilot (default 1)',
      nonNegativeNumber('--buffer-km'),
    )
    .option('--metric <m>', 'profile distance: mahalanobis (default) or euclidean (standardised)')
    .option('--propensity', 'match within a propensity-score caliper')
    .option('--caliper <sd>', 'caliper in SD of the logit propensity (default 0.2)', nonNegativeNumber('--caliper'))
    .option('--same-inner-outer', 'match within the same inner/outer London class')
    .option('--with-replacement', 'let a comparison ward serve several pilots')
    .option('--adjacency <csv>', 'adjacency CSV (code,neighbour) instead of the framework’s areas.adjacency')
    .option(
      '--robustness <dir>',
      'a `wardrank robustness` output folder: rank intervals, P(top decile); the default objective becomes "expected" and only robust candidates are eligible',
    )
    .option(
      '--objective <name>',
      'what the set maximises: index (total index score) or expected (expected number of pilots in the top decile; needs --robustness)',
    )
    .option(
      '--min-p-top-decile <p>',
      'eligible only if P(top decile) over the robustness runs is at least p',
      nonNegativeNumber('--min-p-top-decile'),
    )
    .option(
      '--max-p95-rank <r>',
      'eligible only if the 95th-percentile rank over the robustness runs is r or better',
      nonNegativeNumber('--max-p95-rank'),
    )
    .option('--any-ward', 'with --robustness: do not restrict pilots to robust candidates')
    .option(
      '--exclude-flag <column>',
      'do not choose wards flagged 1 in this areas-file column, e.g. central_activity (repeatable)',
      (v: string, prev: string[] = []) => [
        ...prev,
        ...v
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      ],
    )
    .option('--ignore-preference', 'ignore the programme preference of the framework (pilots.preference)')
    .option('--design <d>', 'evaluation design: synthetic-control (default) or randomised-pairs')
    .option('--seed <n>', 'seed for --design randomised-pairs (recorded in the plan)', positiveInt('--seed'))
    .action(async (path: string, opts: PilotsOptions) =>
      (await import('../actions/pilots.ts')).pilotsAction(path, opts),
    );
}
