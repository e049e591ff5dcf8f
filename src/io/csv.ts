/**
 * RFC 4180 CSV parsing and writing.
 *
 * Parsing is strict about structure (ragged rows, unterminated quotes are errors naming the
 * file and row) and tolerant about encoding noise that spreadsheets add (a UTF-8 BOM, CRLF
 * line ends, a trailing newline). Rows are numbered as a spreadsheet user sees them: the header
 * is row 1, the first data row is row 2.
 */
import { InputError } from '../core/errors.ts';
import { CsvColumnScanner } from './csvColumnScanner.ts';

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
  checkUtf8(text, file);
  const records: string[][] = [];
  const scanner = new CsvColumnScanner(file, (cells, count) => {
    records.push(cells.slice(0, count));
    return undefined; // keep every cell
  });
  scanner.push(text);
  scanner.end();
  const header = checkHeader(records[0], file);
  const rows: string[][] = [];
  for (let r = 1; r < records.length; r++) {
    const rec = records[r];
    if (isBlank(rec)) continue;
    if (rec.length !== header.length && !options.allowRagged) throw raggedRow(file, r + 1, rec.length, header.length);
    rows.push(rec);
  }
  return { file, header, rows };
}

/** U+FFFD in decoded text means bytes that were not UTF-8 (a Latin-1 export, typically). */
export function checkUtf8(text: string, file: string, rowOffset = 0): void {
  const bad = text.indexOf(REPLACEMENT_CHAR);
  if (bad < 0) return;
  let row = rowOffset + 1;
  for (let i = 0; i < bad; i++) if (text.charCodeAt(i) === 10) row++;
  throw new InputError('bytes that are not valid UTF-8 (is the file Latin-1? re-save it as UTF-8)', {
    file,
    row,
    expected: 'UTF-8 text',
  });
}

export function checkHeader(first: string[] | undefined, file: string): string[] {
  if (!first || isBlank(first))
    throw new InputError('the file is empty', { file, expected: 'a header row and data rows' });
  const header = first.map((h) => h.trim());
  header.forEach((h, i) => {
    if (h === '')
      throw new InputError(`header cell ${i + 1} is empty`, { file, row: 1, expected: 'a name for every column' });
    const j = header.indexOf(h);
    if (j < i)
      throw new InputError(`column "${h}" appears twice in the header`, {
        file,
        row: 1,
        column: h,
        expected: 'unique column names',
      });
  });
  return header;
}

export function isBlank(rec: string[]): boolean {
  return rec.length === 1 && rec[0].trim() === '';
}

export function raggedRow(file: string, row: number, cells: number, expected: number): InputError {
  return new InputError(`row has ${cells} cells but the header has ${expected}`, {
    file,
    row,
    expected: `${expected} comma-separated cells`,
  });
}

// Formatting lives in core so the browser map writes the same CSV as the CLI.
export { csvCell, formatCsv } from '../core/csvFormat.ts';

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
