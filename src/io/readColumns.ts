/**
 * Reads just the columns a framework needs from a data file, streaming CSV in 1 MiB chunks.
 * Key cells become area indices as they are read, and only rows for known areas are kept (as
 * typed arrays), so memory grows with the framework's areas, not with the file: a 200 MB
 * national export loads in bounded memory. Unknown codes are counted, a few kept as examples.
 * Arrow IPC files are read whole (they are columnar already).
 */
import { closeSync, readSync } from 'node:fs';
import { INPUT_LIMITS, openInput, readInput } from './inputFile.ts';
import { arrowModule } from './arrowModule.ts';
import { InputError, type Problem } from '../core/errors.ts';
import { createHash } from 'node:crypto';
import { sha256Hex } from '../shared/sha256.ts';
import { CsvColumnScanner } from './csvColumnScanner.ts';
import { checkHeader, checkUtf8, raggedRow } from './csv.ts';
import { inRange, parseNumberCell, quickNumberCell } from './numbers.ts';

export interface KeyRequest {
  column: string;
  /** Code → area index. */
  index: ReadonlyMap<string, number>;
}

export interface ColumnRequest {
  keys: KeyRequest[];
  numbers: string[];
}

export interface KeyColumn {
  /** Area index per row; −1 for an unknown or empty code. */
  area: Int32Array;
  unknownCount: number;
  unknownExamples: string[];
}

export interface Columns {
  file: string;
  /** Rows kept (those with at least one known key). */
  rows: number;
  /** Rows in the file. */
  rowsRead: number;
  /** Each kept row's number as a spreadsheet shows it (CSV header = row 1; Arrow rows from 1). */
  rowNumber: Int32Array;
  keys: Record<string, KeyColumn>;
  numbers: Record<string, Float64Array>;
  /** SHA-256 (hex) of the bytes read: the file as it was parsed, for the manifest. */
  sha256: string;
}

const CHUNK = 1 << 20;
const MAX_CELL_PROBLEMS = 20;

export function readColumns(path: string, label: string, request: ColumnRequest, problems: Problem[]): Columns {
  if (/\.(arrow|feather|ipc)$/i.test(path)) return readArrowColumns(path, label, request, problems);
  return readCsvColumns(path, label, request, problems);
}

class Growable {
  data: Float64Array;
  constructor(capacity = 1024) {
    this.data = new Float64Array(capacity);
  }
  set(i: number, v: number) {
    if (i >= this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[i] = v;
  }
}

function readCsvColumns(path: string, label: string, request: ColumnRequest, problems: Problem[]): Columns {
  const { fd } = openInput(path, label, INPUT_LIMITS.data);
  const keyCols = request.keys.map((k) => k.column);
  const numCols = request.numbers;
  const keyIndex = request.keys.map((k) => k.index);
  let header: string[] | undefined;
  let keyIdx: number[] = [];
  let numIdx: number[] = [];
  let rows = 0;
  let rowsRead = 0;
  const rowNumbers = new Growable();
  const rowAreas = new Int32Array(keyCols.length);
  const keyArrays = keyCols.map(() => new Growable());
  const unknown = keyCols.map(() => ({ count: 0, examples: [] as string[] }));
  const numArrays = numCols.map(() => new Growable());
  const cellProblems = new Map<string, number>();
  const onRecord = (cells: string[], count: number, row: number): Uint8Array | undefined => {
    if (!header) {
      header = checkHeader(cells.slice(0, count), label);
      keyIdx = keyCols.map((c) => requireColumn(header!, c, label));
      numIdx = numCols.map((c) => requireColumn(header!, c, label));
      const keep = new Uint8Array(header.length);
      for (const k of keyIdx) keep[k] = 1;
      for (const k of numIdx) keep[k] = 1;
      return keep;
    }
    if (count === 1 && cells[0].trim() === '') return undefined; // a blank line
    if (count !== header.length) throw raggedRow(label, row, count, header.length);
    rowsRead++;
    let known = false;
    for (let k = 0; k < keyIdx.length; k++) {
      const code = cells[keyIdx[k]].trim();
      const i = keyIndex[k].get(code);
      rowAreas[k] = i ?? -1;
      if (i !== undefined) known = true;
      else if (code !== '') {
        unknown[k].count++;
        if (unknown[k].examples.length < 5) unknown[k].examples.push(code);
      }
    }
    if (!known) return undefined; // a row for an area outside the framework: not kept, not parsed
    for (let k = 0; k < keyIdx.length; k++) keyArrays[k].set(rows, rowAreas[k]);
    rowNumbers.set(rows, row);
    for (let k = 0; k < numIdx.length; k++) {
      const cell = cells[numIdx[k]];
      const quick = quickNumberCell(cell);
      if (quick !== undefined) {
        numArrays[k].set(rows, quick);
        continue;
      }
      const p = parseNumberCell(cell);
      if (p.ok) numArrays[k].set(rows, p.value);
      else {
        numArrays[k].set(rows, NaN);
        const seen = cellProblems.get(numCols[k]) ?? 0;
        cellProblems.set(numCols[k], seen + 1);
        if (seen < MAX_CELL_PROBLEMS)
          problems.push({
            file: label,
            row,
            column: numCols[k],
            message: p.problem,
            expected: p.expected,
            severity: 'error',
          });
      }
    }
    rows++;
    return undefined;
  };
  const scanner = new CsvColumnScanner(label, onRecord);
  const decoder = new TextDecoder('utf-8');
  const buffer = Buffer.allocUnsafe(CHUNK);
  const hash = createHash('sha256');
  let rowOffset = 0;
  try {
    for (;;) {
      const read = readSync(fd, buffer, 0, CHUNK, null);
      if (read > 0) hash.update(buffer.subarray(0, read));
      const text = decoder.decode(buffer.subarray(0, read), { stream: read > 0 });
      checkUtf8(text, label, rowOffset);
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) rowOffset++;
      scanner.push(text);
      if (read === 0) break;
    }
    scanner.end();
  } finally {
    closeSync(fd);
  }
  if (!header) throw new InputError('the file is empty', { file: label, expected: 'a header row and data rows' });
  if (rowsRead === 0)
    throw new InputError('the file has a header but no data rows', {
      file: label,
      row: 2,
      expected: 'one row per area',
    });
  for (const [col, count] of cellProblems) {
    if (count > MAX_CELL_PROBLEMS)
      problems.push({
        file: label,
        column: col,
        message: `${count - MAX_CELL_PROBLEMS} more cell(s) in this column are not numbers`,
        severity: 'error',
      });
  }
  return {
    file: label,
    rows,
    rowsRead,
    rowNumber: Int32Array.from(rowNumbers.data.subarray(0, rows)),
    keys: Object.fromEntries(
      keyCols.map((c, k) => [
        c,
        {
          area: Int32Array.from(keyArrays[k].data.subarray(0, rows)),
          unknownCount: unknown[k].count,
          unknownExamples: unknown[k].examples,
        },
      ]),
    ),
    numbers: Object.fromEntries(numCols.map((c, k) => [c, numArrays[k].data.slice(0, rows)])),
    sha256: hash.digest('hex'),
  };
}

