/**
 * Reads the alternative data columns of the robustness analysis's data factors (another
 * denominator column, another vintage of an indicator: src/robustness/dataVariants.ts) through
 * the loader's own indicator reader, so an alternative column gets every check a declared one
 * gets (a row per area, numbers, no negative counts or zero denominators), each problem located
 * by file, row and column.
 */
import type { IndicatorSpec } from '../core/framework.ts';
import { InputError, type Problem } from '../core/errors.ts';
import type { IndicatorData } from '../core/types.ts';
import { relative } from 'node:path';
import { readIndicatorData, type Loaded } from './loadFramework.ts';

/**
 * The data of each patched indicator-table row in `specs` (same order), aligned to the areas as
 * the framework's own rows are. Files read are added to `loaded.hashes`. Throws an InputError
 * listing every problem.
 */
export function loadVariantData(loaded: Loaded, specs: readonly IndicatorSpec[]): IndicatorData[] {
  if (specs.length === 0) return [];
  const problems: Problem[] = [];
  // each row read under its own id, never optional: a declared alternative that is absent is an error
  const rows = specs.map((s, k) => ({ ...s, id: `variant_${k}`, optional: false }));
  const { data } = readIndicatorData(
    { ...loaded.framework, indicators: rows },
    `${relative(loaded.dir, loaded.path) || 'framework.yaml'} (robustness.factors)`,
    loaded.inputs.areas,
    loaded.dir,
    (abs, sha256) => (loaded.hashes[relative(loaded.dir, abs)] ??= sha256),
    problems,
  );
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length) throw InputError.of(errors);
  return rows.map((r) => data[r.id]);
}
