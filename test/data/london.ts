/** Shared loading for the London data tests: paths, and the committed tables read back as CSV. */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { columnIndex, parseCsv, type CsvTable } from '../../src/io/csv.ts';

export const LONDON = resolve(dirname(fileURLToPath(import.meta.url)), '../../data/london-2018');
export const SOURCES = join(LONDON, 'sources');

export function readLondonCsv(file: string): CsvTable {
  return parseCsv(readFileSync(join(LONDON, file), 'utf-8'), { file });
}

/** A numeric column of a committed table, keyed by the `key` column; empty cells are NaN. */
export function numberColumn(t: CsvTable, column: string, key = 'code'): Map<string, number> {
  const k = columnIndex(t, key);
  const c = columnIndex(t, column);
  return new Map(t.rows.map((r) => [r[k], r[c] === '' ? NaN : Number(r[c])]));
}

export function sum(values: Iterable<number>): number {
  let s = 0;
  for (const v of values) if (!Number.isNaN(v)) s += v;
  return s;
}

export function countPresent(values: Iterable<number>): number {
  let n = 0;
  for (const v of values) if (!Number.isNaN(v)) n++;
  return n;
}
