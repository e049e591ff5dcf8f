/**
 * RFC 4180 CSV parsing and writing.
 *
 * Parsing is strict about structure (ragged rows, unterminated quotes are errors naming the
 * file and row) and tolerant about encoding noise that spreadsheets add (a UTF-8 BOM, CRLF
 * line ends, a trailing newline). Rows are numbered as a spreadsheet user sees them: the header
 * is row 1, the first data row is row 2.
 */
import { InputError } from '../core/errors.ts';

export interface CsvTable {
  file: string;
  header: string[];
  /** Data rows (header excluded); every row has header.length cells. */
  rows: string[][];
}

export interface ParseCsvOptions {
  /** Name used in error messages. */
  file: string;
  /** Allow rows shorter/longer than the header (default false: a ragged row is an error). */
  allowRagged?: boolean;
}

const REPLACEMENT_CHAR = '\uFFFD';

/** Parses CSV text into a header and rows of strings. */
export function parseCsv(text: string, options: ParseCsvOptions): CsvTable {
  const { file } = options;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const bad = text.indexOf(REPLACEMENT_CHAR);
  if (bad >= 0) {
    const row = countLines(text, bad);
    throw new InputError('bytes that are not valid UTF-8 (is the file Latin-1? re-save it as UTF-8)', {
      file,
      row,
      expected: 'UTF-8 text',
    });
  }
  const records = splitRecords(text, file);
  if (records.length === 0 || (records.length === 1 && records[0].length === 1 && records[0][0] === '')) {
    throw new InputError('the file is empty', { file, expected: 'a header row and data rows' });
  }
  const header = records[0].map((h) => h.trim());
  const rows: string[][] = [];
  for (let r = 1; r < records.length; r++) {
    const rec = records[r];
    if (rec.length === 1 && rec[0] === '') continue; // blank line
    if (rec.length !== header.length && !options.allowRagged) {
      throw new InputError(`row has ${rec.length} cells but the header has ${header.length}`, {
        file,
        row: r + 1,
        expected: `${header.length} comma-separated cells`,
      });
    }
    rows.push(rec);
  }
  return { file, header, rows };
}

function countLines(text: string, upTo: number): number {
  let n = 1;
  for (let i = 0; i < upTo; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

function splitRecords(text: string, file: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */ && field === '') {
      // quoted field
      const startLine = line;
      i++;
      let closed = false;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 34) {
          if (text.charCodeAt(i + 1) === 34) {
            field += '"';
            i += 2;
          } else {
            i++;
            closed = true;
            break;
          }
        } else {
          if (d === 10) line++;
          field += text[i];
          i++;
        }
      }
      if (!closed) {
        throw new InputError('a quoted field is never closed', { file, row: startLine, expected: 'a closing double quote' });
      }
      const next = text.charCodeAt(i);
      if (i < n && next !== 44 && next !== 10 && next !== 13) {
        throw new InputError('text after a closing quote', { file, row: line, expected: 'a comma or line end after a quoted field' });
      }
      continue;
    }
    if (c === 44 /* , */) {
      record.push(field);
      field = '';
      i++;
    } else if (c === 13 /* \r */) {
      i++;
    } else if (c === 10 /* \n */) {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      line++;
      i++;
    } else {
      // fast path: copy a run of plain characters
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 44 || d === 10 || d === 13) break;
        j++;
      }
      field += text.slice(i, j);
      i = j;
    }
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** Quotes a cell when it contains a comma, quote or line break. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Formats rows as CSV text with a trailing newline. */
export function formatCsv(header: readonly string[], rows: Iterable<readonly (string | number | null | undefined)[]>): string {
  const out: string[] = [header.map(csvCell).join(',')];
  for (const row of rows) out.push(row.map(csvCell).join(','));
  return out.join('\n') + '\n';
}

/** Index of a header column, or an error naming the file and the missing column. */
export function columnIndex(table: CsvTable, column: string): number {
  const i = table.header.indexOf(column);
  if (i < 0) {
    throw new InputError(`column "${column}" not found`, {
      file: table.file,
      row: 1,
      column,
      expected: `a header containing "${column}" (found: ${table.header.join(', ')})`,
    });
  }
  return i;
}