function requireColumn(header: string[], column: string, file: string): number {
  const i = header.indexOf(column);
  if (i < 0)
    throw new InputError(`column "${column}" not found`, {
      file,
      row: 1,
      column,
      expected: `one of: ${header.join(', ')}`,
    });
  return i;
}

function readArrowColumns(path: string, label: string, request: ColumnRequest, problems: Problem[]): Columns {
  let table;
  let bytes: Buffer;
  try {
    bytes = readInput(path, label, INPUT_LIMITS.arrow);
    table = arrowModule().tableFromIPC(bytes);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`not a readable Arrow IPC file (${(e as Error).message.split('\n')[0]})`, {
      file: label,
      expected: 'an Arrow IPC file',
    });
  }
  const names = table.schema.fields.map((f) => f.name);
  const vector = (c: string) => {
    const v = table.getChild(c);
    if (!v)
      throw new InputError(`column "${c}" not found`, {
        file: label,
        column: c,
        expected: `one of: ${names.join(', ')}`,
      });
    return v;
  };
  const rows = table.numRows;
  const keys: Record<string, KeyColumn> = {};
  for (const k of request.keys) {
    const v = vector(k.column);
    const area = new Int32Array(rows);
    const col: KeyColumn = { area, unknownCount: 0, unknownExamples: [] };
    for (let r = 0; r < rows; r++) {
      const code = v.get(r) == null ? '' : String(v.get(r)).trim();
      const i = k.index.get(code);
      area[r] = i ?? -1;
      if (i === undefined && code !== '') {
        col.unknownCount++;
        if (col.unknownExamples.length < 5) col.unknownExamples.push(code);
      }
    }
    keys[k.column] = col;
  }
  const numbers: Record<string, Float64Array> = {};
  for (const c of request.numbers) {
    const v = vector(c);
    const out = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      const x = v.get(r);
      const p =
        x == null
          ? { ok: true as const, value: NaN }
          : typeof x === 'number' || typeof x === 'bigint'
            ? finite(Number(x))
            : parseNumberCell(String(x));
      out[r] = p.ok ? p.value : NaN;
      if (!p.ok)
        problems.push({
          file: label,
          row: r + 1,
          column: c,
          message: p.problem,
          expected: p.expected,
          severity: 'error',
        });
    }
    numbers[c] = out;
  }
  if (rows === 0) throw new InputError('the file has no data rows', { file: label, expected: 'one row per area' });
  return {
    file: label,
    rows,
    rowsRead: rows,
    rowNumber: Int32Array.from({ length: rows }, (_, r) => r + 1),
    keys,
    numbers,
    sha256: sha256Hex(bytes),
  };
}

function finite(v: number) {
  return Number.isNaN(v)
    ? { ok: false as const, problem: 'NaN is not a number', expected: 'a finite number, or null for missing' }
    : inRange(v);
}
