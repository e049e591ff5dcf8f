/** `wardrank validate`: every problem of a framework and its data at once. */
import { formatProblem } from '../../core/errors.ts';
import { validateFramework } from '../../io/loadFramework.ts';

export function validateAction(path: string): void {
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
}
