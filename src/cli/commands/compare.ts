/**
 * `wardrank compare <runA> <runB>`: what it accepts; the action (src/cli/actions/compare.ts:
 * reading both run folders, the comparison) is imported when it runs.
 */
import type { Command } from 'commander';
import type { CompareOptions } from '../actions/compare.ts';
import { positiveInt } from '../usage.ts';

export function registerCompareCommand(program: Command): void {
  program
    .command('compare')
    .description('rank changes per ward between two `wardrank run` output folders, and which measures moved them')
    .argument('<runA>', 'output folder of the first run (the baseline)')
    .argument('<runB>', 'output folder of the second run')
    .option('-o, --out <dir>', 'write compare.csv (every ward) to this folder (replaced atomically)')
    .option('-n, --top <n>', 'print the n wards whose rank moved most', positiveInt('--top'), 10)
    .option(
      '--force',
      "replace an output folder of this tool even if it holds other files or another command's outputs (never the input folders, the current folder, a parent of the inputs, the home folder or /)",
    )
    .action(async (runA: string, runB: string, opts: CompareOptions) =>
      (await import('../actions/compare.ts')).compareAction(runA, runB, opts),
    );
}
