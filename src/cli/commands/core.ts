/** validate, run, top, explain. */
import type { Command } from 'commander';
import { formatProblem } from '../../core/errors.ts';
import { DEFAULT_FORMATS, OUTPUT_FORMATS, parseFormats } from '../../io/outputFormats.ts';
import type { Explanation } from '../../core/explain.ts';
import { fmt, fmtRank, textTable } from '../format.ts';
import { positiveInt, UsageError } from '../usage.ts';
import { checkOutOption } from '../outOption.ts';

export function registerCoreCommands(program: Command): void {
  program
    .command('validate')
    .description('check a framework and its data; report every problem at once')
    .argument('<framework>', 'framework YAML file')
    .action(async (path: string) => {
      const { validateFramework } = await import('../../io/loadFramework.ts');
      const { loaded, problems } = validateFramework(path);
      for (const p of problems) process.stderr.write(`${p.severity}: ${formatProblem(p)}\n`);
      const errors = problems.filter((p) => p.severity === 'error').length;
      if (errors || !loaded) {
        process.stderr.write(`${errors} error(s), ${problems.length - errors} warning(s)\n`);
        process.exitCode = 1;
        return;
      }
      const f = loaded.framework;
      process.stdout.write(
        `ok: ${f.name}: ${loaded.inputs.areas.codes.length} areas, ${f.categories.length} categories, ${f.measures.length} measures, ` +
          `${f.indicators.length} indicators (${Object.keys(loaded.inputs.data).length} with data, ${loaded.inputs.excluded.length} excluded), ${problems.length} warning(s)\n`,
      );
    });

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
    .action(
      async (
        path: string,
        opts: {
          out: string;
          reproducible?: boolean;
          top: number;
          format: string;
          force?: boolean;
          allowEmpty?: boolean;
        },
      ) => {
        const [{ timedRun, printWarnings, topTable }, { formatFiles }, { writeOutputs }] = await Promise.all([
          import('../pipeline.ts'),
          import('../../io/outputFormats.ts'),
          import('../../io/writeOutputs.ts'),
        ]);
        const { formats, unknown } = parseFormats(opts.format);
        if (unknown.length)
          throw new UsageError(
            `--format: unknown format(s) ${unknown.join(', ')}; expected some of ${OUTPUT_FORMATS.join(', ')}`,
          );
        checkOutOption(opts.out, { kind: 'run', force: opts.force, inputs: [path] });
        const { loaded, prepared, result, timings } = timedRun(path, { allowEmpty: opts.allowEmpty });
        const t0 = performance.now();
        const extraFiles = await formatFiles(formats, result, loaded, { reproducible: opts.reproducible });
        const files = await writeOutputs(prepared, result, loaded, opts.out, {
          reproducible: opts.reproducible,
          timings,
          extraFiles,
          force: opts.force,
          onNote: (n) => process.stderr.write(`note: ${n}\n`),
        });
        timings.writeMs = performance.now() - t0;
        printWarnings(loaded, result);
        if (result.rank.every((r) => r !== r))
          process.stderr.write('warning: no area is ranked: the outputs hold an empty ranking (--allow-empty)\n');
        process.stdout.write(`wrote ${files.length} files to ${opts.out}: ${files.join(', ')}\n`);
        if (opts.top > 0) process.stdout.write(topTable(result, opts.top) + '\n');
      },
    );

  program
    .command('top')
    .description(
      'print the highest-priority areas with their boroughs and what pushed them up most (the drivers of explain)',
    )
    .argument('<framework>', 'framework YAML file')
    .option('-n, --n <n>', 'how many', positiveInt('-n'), 20)
    .action(async (path: string, opts: { n: number }) => {
      const { timedRun, topTable } = await import('../pipeline.ts');
      // top prints no warnings, so it skips the checks that can only warn
      const { result } = timedRun(path, { warnings: false });
      process.stdout.write(topTable(result, opts.n) + '\n');
    });

  program
    .command('explain')
    .description(
      "an area's breakdown: each category's, measure's and indicator's contribution, adding up to the index (exponential: weight × transformed score X)",
    )
    .argument('<framework>', 'framework YAML file')
    .argument('<area>', 'area code or name')
    .option('--json', 'print JSON')
    .action(async (path: string, query: string, opts: { json?: boolean }) => {
      const [{ timedRun }, { explainArea, findArea }] = await Promise.all([
        import('../pipeline.ts'),
        import('../../core/explain.ts'),
      ]);
      // explain prints no warnings, so it skips the checks that can only warn
      const { result } = timedRun(path, { warnings: false });
      const hits = findArea(result, query);
      if (hits.length === 0) throw new UsageError(`no area matches "${query}"`);
      if (hits.length > 1) {
        throw new UsageError(
          `"${query}" matches ${hits.length} areas: ${hits
            .slice(0, 8)
            .map((i) => `${result.areas.names[i]} (${result.areas.codes[i]})`)
            .join(', ')}; give a code`,
        );
      }
      const e = explainArea(result, hits[0]);
      if (opts.json) {
        process.stdout.write(
          JSON.stringify(e, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n',
        );
        return;
      }
      process.stdout.write(
        `${e.name} (${e.code}), ${e.parentName}: rank ${fmtRank(e.rank)} of ${result.rank.filter((r) => r === r).length}, decile ${e.decile || '–'}, index ${fmt(e.index, 3)}\n`,
      );
      process.stdout.write(`${explainScaleNote(e)}\n`);
      const rows: (string | number)[][] = [];
      for (const c of e.categories) {
        rows.push([
          c.transformed !== undefined ? `${c.name} (X = ${fmt(c.transformed, 3)})` : c.name,
          fmt(c.score, 3),
          fmt(c.weight, 3),
          fmt(c.contribution, 3),
        ]);
        for (const m of c.measures) {
          rows.push([`  ${m.name}`, fmt(m.score, 3), fmt(m.weight, 3), fmt(m.contribution, 3)]);
          for (const i of m.indicators) {
            const raw = `${fmt(i.raw, 2)}${i.smoothed !== undefined ? ` (smoothed ${fmt(i.smoothed, 2)})` : ''}${i.unit ? ' ' + i.unit : ''}${i.level === 'borough' ? ' [borough]' : ''}${i.imputed ? ' [imputed]' : ''}`;
            rows.push([`    ${i.name}: ${raw}`, fmt(i.score, 3), fmt(i.weight, 4), fmt(i.contribution, 3)]);
          }
        }
      }
      process.stdout.write(textTable(['', 'score', 'weight', 'contribution'], rows, ['l', 'r', 'r', 'r']) + '\n');
    });
}

/** What the contributions printed by `explain` add up to. */
export function explainScaleNote(e: Explanation): string {
  const words: Record<string, string> = {
    index: 'the index',
    'log-index': 'ln(index)',
    category: "their category's score",
    'log-category': "ln of their category's score",
    measure: "their measure's score",
    'log-measure': "ln of their measure's score",
  };
  const cat = e.scale === 'index' ? 'the index' : 'ln(index) (geometric combination: weight × ln score)';
  const transformed = e.categories.some((c) => c.transformed !== undefined)
    ? ' (weight × exponentially transformed score X)'
    : '';
  return `contributions: categories add up to ${cat}${transformed}; measures to ${words[e.within.measures]}; indicators to ${words[e.within.indicators]}`;
}
