/**
 * Reads 1/0 flag columns (e.g. `central_activity`) from the framework's areas CSV, aligned to
 * `codes`. A cell must be 1 or 0 (an empty cell counts as 0, not flagged); anything else is an
 * error naming file, row and column. A missing column is an error naming the column.
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../core/errors.ts';
import { columnIndex, parseCsv } from './csv.ts';

export function readAreaFlags(
  path: string,
  label: string,
  codeColumn: string,
  codes: readonly string[],
  columns: readonly string[],
): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  if (!columns.length) return out;
  const t = parseCsv(readFileSync(path, 'utf8'), { file: label });
  const ci = columnIndex(t, codeColumn);
  const index = new Map(codes.map((c, i) => [c, i]));
  for (const col of columns) {
    if (!t.header.includes(col))
      throw new InputError(`no flag column "${col}"`, {
        file: label,
        column: col,
        expected: 'a 1/0 column in the areas file (framework areas.flag_columns)',
      });
    const k = columnIndex(t, col);
    const flag = new Uint8Array(codes.length);
    t.rows.forEach((row, r) => {
      const i = index.get(row[ci].trim());
      const v = row[k].trim();
      if (v !== '' && v !== '0' && v !== '1')
        throw new InputError(`"${v}" is not a flag`, {
          file: label,
          row: r + 2,
          column: col,
          expected: '1 (flagged) or 0',
        });
      if (i !== undefined) flag[i] = v === '1' ? 1 : 0;
    });
    out.set(col, flag);
  }
  return out;
}
