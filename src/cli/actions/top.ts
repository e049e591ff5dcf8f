/** `wardrank top`: the highest-priority areas and what pushed them up most. */
import { timedRun, topTable } from '../pipeline.ts';

export function topAction(path: string, opts: { n: number }): void {
  // top prints no warnings, so it skips the checks that can only warn
  const { result } = timedRun(path, { warnings: false });
  process.stdout.write(topTable(result, opts.n) + '\n');
}
