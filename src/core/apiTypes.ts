/**
 * Shapes of the server's JSON API that the server writes and the map reads (docs/api.md):
 * one definition for both sides. Missing numbers travel as null (JSON has no NaN).
 */
import type { Explanation } from './explain.ts';
import type { BasemapKind } from './framework.ts';

/** One ward in `GET /api/wards`. */
export interface WardRow {
  code: string;
  name: string;
  borough_code: string;
  borough_name: string;
  rank: number | null;
  decile: number | null;
  index: number | null;
  categories: Record<string, number | null>;
  measures: Record<string, number | null>;
  indicators: Record<string, number | null>;
  /** areas.flag_columns (0/1), e.g. central_activity; absent when the framework declares none. */
  flags?: Record<string, number>;
}

/** `GET /api/indexes`: the indexes one server serves (the first at `/`, others under `/<id>/`). */
export interface IndexesResponse {
  /** The id of the index that answered ('' = the default one at `/`). */
  current: string;
  indexes: {
    id: string;
    name: string;
    /** Path of its map page relative to the server root: '' or `<id>/`. */
    path: string;
    wards: number;
    ranked: number;
    default: boolean;
  }[];
}

/**
 * One borough in `GET /api/boroughs`: the columns of the run's boroughs.csv (same function,
 * `boroughSummaries` in core/steps/boroughSummary.ts, so the same numbers).
 */
export interface BoroughRow {
  code: string;
  name: string;
  wards: number;
  ranked_wards: number;
  average_score: number | null;
  average_rank: number | null;
  extent: number | null;
  local_concentration: number | null;
  top_decile_share: number | null;
  rank_of_average_score: number | null;
}

/**
 * `GET /api/monthly/:code`: the monthly recorded-crime counts of one ward beside its borough
 * and London, from the framework's `monthly` series (monthly_crime.csv). `borough` and `london`
 * are the mean count per ward over the wards with data in the borough / in all of London, so
 * the three lines share a scale.
 */
export interface MonthlyResponse {
  code: string;
  name: string;
  borough_name: string;
  period: string;
  source: string;
  /** The primary outcome series id (shown first). */
  primary: string;
  /** `YYYY-MM`, consecutive. */
  months: string[];
  series: {
    id: string;
    /** The ward's counts; null when the ward has no data (e.g. the City of London). */
    ward: number[] | null;
    borough: number[];
    london: number[];
    borough_wards: number;
    london_wards: number;
  }[];
}

/** `GET /api/framework`. */
export interface FrameworkInfo {
  name: string;
  description: string;
  categories: { id: string; name: string; weight: number }[];
  measures: { id: string; name: string; category: string; weight: number }[];
  indicators: {
    id: string;
    name: string;
    measure: string;
    level: 'ward' | 'borough';
    direction: 1 | -1;
    unit: string;
    status: string;
    source: string;
    period: string;
    licence: string;
    used: boolean;
  }[];
  methods: unknown;
  weights: { categories: Record<string, number>; measures: Record<string, number>; indicators: Record<string, number> };
  excluded: { id: string; reason: string }[];
  attribution: string[];
  topK: number;
  /** The monthly crime series the server serves at api/monthly/<code> (null or absent: none). */
  monthly?: { period: string; source: string; primary: string } | null;
  /** Where the geometry is (the server adds it; older servers do not). */
  geo?: { boundaries: string | null; basemap: { id: string; name: string; kind: BasemapKind; url: string }[] };
}

/** `GET /api/wards`. */
export interface WardsResponse {
  wards: WardRow[];
  medians: { categories: Record<string, number>; measures: Record<string, number> };
}

/** A ward's rank interval in `GET /api/wards/:code` (from robustness.csv). */
export interface Robustness {
  median_rank: number | null;
  p05_rank: number | null;
  p95_rank: number | null;
  p_top_k: number | null;
  p_top_decile: number | null;
}

export interface PilotRow {
  pilot: number | string;
  code: string;
  name: string;
  borough_code: string;
  borough_name: string;
  rank: number;
  decile: number;
  index: number;
  top_measures: unknown;
  reason: string;
}

export interface ComparisonRow {
  pilot_code: string;
  code: string;
  name: string;
  borough_name: string;
  distance: number;
  rank: number;
}

/** `GET /api/pilots`. */
export interface PilotsResponse {
  pilots: PilotRow[];
  comparisons: ComparisonRow[];
  note?: string;
  /** pilots/balance.csv rows, when the selection has one. */
  balance?: Record<string, string | number | null>[];
  /** The files in the pilots folder (names only). */
  files?: string[];
}

/** Explanation as JSON: NaN travels as null. */
export type ExplanationJson = Explanation;

/** `GET /api/wards/:code`. */
export interface WardDetail {
  ward: WardRow;
  explain: ExplanationJson;
  raw: Record<
    string,
    {
      value: number | null;
      median?: number | null;
      unit: string;
      level: string;
      name: string;
      status?: string;
      period?: string;
    }
  >;
  robustness: Robustness | null;
  pilot: unknown;
}
