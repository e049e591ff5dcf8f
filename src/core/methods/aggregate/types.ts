/**
 * An aggregation method (a weighted mean of member columns, row by row, with weights
 * renormalised over the values present and a coverage threshold): one file per method, one
 * entry in `registry.ts`. The framework schema, the docs table and the robustness method lists
 * read the registry.
 */
import type { core } from 'zod/mini';
import type { RowMeanBuffers } from '../../stats/weightedMean.ts';

export interface Aggregator<Id extends string = string> {
  id: Id;
  /** One line: the formula, as the docs table shows it. */
  formula: string;
  reference: string;
  /** zod shape of the method's settings (none so far; kept so a method can declare some). */
  params: core.$ZodShape;
  /** True when every input must be > 0 (the normalised indicators are then put on a positive scale). */
  needsPositive: boolean;
  /**
   * Row-wise weighted mean; a row whose present weight share is below `minCoverage` gets NaN.
   * `logged`: the columns already hold ln x (geometric only; callers reusing columns take each
   * logarithm once).
   */
  mean(
    columns: readonly Float64Array[],
    weights: readonly number[],
    minCoverage: number,
    n: number,
    into?: RowMeanBuffers,
    logged?: boolean,
  ): { value: Float64Array; coverage: Float64Array };
}
