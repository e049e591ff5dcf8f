/**
 * A parsed CSV table seen as named columns: strings, or Float64Array with every bad cell
 * reported by file, row and column. Used for small tables read whole (the areas file); data
 * files go through the streaming `readColumns`.
 */
import type { CsvTable } from './csv.ts';
import { parseNumberCell } from './numbers.ts';
import type { Problem } from '../core/errors.ts';
import { InputError } from '../core/errors.ts';

export interface DataTable {
  file: string;
  columns: string[];
  rowCount: number;
  strings(column: string): string[];
  /** Numbers; problems are appended to `problems` and the bad cells become NaN. */
  numbers(column: string, problems: Problem[]): Float64Array;
}

export function csvTable(t: CsvTable): DataTable {
  const col = (c: string) => {
    const i = t.header.indexOf(c);
    if (i < 0)
      throw new InputError(`column "${c}" not found`, {
        file: t.file,
        row: 1,
        column: c,
        expected: `one of: ${t.header.join(', ')}`,
      });
    return i;
  };
  return {
    file: t.file,
    columns: t.header,
    rowCount: t.rows.length,
    strings: (c) => {
      const i = col(c);
      return t.rows.map((r) => r[i].trim());
    },
    numbers: (c, problems) => {
      const i = col(c);
      const out = new Float64Array(t.rows.length);
      for (let r = 0; r < t.rows.length; r++) {
        const p = parseNumberCell(t.rows[r][i]);
        if (p.ok) out[r] = p.value;
        else {
          out[r] = NaN;
          problems.push({
            file: t.file,
            row: r + 2,
            column: c,
            message: p.problem,
            expected: p.expected,
            severity: 'error',
          });
        }
      }
      return out;
    },
  };
}
