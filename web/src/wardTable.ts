/**
 * What the map shows, one typed column per variable, aligned to the ward order: built either
 * from the server's published results (`/api/wards`) or from a `Result` re-run in the browser
 * (what-if). Variables are keyed 'index', 'category:<id>', 'measure:<id>', 'indicator:<id>';
 * every score is "higher = higher priority" (direction is applied at normalisation).
 */
import type { Result } from '../../src/core/types.ts';
import type { WardRow } from './api.ts';

export interface WardTable {
  codes: string[];
  names: string[];
  boroughCodes: string[];
  boroughNames: string[];
  /** 1 = highest priority; NaN = not ranked. */
  rank: Float64Array;
  /** 1 = top 10 %; 0 = not ranked. */
  decile: Uint8Array;
  columns: Record<string, Float64Array>;
}

const nan = (v: number | null | undefined) => (v === null || v === undefined ? NaN : v);

export function tableFromApi(rows: readonly WardRow[]): WardTable {
  const n = rows.length;
  const columns: Record<string, Float64Array> = { index: Float64Array.from(rows, (r) => nan(r.index)) };
  const add = (prefix: string, pick: (r: WardRow) => Record<string, number | null>) => {
    for (const id of new Set(rows.flatMap((r) => Object.keys(pick(r)))))
      columns[`${prefix}:${id}`] = Float64Array.from(rows, (r) => nan(pick(r)[id]));
  };
  add('category', (r) => r.categories);
  add('measure', (r) => r.measures);
  add('indicator', (r) => r.indicators);
  return {
    codes: rows.map((r) => r.code),
    names: rows.map((r) => r.name),
    boroughCodes: rows.map((r) => r.borough_code),
    boroughNames: rows.map((r) => r.borough_name),
    rank: Float64Array.from(rows, (r) => nan(r.rank)),
    decile: Uint8Array.from({ length: n }, (_, i) => rows[i].decile ?? 0),
    columns,
  };
}

export function tableFromResult(r: Result): WardTable {
  const a = r.areas;
  const columns: Record<string, Float64Array> = { index: r.index };
  for (const id of r.categoryIds) columns[`category:${id}`] = r.categories[id];
  for (const id of r.measureIds) columns[`measure:${id}`] = r.measures[id];
  for (const id of r.indicatorIds) columns[`indicator:${id}`] = r.normalised[id];
  return {
    codes: a.codes,
    names: a.names,
    boroughCodes: Array.from(a.parent, (p) => a.parentCodes[p] ?? ''),
    boroughNames: Array.from(a.parent, (p) => a.parentNames[p] ?? ''),
    rank: r.rank,
    decile: r.decile,
    columns,
  };
}
