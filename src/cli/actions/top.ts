/** `wardrank top`: the highest-priority areas and what pushed them up most. */
import { timedRun, topTable } from '../pipeline.ts';

export function topAction(path: string, opts: { n: number }): void {
  // the ranking never reads geometry, so the boundary and basemap files are not read
  const { result } = timedRun(path, { geometry: false });
  process.stdout.write(topTable(result, opts.n) + '\n');
}
