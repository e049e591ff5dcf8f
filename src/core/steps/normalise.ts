/**
 * Step "normalise": put indicators on a common scale, with direction applied so that a higher
 * normalised value always means higher priority (each method normalises d·x, d = ±1).
 *
 * The methods are the registry's (src/core/methods/normalise/, one file each, formulas in
 * docs/methods.md). Every statistic a method uses (mean, SD, min, max, median, ranks) is taken
 * over the reference set `ref` — by default the areas the framework ranks — and the fitted
 * transformation is applied to every area, so an unranked area never moves the others' values.
 */
import type { Direction, IndicatorSpec, Methods, NormaliseMethod } from '../framework.ts';
import type { StepRecord } from '../types.ts';
import { extent } from '../stats/moments.ts';
import { membersOnly } from '../stats/referenceMask.ts';
import { normaliser } from '../methods/normalise/registry.ts';
import type { NormaliseContext } from '../methods/normalise/types.ts';

export function normalise(
  columns: Readonly<Record<string, Float64Array>>,
  directions: Readonly<Record<string, Direction>>,
  settings: Methods['normalise'],
  ref?: Uint8Array,
  specs?: readonly IndicatorSpec[],
): { columns: Record<string, Float64Array>; record: StepRecord } {
  const out: Record<string, Float64Array> = {};
  const notes: string[] = [];
  const specById = new Map((specs ?? []).map((s) => [s.id, s]));
  for (const [id, col] of Object.entries(columns)) {
    const spec = specById.get(id);
    out[id] = normaliseColumnWith(col, directions[id] ?? 1, settings, {
      ref,
      indicator: id,
      goalposts: spec ? { low: spec.goal_low, high: spec.goal_high } : undefined,
    });
    const [lo, hi] = extent(membersOnly(col, ref));
    if (lo === hi) notes.push(`${id}: constant across areas; it cannot separate them`);
  }
  return { columns: out, record: { step: 'normalise', settings, notes } };
}

/** One column under full settings (method and its parameters) and a context (reference set, goalposts). */
export function normaliseColumnWith(
  x: Float64Array,
  direction: Direction,
  settings: Methods['normalise'],
  ctx: NormaliseContext = {},
): Float64Array {
  return normaliser(settings.method).apply(x, direction, settings as unknown as Record<string, unknown>, ctx);
}

/** One column by method name (and `reference` for distance-to-reference), over every area. */
export function normaliseColumn(
  x: Float64Array,
  direction: Direction,
  method: NormaliseMethod,
  reference: Methods['normalise']['reference'] = 'median',
): Float64Array {
  return normaliser(method).apply(x, direction, { reference, range: [0, 100] }, {});
}
