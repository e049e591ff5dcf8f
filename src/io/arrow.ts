/**
 * Arrow IPC (file format) writing for tables of string key columns and Float64 value columns.
 * Missing values (NaN) are written as Arrow nulls, so readers in other languages (pyarrow, R
 * arrow) see them as missing rather than as a NaN float. The framework loader reads these
 * files back (`readColumns` in `readColumns.ts`), e.g. `ward_indicators.arrow` in data/london-2018.
 */
import { Float64, Table, Utf8, makeVector, tableToIPC, vectorFromArray, type Vector } from 'apache-arrow';
import { InputError } from '../core/errors.ts';
import { writeFileAtomic } from './atomic.ts';

export interface ColumnTable {
  /** Column names in output order. */
  columns: string[];
  /** Per column: strings (key/name columns) or Float64Array (NaN = missing). */
  values: Record<string, string[] | Float64Array>;
}

/** Encodes the table as Arrow IPC file-format bytes. Every column must have the same length. */
export function toArrowIpc(table: ColumnTable): Uint8Array {
  const vectors: Record<string, Vector> = {};
  let length = -1;
  for (const name of table.columns) {
    const col = table.values[name];
    if (!col) throw new InputError(`column "${name}" has no values`, { column: name, expected: 'a value array per column' });
    if (length >= 0 && col.length !== length) {
      throw new InputError(`column "${name}" has ${col.length} rows, others ${length}`, { column: name, expected: 'columns of equal length' });
    }
    length = col.length;
    if (col instanceof Float64Array) {
      const nullable = Array.from(col, (v) => (Number.isNaN(v) ? null : v));
      vectors[name] = vectorFromArray(nullable, new Float64());
    } else {
      vectors[name] = makeVector(vectorFromArray(col, new Utf8()));
    }
  }
  return tableToIPC(new Table(vectors), 'file');
}

/** Writes the table as an Arrow IPC file, atomically. */
export function writeArrowFile(path: string, table: ColumnTable): void {
  writeFileAtomic(path, toArrowIpc(table));
}
