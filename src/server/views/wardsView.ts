/**
 * `GET /api/wards`: one row per ward (rank, decile, index, category and measure scores,
 * normalised indicators; missing → null) and the London-wide median of each category and
 * measure, which the map draws as the reference line in a ward's profile.
 */
import { median } from '../../core/stats/quantile.ts';
import type { Result } from '../../core/types.ts';
import type { WardRow } from '../../core/apiTypes.ts';

export type { WardRow };

/** A finite number, or null (JSON has no NaN). */
export function jsonNumber(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

export function wardRow(result: Result, i: number): WardRow {
  const a = result.areas;
  const by = (ids: readonly string[], cols: Record<string, ArrayLike<number>>) =>
    Object.fromEntries(ids.map((id) => [id, jsonNumber(cols[id][i])]));
  return {
    code: a.codes[i],
    name: a.names[i],
    borough_code: a.parentCodes[a.parent[i]] ?? '',
    borough_name: a.parentNames[a.parent[i]] ?? '',
    rank: jsonNumber(result.rank[i]),
    // decile 0 means "not ranked"
    decile: result.decile[i] === 0 ? null : result.decile[i],
    index: jsonNumber(result.index[i]),
    categories: by(result.categoryIds, result.categories),
    measures: by(result.measureIds, result.measures),
    indicators: by(result.indicatorIds, result.normalised),
    ...(a.flags ? { flags: Object.fromEntries(Object.entries(a.flags).map(([k, v]) => [k, v[i]])) } : {}),
  };
}

export function wardsView(result: Result) {
  const medians = (ids: readonly string[], cols: Record<string, Float64Array>) =>
    Object.fromEntries(ids.map((id) => [id, jsonNumber(median(cols[id]))]));
  return {
    wards: result.areas.codes.map((_, i) => wardRow(result, i)),
    medians: {
      categories: medians(result.categoryIds, result.categories),
      measures: medians(result.measureIds, result.measures),
    },
  };
}
