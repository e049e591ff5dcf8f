/**
 * Percentile: y = 100·(r − ½)/m (Hazen plotting position), r the rank of d·x among the m
 * members of the reference set. Reference: OECD/JRC (2008) Handbook Table 3 ("percentiles").
 */
import type { Normaliser } from './types.ts';
import { directed } from './types.ts';
import { rankAmong } from '../../stats/rankAmong.ts';

export const percentile: Normaliser<'percentile'> = {
  id: 'percentile',
  formula: '100·(r − ½) / m',
  reference: 'OECD/JRC Handbook Table 3 (percentiles, Hazen position)',
  params: {},
  positive: true,
  apply(x, direction, _p, ctx) {
    const { ranks, members } = rankAmong(directed(x, direction), ctx.ref);
    for (let i = 0; i < ranks.length; i++) ranks[i] = (100 * (ranks[i] - 0.5)) / members;
    return ranks;
  },
};
