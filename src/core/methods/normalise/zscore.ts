/**
 * z-score: y = d·(x − x̄)/s, mean and (Bessel-corrected) SD over the reference set; a constant
 * column gives 0. Reference: OECD/JRC (2008) Handbook §1.6, Table 3 ("standardisation");
 * COINr `n_zscore`.
 */
import type { Normaliser } from './types.ts';
import { moments } from '../../stats/moments.ts';
import { membersOnly } from '../../stats/referenceMask.ts';

export const zscore: Normaliser<'zscore'> = {
  id: 'zscore',
  formula: 'd·(x − mean) / sd',
  reference: 'OECD/JRC Handbook Table 3; COINr n_zscore',
  params: {},
  positive: false,
  apply(x, direction, _p, ctx) {
    // moments of d·x are d·x̄ and s (d = ±1: exact), so one pass writes (x − x̄)·(d/s);
    // "+ 0" keeps a value at the mean +0 rather than −0 when d = −1
    const { mean, sd } = moments(membersOnly(x, ctx.ref));
    const scale = sd > 0 ? direction / sd : 0;
    const y = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) y[i] = (x[i] - mean) * scale + 0;
    return y;
  },
};
