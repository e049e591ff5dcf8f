/** The output interval [l, u] of min-max and goalposts scaling (COINr's `l_u`); l < u; absent = [0, 100]. */
import * as z from 'zod';

export const rangeParam = {
  range: z
    .tuple([z.number().finite(), z.number().finite()])
    .refine(([l, u]) => l < u, 'range [l, u] needs l < u')
    .optional(),
};
