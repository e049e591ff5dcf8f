/**
 * The results table: one row per area with ranks, scores and every indicator raw (crude rate),
 * smoothed (indicators declaring `smooth` only), treated and normalised, plus flags. One
 * definition of the columns feeds CSV, Arrow and GeoJSON outputs.
 */
import type { Result } from './types.ts';

export interface ResultColumn {
  name: string;
  kind: 'string' | 'number';
  values: (i: number) => string | number;
}

export function resultColumns(r: Result): ResultColumn[] {
  const a = r.areas;
  const boroughLevel = r.indicatorIds.filter(
    (id) => r.framework.indicators.find((s) => s.id === id)?.level === 'borough',
  );
  const cols: ResultColumn[] = [
    { name: 'code', kind: 'string', values: (i) => a.codes[i] },
    { name: 'name', kind: 'string', values: (i) => a.names[i] },
    { name: 'borough_code', kind: 'string', values: (i) => a.parentCodes[a.parent[i]] ?? '' },
    { name: 'borough_name', kind: 'string', values: (i) => a.parentNames[a.parent[i]] ?? '' },
    { name: 'rank', kind: 'number', values: (i) => r.rank[i] },
    { name: 'decile', kind: 'number', values: (i) => (r.decile[i] === 0 ? NaN : r.decile[i]) },
    { name: 'borough_rank', kind: 'number', values: (i) => r.parentRank[i] },
    { name: 'index', kind: 'number', values: (i) => r.index[i] },
    ...r.categoryIds.map((id) => ({
      name: `category_${id}`,
      kind: 'number' as const,
      values: (i: number) => r.categories[id][i],
    })),
    ...r.measureIds.map((id) => ({
      name: `measure_${id}`,
      kind: 'number' as const,
      values: (i: number) => r.measures[id][i],
    })),
  ];
  for (const id of r.indicatorIds) {
    cols.push(
      { name: `${id}_raw`, kind: 'number', values: (i) => r.raw[id][i] },
      ...(r.smoothed[id]
        ? [{ name: `${id}_smoothed`, kind: 'number' as const, values: (i: number) => r.smoothed[id][i] }]
        : []),
      { name: `${id}_treated`, kind: 'number', values: (i) => r.treated[id][i] },
      { name: `${id}_normalised`, kind: 'number', values: (i) => r.normalised[id][i] },
    );
  }
  cols.push(
    { name: 'flag_not_ranked', kind: 'number', values: (i) => (r.rank[i] === r.rank[i] ? 0 : 1) },
    {
      name: 'flag_missing_measures',
      kind: 'string',
      values: (i) => r.measureIds.filter((m) => r.measures[m][i] !== r.measures[m][i]).join(';'),
    },
    {
      name: 'flag_imputed',
      kind: 'string',
      values: (i) => r.indicatorIds.filter((id) => r.imputed[id][i] === 1).join(';'),
    },
    { name: 'flag_borough_level', kind: 'string', values: () => boroughLevel.join(';') },
    // Area flags declared in areas.flag_columns (e.g. central_activity), under their own names.
    ...Object.entries(a.flags ?? {}).map(([name, v]) => ({
      name,
      kind: 'number' as const,
      values: (i: number) => v[i],
    })),
  );
  return cols;
}

/** Rounds to 10 significant digits so outputs are stable and readable (doubles print noise past that). */
export function roundForOutput(v: number): number {
  return Number.isFinite(v) ? Number(v.toPrecision(10)) : v;
}

/**
 * The CSV text of `roundForOutput(v)` (empty for NaN and ±Infinity), built from `toPrecision(10)`
 * without parsing it back and printing it again: integers of at most 10 digits print as they are;
 * a plain-notation `toPrecision` result loses its trailing fractional zeros (so "12.34500000"
 * gives "12.345", what String(Number("12.34500000")) gives); exponent notation (|v| ≥ 10¹⁰ or
 * < 10⁻⁶, where the two notations differ) goes the long way. Equal to
 * `csvCell(roundForOutput(v))` for every double (tested).
 */
export function outputNumberText(v: number): string {
  if (v !== v || v === Infinity || v === -Infinity) return '';
  if (Number.isInteger(v) && v < 1e10 && v > -1e10) return String(v);
  const p = v.toPrecision(10);
  if (p.indexOf('e') >= 0) {
    // near Number.MAX_VALUE rounding to 10 digits overflows to Infinity: an empty cell, as csvCell gives
    const r = Number(p);
    return Number.isFinite(r) ? String(r) : '';
  }
  if (p.indexOf('.') < 0) return p;
  let end = p.length;
  while (p.charCodeAt(end - 1) === 48) end--;
  if (p.charCodeAt(end - 1) === 46) end--;
  return p.slice(0, end);
}
