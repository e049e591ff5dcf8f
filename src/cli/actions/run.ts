/** `wardrank run`: the index, written atomically with the outputs asked for. */
import { formatFiles, OUTPUT_FORMATS, parseFormats } from '../../io/outputFormats.ts';
import { writeOutputs } from '../../io/writeOutputs.ts';
import { checkOutOption } from '../outOption.ts';
import { printWarnings, timedRun, topTable } from '../pipeline.ts';
import { UsageError } from '../usage.ts';

export interface RunOptions {
  out: string;
  reproducible?: boolean;
  top: number;
  format: string;
  force?: boolean;
  allowEmpty?: boolean;
}

export async function runAction(path: string, opts: RunOptions): Promise<void> {
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
}
