/**
 * A derived London table before it is written: area keys, numeric columns (NaN = missing) and
 * a description of every column (what, unit, period, source, how it was derived), so the data
 * dictionary and `columns.csv` are generated from the same place the numbers are.
 */
import { formatCsv } from '../../../src/io/csv.ts';
import type { ColumnTable } from '../../../src/io/arrow.ts';

export interface ColumnMeta {
  name: string;
  description: string;
  unit: string;
  period: string;
  source: string;
  /** How the column was derived (sum, rate, crosswalk method …). */
  method: string;
}

export interface BuiltTable {
  /** Output file name inside data/london-2018/. */
  file: string;
  codes: string[];
  names: string[];
  /** Extra string columns written after code,name (e.g. borough name). */
  labels: { name: string; values: string[] }[];
  columns: ColumnMeta[];
  values: Record<string, Float64Array>;
}

/**
 * Numbers are written with at most `digits` decimal places (trailing zeros dropped), so outputs
 * are byte-identical across runs and platforms and small; 6 places keep rates per 1,000 exact
 * to far below any published precision. NaN is written as an empty cell (missing).
 */
export function formatNumber(x: number, digits = 6): string {
  if (Number.isNaN(x)) return '';
  if (!Number.isFinite(x)) throw new Error(`non-finite value ${x} in a built table`);
  const r = Number(x.toFixed(digits));
  return String(Object.is(r, -0) ? 0 : r);
}

/** CSV text of the table: code, name, labels, then the numeric columns in order. */
export function formatBuiltTable(t: BuiltTable): string {
  const header = ['code', 'name', ...t.labels.map((l) => l.name), ...t.columns.map((c) => c.name)];
  const rows: string[][] = [];
  for (let i = 0; i < t.codes.length; i++) {
    rows.push([
      t.codes[i],
      t.names[i],
      ...t.labels.map((l) => l.values[i]),
      ...t.columns.map((c) => formatNumber(t.values[c.name][i])),
    ]);
  }
  return formatCsv(header, rows);
}

/** The same table as Arrow columns (values rounded as in the CSV, so both files agree). */
export function builtTableColumns(t: BuiltTable): ColumnTable {
  const values: ColumnTable['values'] = { code: t.codes, name: t.names };
  for (const l of t.labels) values[l.name] = l.values;
  for (const c of t.columns)
    values[c.name] = Float64Array.from(t.values[c.name], (x) => (Number.isNaN(x) ? NaN : Number(formatNumber(x))));
  return { columns: ['code', 'name', ...t.labels.map((l) => l.name), ...t.columns.map((c) => c.name)], values };
}

/** Rows of `columns.csv`: one per column of each table, for the data dictionary. */
export function columnDictionaryRows(tables: BuiltTable[]): string[][] {
  const rows: string[][] = [];
  for (const t of tables)
    for (const c of t.columns) rows.push([t.file, c.name, c.description, c.unit, c.period, c.source, c.method]);
  return rows;
}

export const COLUMN_DICTIONARY_HEADER = ['file', 'column', 'description', 'unit', 'period', 'source', 'method'];

/** Adds a column with its description; throws on a duplicate name (a bug in a builder). */
export function addColumn(t: BuiltTable, meta: ColumnMeta, values: Float64Array): void {
  if (t.values[meta.name]) throw new Error(`duplicate column ${meta.name} in ${t.file}`);
  if (values.length !== t.codes.length)
    throw new Error(`column ${meta.name} has ${values.length} values for ${t.codes.length} areas`);
  t.columns.push(meta);
  t.values[meta.name] = values;
}
