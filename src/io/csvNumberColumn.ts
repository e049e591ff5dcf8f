/**
 * One numeric column of a parsed CSV, for chosen data rows, parsed strictly with
 * `parseNumberCell` (missing markers → NaN; any other non-number is an error naming file, row
 * and column).
 */
import { InputError } from '../core/errors.ts';
import { columnIndex, type CsvTable } from './csv.ts';
import { parseNumberCell } from './numbers.ts';

/** Values of `column` at data rows `rows` (0-based indices into table.rows), in that order. */
export function csvNumberColumn(table: CsvTable, rows: readonly number[], column: string): Float64Array {
  const i = columnIndex(table, column);
  const out = new Float64Array(rows.length);
  rows.forEach((r, k) => {
    const p = parseNumberCell(table.rows[r][i]);
    if (!p.ok) throw new InputError(p.problem, { file: table.file, row: r + 2, column, expected: p.expected });
    out[k] = p.value;
  });
  return out;
}
