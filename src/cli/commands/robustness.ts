/**
 * `wardrank robustness`: what it accepts; the action (src/cli/actions/robustness.ts: the
 * framework, the design, the Monte Carlo runs and their outputs) is imported when it runs.
 */
import type { Command } from 'commander';
import type { RobustnessOptions } from '../actions/robustness.ts';
import { positiveInt, UsageError } from '../usage.ts';

export function registerRobustnessCommand(program: Command): void {
  program
    .command('robustness')
    .description(
      "Monte Carlo uncertainty and Sobol sensitivity analysis of the ranking over the modelling choices in the framework's robustness: section",
    )
    .argument('<framework>', 'framework YAML file')
    .requiredOption(
      '-o, --out <dir>',
      'output folder (replaced atomically; only a folder wardrank wrote is ever replaced)',
    )
    .option(
      '--force',
      "replace an output folder of this tool even if it holds other files or another command's outputs (never the framework folder, the current folder, a parent of the inputs, the home folder or /)",
    )
    .option('--runs <n>', 'N, Monte Carlo runs (default: robustness.runs, else 1000)', positiveInt('--runs'))
    .option('--seed <s>', 'random seed, a whole number ≥ 0 (default: robustness.seed, else 1)', seedOption)
    .option(
      '--workers <n>',
      'worker threads (default: one per core, at most one per 2,000 runs)',
      positiveInt('--workers'),
    )
    .option('--no-sobol', 'uncertainty analysis only (N runs), no Sobol indices')
    .option('--reproducible', 'leave timings and thread counts out of the manifest so repeated runs are byte-identical')
    .option('-n, --top <n>', 'print the top n wards with their rank intervals', positiveInt('--top'), 10)
    .action(async (path: string, opts: RobustnessOptions) =>
      (await import('../actions/robustness.ts')).robustnessAction(path, opts),
    );
}

function seedOption(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new UsageError(`--seed must be a whole number ≥ 0, got "${value}"`);
  return n;
}
