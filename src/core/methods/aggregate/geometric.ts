/**
 * Weighted geometric mean: y = exp(Σ wᵢ·ln xᵢ / Σ wᵢ) = Π xᵢ^(wᵢ/Σw) over the values present.
 * Partially compensatory: a low value is not fully offset by a high one. Every input must be
 * > 0: as in COINr (`a_gmean` stops at values ≤ 0) the inputs are never rescaled here — the
 * pipeline puts the normalised *indicators* on a positive scale once (see
 * steps/positiveScale.ts) and aggregates above them are means of positive values.
 * Reference: OECD/JRC (2008) Handbook §1.7 ("geometric aggregation"); COINr `a_gmean`.
 */
import type { Aggregator } from './types.ts';
import { weightedRowMean } from '../../stats/weightedMean.ts';

export const geometric: Aggregator<'geometric'> = {
  id: 'geometric',
  formula: 'exp(Σ w·ln x / Σ w), every x > 0',
  reference: 'OECD/JRC Handbook §1.7; COINr a_gmean',
  params: {},
  needsPositive: true,
  mean: (columns, weights, minCoverage, n, into, logged) =>
    weightedRowMean(columns, weights, 'geometric', minCoverage, n, into, logged),
};
