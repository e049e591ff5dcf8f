/**
 * The server's read-only JSON API, as the map sees it (the contract in docs/map.md). Every URL is
 * relative, so the page works wherever the server mounts it. Missing numbers arrive as null.
 */
import type { PreparedBundle } from '../../src/core/bundle.ts';
import type { Explanation } from '../../src/core/explain.ts';
import type { WardRow } from '../../src/core/apiTypes.ts';

export type { WardRow };

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
  geo?: { boundaries: string | null; basemap: { id: string; name: string; url: string }[] };
}

export interface WardsResponse {
  wards: WardRow[];
  medians: { categories: Record<string, number>; measures: Record<string, number> };
}

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

export interface PilotsResponse {
  pilots: PilotRow[];
  comparisons: ComparisonRow[];
  note?: string;
}

type Rec = Record<string, unknown>;
const text = (r: Rec, keys: string[]) => {
  for (const k of keys) if (typeof r[k] === 'string' && r[k] !== '') return r[k] as string;
  return '';
};

/**
 * The pilot tables pass through the server as CSV records, so column names may vary a little
 * (`code` or `ward_code`; `pilot_code` or `pilot`): read them the way the server's pilotRole does.
 */
export function normalisePilots(raw: PilotsResponse): PilotsResponse {
  const pilots = (raw.pilots ?? []).map((r) => ({ ...r, code: text(r as unknown as Rec, ['code', 'ward_code']) }));
  const comparisons = (raw.comparisons ?? []).map((r) => ({
    ...r,
    code: text(r as unknown as Rec, ['code', 'comparison_code', 'ward_code']),
    pilot_code: text(r as unknown as Rec, ['pilot_code', 'pilot']),
  }));
  return { pilots: pilots.filter((p) => p.code), comparisons: comparisons.filter((c) => c.code), note: raw.note };
}

/** Explanation as JSON: NaN travels as null. */
export type ExplanationJson = Explanation;

export interface WardDetail {
  ward: WardRow;
  explain: ExplanationJson;
  raw: Record<string, { value: number | null; median?: number | null; unit: string; level: string; name: string; status?: string; period?: string }>;
  robustness: Robustness | null;
  pilot: unknown;
}

export type GeoJson = GeoJSON.FeatureCollection;

/** GET a JSON document relative to the page; throws with the status on failure. */
export async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(path, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

export type { PreparedBundle };
