/** The output interval [l, u] of min-max and goalposts scaling (COINr's `l_u`); l < u; absent = [0, 100]. */
import * as z from '../../zod.ts';

export const rangeParam = {
  // zod numbers are finite (Infinity is rejected)
  range: z.optional(z.tuple([z.number(), z.number()]).check(z.refine(([l, u]) => l < u, 'range [l, u] needs l < u'))),
};
