/**
 * One `wardrank run` output as `compare` reads it (src/io/readRunFolder.ts)
 * and compares it (src/robustness/compareRuns.ts).
 */
export interface RunTable {
  /** Label (the folder) for messages. */
  label: string;
  codes: string[];
  names: string[];
  parentNames: string[];
  rank: Float64Array;
  index: Float64Array;
  /** Measure and category score columns, by id. */
  measures: Record<string, Float64Array>;
  categories: Record<string, Float64Array>;
  /** Each measure's category. */
  measureCategory: Record<string, string>;
  /** Effective weights from the manifest: measures within their category, categories in the index. */
  weights: { measures: Record<string, number>; categories: Record<string, number> };
  /** The manifest's methods (compared for the summary). */
  methods: Record<string, unknown>;
  /** Every aggregation arithmetic and combination arithmetic: contributions add up to the index. */
  exact: boolean;
}
