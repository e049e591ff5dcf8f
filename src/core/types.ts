/**
 * Core data shapes. Columns are typed arrays indexed by area; NaN means missing.
 */
import type { Framework, Methods } from './framework.ts';

/** The ranked areas (wards) and their parents (boroughs). */
export interface Areas {
  codes: string[];
  names: string[];
  /** Index into parentCodes for each area. */
  parent: Int32Array;
  parentCodes: string[];
  parentNames: string[];
  /** Residents per area (NaN where unknown); weights the borough summaries. */
  population: Float64Array;
  /**
   * 0/1 flags per area from the areas file's `areas.flag_columns` (e.g. central_activity), carried into the outputs.
   */
  flags?: Record<string, Uint8Array>;
}

/** One indicator's loaded data, aligned to the areas (level ward) or to the parents (level borough). */
export interface IndicatorData {
  values: Float64Array;
  denominator?: Float64Array;
}

/** What the I/O layer hands the pipeline: areas and raw columns. */
export interface Inputs {
  areas: Areas;
  data: Record<string, IndicatorData>;
  /** Indicators that were declared but cannot be used, with why (no public source, no data supplied). */
  excluded: Excluded[];
}

export interface Excluded {
  id: string;
  reason: string;
}

/** The run log: one record per step, so any result can be regenerated and explained. */
export interface StepRecord {
  step: string;
  settings: unknown;
  notes: string[];
}

export interface TreatmentRecord {
  indicator: string;
  skewBefore: number;
  kurtosisBefore: number;
  action: 'none' | 'winsorised' | 'log' | 'transform-only';
  winsorised: number;
  skewAfter: number;
  kurtosisAfter: number;
}

export interface BoroughSummary {
  code: string;
  name: string;
  wards: number;
  rankedWards: number;
  /** Population-weighted mean index score. */
  averageScore: number;
  /** Population-weighted mean ward rank. */
  averageRank: number;
  /** Share of population in the top 10 % of wards plus a sliding scale to 30 % (IoD 2019 "extent"). */
  extent: number;
  /** Population-weighted mean rank of the borough's highest-priority wards holding 10 % of its population. */
  localConcentration: number;
  /** Share of the borough's ranked wards in London's top decile. */
  topDecileShare: number;
  /** 1 = highest priority borough by average score. */
  rankOfAverageScore: number;
}

/** Everything a run produces. Consumers read this; they never reach into a step. */
export interface Result {
  framework: Framework;
  methods: Methods;
  areas: Areas;
  /** Indicators used, in framework order. */
  indicatorIds: string[];
  /** After denominate + apportion (ward level): crude rates, not smoothed. */
  raw: Record<string, Float64Array>;
  /**
   * Smoothed rates that entered imputation in place of `raw`, for smoothed indicators only (empty with smoothing off).
   */
  smoothed: Record<string, Float64Array>;
  /** After imputation and outlier treatment. */
  treated: Record<string, Float64Array>;
  /** Normalised, direction applied: higher = higher priority. */
  normalised: Record<string, Float64Array>;
  /** 1 where the raw value was imputed. */
  imputed: Record<string, Uint8Array>;
  measureIds: string[];
  categoryIds: string[];
  measures: Record<string, Float64Array>;
  categories: Record<string, Float64Array>;
  /** Exponentially transformed category scores X (combine: exponential only; empty otherwise). */
  transformed: Record<string, Float64Array>;
  /**
   * Effective (renormalised) weights used: indicator within measure, measure within category, category within index.
   */
  weights: { indicators: Record<string, number>; measures: Record<string, number>; categories: Record<string, number> };
  index: Float64Array;
  /** 1 = highest priority; ties averaged; NaN = not ranked. */
  rank: Float64Array;
  /** 1 = top 10 % (highest priority); 0 = not ranked. */
  decile: Uint8Array;
  /** Rank within the parent (borough). */
  parentRank: Float64Array;
  boroughs: BoroughSummary[];
  excluded: Excluded[];
  treatment: TreatmentRecord[];
  log: StepRecord[];
  warnings: string[];
}

/** One row of a robustness run's `robustness.csv` (rank distribution over the sampled choices). */
export interface RobustnessRow {
  nominal_rank: number;
  median_rank: number;
  p05_rank: number;
  p95_rank: number;
  p_top_k: number;
  p_top_decile: number;
}
