/**
 * What several commands do after parsing: load a framework, prepare and score it (timed), print
 * its warnings and the top of its ranking. Commands import this module when they run, so
 * `wardrank --help` never loads the framework reader (yaml, zod) or the pipeline.
 */
import { basename } from 'node:path';
import { formatProblem, InputError } from '../core/errors.ts';
import { nonFiniteProblems } from '../io/nonFinite.ts';
import { topDrivers } from '../core/explain.ts';
import { prepare, score, type Prepared } from '../core/run.ts';
import type { Result } from '../core/types.ts';
import { loadFramework, type Loaded } from '../io/loadFramework.ts';
import { fmt, fmtRank, textTable } from './format.ts';

/**
 * Loads, prepares and scores; an infinite value at any step, or an empty ranking (no area ranked)
 * unless `allowEmpty`, is an input error. `geometry: false` for a command whose output does not use
 * the boundary and basemap files leaves them unread (LoadOptions).
 */
export function timedRun(
  path: string,
  options: { allowEmpty?: boolean; geometry?: boolean } = {},
): { loaded: Loaded; prepared: Prepared; result: Result; timings: Record<string, number> } {
  const t0 = performance.now();
  const loaded = loadFramework(path, { geometry: options.geometry });
  const t1 = performance.now();
  const prepared = prepare(loaded.framework, loaded.inputs);
  const result = score(prepared);
  const infinite = nonFiniteProblems(result);
  if (infinite.length) throw InputError.of(infinite);
  if (!options.allowEmpty) refuseEmptyRanking(path, result, '--allow-empty to write an empty ranking on purpose');
  const t2 = performance.now();
  return { loaded, prepared, result, timings: { loadMs: t1 - t0, pipelineMs: t2 - t1 } };
}

/**
 * An empty ranking (no area ranked) is not a result: an input error
 * naming the framework file, what it holds and what would do.
 */
export function refuseEmptyRanking(
  path: string,
  result: Pick<Result, 'rank' | 'indicatorIds' | 'areas'>,
  otherwise?: string,
): void {
  if (result.rank.some((r) => r === r)) return;
  throw new InputError(
    `no area is ranked: ${result.indicatorIds.length} indicator(s) in the run, ${result.areas.codes.length} area(s), none with enough data to be ranked; nothing was written`,
    {
      file: basename(path),
      expected: `data for the indicators${otherwise ? `, or ${otherwise}` : ''}`,
    },
  );
}

export function printWarnings(loaded: Loaded, result: Result): void {
  for (const w of loaded.warnings) process.stderr.write(`warning: ${formatProblem(w)}\n`);
  for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
  for (const x of result.excluded) process.stderr.write(`excluded: ${x.id}: ${x.reason}\n`);
}

export function topTable(result: Result, n: number): string {
  const order = Array.from(result.rank.keys())
    .filter((i) => result.rank[i] === result.rank[i])
    .sort((a, b) => result.rank[a] - result.rank[b])
    .slice(0, n);
  const rows = order.map((i) => [
    fmtRank(result.rank[i]),
    result.areas.names[i],
    result.areas.parentNames[result.areas.parent[i]] ?? '',
    fmt(result.index[i], 3),
    topDrivers(result, i, 3)
      .map((m) => m.name)
      .join('; '),
  ]);
  return textTable(['rank', 'area', 'borough', 'index', 'pushed up most by'], rows, ['r', 'l', 'l', 'r', 'l']);
}
