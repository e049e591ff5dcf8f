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
