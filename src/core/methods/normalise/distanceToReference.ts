/**
 * Distance to a reference: y = 100·(d·x − ref)/(max − min), with ref = the median or the
 * maximum of d·x over the reference set, or a number in the indicator's units (then d·number);
 * a constant column gives 0. Reference: OECD/JRC (2008) Handbook Table 3 ("distance to a
 * reference").
 */
import * as z from '../../zod.ts';
import type { Normaliser } from './types.ts';
import { directed } from './types.ts';
import { extent } from '../../stats/moments.ts';
import { median } from '../../stats/quantile.ts';
import { membersOnly } from '../../stats/referenceMask.ts';

type Ref = 'median' | 'max' | number;

export const distanceToReference: Normaliser<'distance-to-reference', { reference: Ref }> = {
  id: 'distance-to-reference',
  formula: '100·(d·x − ref) / (max − min), ref = reference: median, max or a number',
  reference: 'OECD/JRC Handbook Table 3',
  params: { reference: z._default(z.union([z.literal('median'), z.literal('max'), z.number()]), 'median') },
  positive: false,
  apply(x, direction, p, ctx) {
    const reference = p.reference ?? 'median';
    const y = directed(x, direction);
    const members = membersOnly(y, ctx.ref);
    const [lo, hi] = extent(members);
    const ref = reference === 'median' ? median(members) : reference === 'max' ? hi : direction * reference;
    const width = hi - lo;
    for (let i = 0; i < y.length; i++) y[i] = width > 0 ? (100 * (y[i] - ref)) / width : y[i] === y[i] ? 0 : NaN;
    return y;
  },
};
