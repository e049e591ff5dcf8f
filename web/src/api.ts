/**
 * The server's read-only JSON API, as the map sees it (the contract in docs/map.md). Every URL is
 * relative, so the page works wherever the server mounts it. Missing numbers arrive as null.
 */
import type { PreparedBundle } from '../../src/core/bundle.ts';
import type {
  ComparisonRow,
  ExplanationJson,
  FrameworkInfo,
  PilotRow,
  PilotsResponse,
  Robustness,
  WardDetail,
  WardRow,
  WardsResponse,
} from '../../src/core/apiTypes.ts';

export type {
  ComparisonRow,
  ExplanationJson,
  FrameworkInfo,
  PilotRow,
  PilotsResponse,
  Robustness,
  WardDetail,
  WardRow,
  WardsResponse,
};

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
  return {
    pilots: pilots.filter((p) => p.code),
    comparisons: comparisons.filter((c) => c.code),
    note: raw.note,
    balance: raw.balance,
    files: raw.files,
  };
}

export type GeoJson = GeoJSON.FeatureCollection;

/** GET a JSON document relative to the page; throws with the status on failure. */
export async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(path, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

export type { PreparedBundle };
