/**
 * Goalposts (distance to target): each indicator declares its goalposts L = `goal_low` and
 * U = `goal_high` in the indicator table (its own units, as the value enters normalisation),
 *
 *   direction  1:  y = l + (u − l)·clamp((x − L)/(U − L), 0, 1)
 *   direction −1:  y = l + (u − l)·clamp((U − x)/(U − L), 0, 1)
 *
 * with [l, u] = `range` (default [0, 100]): u where the target is reached (x ≥ U, or x ≤ L for
 * direction −1), l at or beyond the other goalpost. No statistic of the data is used, so the
 * scale is fixed across areas and periods. Reference: OECD/JRC (2008) Handbook Table 3
 * ("distance to a reference / target"); COINr `n_goalposts`; UNDP Human Development Index.
 */
import type { Normaliser } from './types.ts';
import { rangeParam } from './range.ts';

export const goalposts: Normaliser<'goalposts', { range?: [number, number] }> = {
  id: 'goalposts',
  formula: 'l + (u − l)·clamp((x − L)/(U − L), 0, 1); direction −1: (U − x)/(U − L); L, U = goal_low, goal_high',
  reference: 'OECD/JRC Handbook Table 3; COINr n_goalposts',
  params: rangeParam,
  positive: false,
  apply(x, direction, p, ctx) {
    const L = ctx.goalposts?.low;
    const U = ctx.goalposts?.high;
    if (L === undefined || U === undefined || !(U > L)) {
      throw new Error(
        `goalposts normalisation: indicator ${ctx.indicator ?? '?'} needs goal_low < goal_high in the indicator table (got ${L}, ${U})`,
      );
    }
    const [l, u] = p.range ?? [0, 100];
    const y = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) {
      const v = x[i];
      const t = direction === 1 ? (v - L) / (U - L) : (U - v) / (U - L);
      y[i] = v === v ? l + (u - l) * Math.min(1, Math.max(0, t)) : NaN;
    }
    return y;
  },
};
