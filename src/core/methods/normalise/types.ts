/**
 * A normalisation method: one file per method, one entry in `registry.ts`. `params` is the zod
 * shape of the method's own keys in `methods.normalise` (the framework schema merges them), and
 * `apply` maps one indicator column onto the common scale, direction applied (higher = higher
 * priority), taking any statistic from the reference set only (see stats/referenceMask.ts).
 */
import type { core } from 'zod/mini';

/**
 * 1: a higher value means higher priority; −1: the reverse (framework.ts's
 * Direction; not imported, so the registry does not depend on the schema it feeds).
 */
export type Direction = 1 | -1;

export interface NormaliseContext {
  /** Reference set (1 = member); undefined = every area. */
  ref?: Uint8Array;
  /** The indicator's goalposts (indicator table `goal_low`, `goal_high`), in its own units. */
  goalposts?: { low?: number; high?: number };
  /** The indicator id, for error messages. */
  indicator?: string;
}

export interface Normaliser<Id extends string = string, P = Record<string, unknown>> {
  id: Id;
  /** One line: the formula, as the docs table shows it. */
  formula: string;
  /** Where the method comes from. */
  reference: string;
  /** zod shape of this method's settings (besides `method`); keys may be shared between methods. */
  params: core.$ZodShape;
  /** True when every output is > 0 for any settings (geometric means can take it as is). */
  positive: boolean;
  apply(x: Float64Array, direction: Direction, params: P, ctx: NormaliseContext): Float64Array;
}

/** Direction applied: d·x. */
export function directed(x: Float64Array, direction: Direction): Float64Array {
  const y = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) y[i] = direction * x[i];
  return y;
}
