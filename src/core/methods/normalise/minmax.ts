/**
 * Min-max: y = l + (u − l)·(d·x − min)/(max − min), min and max of d·x over the reference set,
 * [l, u] = `range` (default [0, 100]; COINr's geometric-mean example uses [1, 100]). A constant
 * column gives the midpoint (l + u)/2. Reference: OECD/JRC (2008) Handbook §1.6, Table 3;
 * COINr `n_minmax` (argument `l_u`).
 */
import type { Normaliser } from './types.ts';
import { directed } from './types.ts';
import { extent } from '../../stats/moments.ts';
import { membersOnly } from '../../stats/referenceMask.ts';
import { rangeParam } from './range.ts';

export const minmax: Normaliser<'minmax', { range?: [number, number] }> = {
  id: 'minmax',
  formula: 'l + (u − l)·(d·x − min) / (max − min), [l, u] = range (default [0, 100])',
  reference: 'OECD/JRC Handbook Table 3; COINr n_minmax',
  params: rangeParam,
  positive: false,
  apply(x, direction, p, ctx) {
    const [l, u] = p.range ?? [0, 100];
    const y = directed(x, direction);
    const [lo, hi] = extent(membersOnly(y, ctx.ref));
    const width = hi - lo;
    for (let i = 0; i < y.length; i++)
      y[i] = width > 0 ? l + ((u - l) * (y[i] - lo)) / width : y[i] === y[i] ? (l + u) / 2 : NaN;
    return y;
  },
};
