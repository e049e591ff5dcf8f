/**
 * Rows of a small CSV output (pilots.csv, comparisons.csv) as JSON records, so the API passes
 * another module's table through without knowing its columns. Cells that parse as numbers
 * (`parseNumberCell`, the loader's strict rule) become numbers and missing markers become null,
 * except in code and name columns (`code`, `*_code`, `name`, `*_name`), which stay text so a
 * code such as "0123" keeps its zero.
 */
import type { CsvTable } from '../io/csv.ts';
import { parseNumberCell } from '../io/numbers.ts';

export type CsvRecord = Record<string, string | number | null>;

const TEXT_COLUMN = /(^|_)(code|name)$/;

export function csvRecords(table: CsvTable): CsvRecord[] {
  const text = table.header.map((h) => TEXT_COLUMN.test(h));
  return table.rows.map((row) => {
    const rec: CsvRecord = {};
    table.header.forEach((h, j) => {
      const cell = row[j] ?? '';
      if (text[j]) rec[h] = cell.trim();
      else {
        const p = parseNumberCell(cell);
        rec[h] = p.ok ? (Number.isFinite(p.value) ? p.value : null) : cell;
      }
    });
    return rec;
  });
}
