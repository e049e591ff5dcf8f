/**
 * A data file (CSV or Arrow IPC) seen as named columns, so the loader reads both alike:
 * key columns as strings, value columns as Float64Array with every bad cell reported by file,
 * row and column.
 */
import { readFileSync } from 'node:fs';
import { tableFromIPC } from 'apache-arrow';
import { parseCsv, type CsvTable } from './csv.ts';
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

/** Reads a CSV or (by extension .arrow/.feather/.ipc) an Arrow IPC file. `label` names it in messages. */
export function readDataTable(path: string, label: string): DataTable {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new InputError(`cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`, { file: label, expected: 'an existing, readable file' });
  }
  if (/\.(arrow|feather|ipc)$/i.test(path)) return arrowTable(bytes, label);
  return csvTable(parseCsv(new TextDecoder('utf-8').decode(bytes), { file: label }));
}

export function csvTable(t: CsvTable): DataTable {
  const col = (c: string) => {
    const i = t.header.indexOf(c);
    if (i < 0) throw new InputError(`column "${c}" not found`, { file: t.file, row: 1, column: c, expected: `one of: ${t.header.join(', ')}` });
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
          problems.push({ file: t.file, row: r + 2, column: c, message: p.problem, expected: p.expected, severity: 'error' });
        }
      }
      return out;
    },
  };
}

function arrowTable(bytes: Uint8Array, label: string): DataTable {
  let table;
  try {
    table = tableFromIPC(bytes);
  } catch (e) {
    throw new InputError(`not a readable Arrow IPC file (${(e as Error).message})`, { file: label, expected: 'an Arrow IPC file' });
  }
  const names = table.schema.fields.map((f) => f.name);
  const vector = (c: string) => {
    const v = table.getChild(c);
    if (!v) throw new InputError(`column "${c}" not found`, { file: label, column: c, expected: `one of: ${names.join(', ')}` });
    return v;
  };
  return {
    file: label,
    columns: names,
    rowCount: table.numRows,
    strings: (c) => Array.from(vector(c).toArray() as ArrayLike<unknown>, (v) => (v == null ? '' : String(v).trim())),
    numbers: (c, problems) => {
      const v = vector(c);
      const out = new Float64Array(table.numRows);
      for (let r = 0; r < table.numRows; r++) {
        const x = v.get(r);
        if (x == null) out[r] = NaN;
        else if (typeof x === 'number' || typeof x === 'bigint') {
          out[r] = Number(x);
          if (!Number.isFinite(out[r])) {
            problems.push({ file: label, row: r + 1, column: c, message: `${x} is not a finite number`, expected: 'a finite number or null', severity: 'error' });
            out[r] = NaN;
          }
        } else {
          const p = parseNumberCell(String(x));
          out[r] = p.ok ? p.value : NaN;
          if (!p.ok) problems.push({ file: label, row: r + 1, column: c, message: p.problem, expected: p.expected, severity: 'error' });
        }
      }
      return out;
    },
  };
}
