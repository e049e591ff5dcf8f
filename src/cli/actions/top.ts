/** `wardrank top`: the highest-priority areas and what pushed them up most. */
import { timedRun, topTable } from '../pipeline.ts';

export function topAction(path: string, opts: { n: number }): void {
  const { result } = timedRun(path);
  process.stdout.write(topTable(result, opts.n) + '\n');
}
