/**
 * Weighted arithmetic mean: y = Σ wᵢ·xᵢ / Σ wᵢ over the values present. Fully compensatory.
 * Reference: OECD/JRC (2008) Handbook §1.7 ("linear aggregation"); COINr `a_amean`.
 */
import type { Aggregator } from './types.ts';
import { weightedRowMean } from '../../stats/weightedMean.ts';

export const arithmetic: Aggregator<'arithmetic'> = {
  id: 'arithmetic',
  formula: 'Σ w·x / Σ w',
  reference: 'OECD/JRC Handbook §1.7; COINr a_amean',
  params: {},
  needsPositive: false,
  mean: (columns, weights, minCoverage, n, into) =>
    weightedRowMean(columns, weights, 'arithmetic', minCoverage, n, into),
};
