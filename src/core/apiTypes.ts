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
}

/** Explanation as JSON: NaN travels as null. */
export type ExplanationJson = Explanation;

/** `GET /api/wards/:code`. */
export interface WardDetail {
  ward: WardRow;
  explain: ExplanationJson;
  raw: Record<string, { value: number | null; unit: string; level: string; name: string }>;
  robustness: Robustness | null;
  pilot: unknown;
}
