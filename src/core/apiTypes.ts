/**
 * Shapes of the server's JSON API that the server writes and the map reads (docs/api.md):
 * one definition for both sides. Missing numbers travel as null (JSON has no NaN).
 */

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
