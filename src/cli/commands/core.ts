/**
 * validate, run, top, explain: what each command accepts (arguments, options, their parsers and
 * help text). Each action is a module imported when the command runs (src/cli/actions/), so
 * `wardrank --help` and a usage error load commander and these definitions only, never the
 * framework reader or the pipeline (test/house/startupImports.test.ts checks the build).
 */
import type { Command } from 'commander';
import { DEFAULT_FORMATS, OUTPUT_FORMATS } from '../../io/outputFormats.ts';
import type { RunOptions } from '../actions/run.ts';
import { positiveInt } from '../usage.ts';

export function registerCoreCommands(program: Command): void {
  program
    .command('validate')
    .description('check a framework and its data; report every problem at once')
    .argument('<framework>', 'framework YAML file')
    .action(async (path: string) => (await import('../actions/validate.ts')).validateAction(path));

  program
    .command('run')
    .description('run the index and write outputs (CSV, Arrow, GeoJSON, manifest) atomically')
    .argument('<framework>', 'framework YAML file')
    .requiredOption(
      '-o, --out <dir>',
      'output folder (replaced atomically; only a folder wardrank wrote is ever replaced)',
    )
    .option(
      '--force',
      "replace an output folder of this tool even if it holds other files or another command's outputs (never the framework folder, the current folder, a parent of the inputs, the home folder or /)",
    )
    .option('--allow-empty', 'write the outputs even when no area is ranked (otherwise exit 1)')
    .option('--reproducible', 'leave timings out of the manifest so repeated runs are byte-identical')
    .option('-n, --top <n>', 'print the top n areas', positiveInt('--top'), 0)
    .option(
      '--format <list>',
      `output formats, comma-separated: ${OUTPUT_FORMATS.join(', ')} (csv, arrow and geojson are always written)`,
      DEFAULT_FORMATS,
    )
    .action(async (path: string, opts: RunOptions) => (await import('../actions/run.ts')).runAction(path, opts));

  program
    .command('top')
    .description(
      'print the highest-priority areas with their boroughs and what pushed them up most (the drivers of explain)',
    )
    .argument('<framework>', 'framework YAML file')
    .option('-n, --n <n>', 'how many', positiveInt('-n'), 20)
    .action(async (path: string, opts: { n: number }) => (await import('../actions/top.ts')).topAction(path, opts));

  program
    .command('explain')
    .description(
      "an area's breakdown: each category's, measure's and indicator's contribution, adding up to the index (exponential: weight × transformed score X)",
    )
    .argument('<framework>', 'framework YAML file')
    .argument('<area>', 'area code or name')
    .option('--json', 'print JSON')
    .action(async (path: string, query: string, opts: { json?: boolean }) =>
      (await import('../actions/explain.ts')).explainAction(path, query, opts),
    );
}
