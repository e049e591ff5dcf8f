/**
 * Rank: y = r, the ascending rank of d·x among the reference set (1 … m, ties averaged).
 * Reference: OECD/JRC (2008) Handbook Table 3 ("ranking"); COINr `n_rank`.
 */
import type { Normaliser } from './types.ts';
import { directed } from './types.ts';
import { rankAmong } from '../../stats/rankAmong.ts';

export const rank: Normaliser<'rank'> = {
  id: 'rank',
  formula: 'r = ascending rank of d·x (1 … m, ties averaged)',
  reference: 'OECD/JRC Handbook Table 3; COINr n_rank',
  params: {},
  positive: true,
  apply(x, direction, _p, ctx) {
    return rankAmong(directed(x, direction), ctx.ref).ranks;
  },
};
