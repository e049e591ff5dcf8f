/**
 * Rank-based normal scores: y = Φ⁻¹((r − ½)/m), r the rank of d·x among the m members of the
 * reference set. Reference: MHCLG (2019) English Indices of Deprivation 2019 Technical Report
 * §3.6 ("rank-based normal transformation").
 */
import type { Normaliser } from './types.ts';
import { directed } from './types.ts';
import { rankAmong } from '../../stats/rankAmong.ts';
import { inverseNormalCdf } from '../../stats/inverseNormalCdf.ts';

export const normalScores: Normaliser<'normal-scores'> = {
  id: 'normal-scores',
  formula: 'Φ⁻¹((r − ½) / m)',
  reference: 'IoD 2019 Technical Report §3.6',
  params: {},
  positive: false,
  apply(x, direction, _p, ctx) {
    const { ranks, members } = rankAmong(directed(x, direction), ctx.ref);
    for (let i = 0; i < ranks.length; i++)
      ranks[i] = ranks[i] === ranks[i] ? inverseNormalCdf((ranks[i] - 0.5) / members) : NaN;
    return ranks;
  },
};
