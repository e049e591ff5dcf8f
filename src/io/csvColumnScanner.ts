/**
 * The CSV parser of the CLI's readers (`parseCsv` for whole tables, `readColumns` for streamed
 * data files). A line without a double quote (nearly every line of a data file) is cut at its
 * commas by the engine's own `split`; a line with a quote, or too long, goes through a
 * character-by-character parser, which keeps only the cells of the columns asked for (and the
 * first cell, to recognise a blank line).
 *
 * Rules: a field starting with `"` is quoted, `""` inside it is a quote; CRLF or LF ends a
 * record; a UTF-8 BOM at the very start is dropped; text after a closing quote is an error; a
 * cell of at most MAX_CELL_CHARS (1 MiB) characters, a record of at most MAX_FIELDS (100,000)
 * cells. Every error (its message, row and cell number, and the moment it is raised) is checked
 * against a plain character-by-character reference parser (test/io/helpers/csvRecordParser.ts)
 * on every CSV in data/, on generated CSV cut into chunks at random places and at the limits
 * (test/io/csvColumnScanner.test.ts).
 */
import { InputError } from '../core/errors.ts';

/** Limits (a located error, not an out-of-memory crash): characters in one cell, cells in one record. */
export const MAX_CELL_CHARS = 1 << 20;
export const MAX_FIELDS = 100_000;

/** Longer lines go through the character parser, which applies the cell-length and cell-count limits. */
const MAX_LINE_CHARS = 1 << 16;

/**
 * Receives each record: `cells[k]` holds cell k for the columns kept (and cell 0), `count` is
 * the number of cells in the record, `row` its 1-based row number. `cells` may be reused for
 * the next record; the sink returns the columns to keep from then on (or undefined: keep every cell).
 */
export type ScannedRecordSink = (cells: string[], count: number, row: number) => Uint8Array | undefined;

export class CsvColumnScanner {
  private field = '';
  private fieldLength = 0;
  private col = 0;
  private inQuotes = false;
  private quoteClosed = false;
  private fieldWasQuoted = false;
  private row = 1;
  private started = false;
  /** 1 = keep the cell of that column; undefined = keep every cell (the header). */
  private keep: Uint8Array | undefined = undefined;
  private readonly cells: string[] = [];
  /** Inside a record that scan() is parsing (it started with a quote, or a line too long to cut). */
  private inRecord = false;
  /** The start of a line whose end is in the next chunk. */
  private carry = '';

  constructor(
    private readonly file: string,
    private readonly sink: ScannedRecordSink,
  ) {}

  push(chunk: string): void {
    let i = 0;
    let text = chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) i = 1;
    }
    if (this.carry !== '') {
      text = this.carry + text.slice(i);
      this.carry = '';
      i = 0;
    }
    const n = text.length;
    while (i < n) {
      if (this.inRecord) {
        i = this.scan(text, i);
        continue;
      }
      // a whole line without a quote, not too long: its cells are the line cut at the commas (a
      // carriage return outside quotes is dropped); anything else goes through scan()
      const nl = text.indexOf('\n', i);
      if (nl < 0) {
        if (n - i > MAX_LINE_CHARS) this.inRecord = true;
        else {
          this.carry = text.slice(i);
          return;
        }
        continue;
      }
      if (nl - i > MAX_LINE_CHARS) {
        this.inRecord = true;
        continue;
      }
      let line = text.slice(i, nl);
      if (line.indexOf('"') >= 0) {
        this.inRecord = true;
        continue;
      }
      if (line.indexOf('\r') >= 0) line = line.replaceAll('\r', '');
      const cells = line.split(',');
      const next = this.sink(cells, cells.length, this.row);
      this.row++;
      if (next !== undefined) this.keep = next;
      i = nl + 1;
    }
  }

  /**
   * The character-by-character parser, from `i` to the end of the record (returning the index
   * after its line end) or of the chunk (returning its length).
   */
  private scan(chunk: string, start: number): number {
    let i = start;
    const n = chunk.length;
    // the state lives in locals inside the loop and goes back to the fields at its end
    let field = this.field;
    let fieldLength = this.fieldLength;
    let col = this.col;
    let inQuotes = this.inQuotes;
    let quoteClosed = this.quoteClosed;
    let fieldWasQuoted = this.fieldWasQuoted;
    let keep = this.keep;
    let kept = keep === undefined || col === 0 || (col < keep.length && keep[col] === 1);
    const cells = this.cells;
    try {
      while (i < n) {
        const c = chunk.charCodeAt(i);
        if (inQuotes) {
          if (quoteClosed) {
            quoteClosed = false;
            if (c === 34) {
              if (kept) field += '"';
              fieldLength++;
              i++;
              continue;
            }
            inQuotes = false; // the quote closed the field; fall through to unquoted handling
          } else if (c === 34) {
            quoteClosed = true;
            i++;
            continue;
          } else {
            let j = chunk.indexOf('"', i);
            if (j < 0) j = n;
            if (kept) field = fieldLength === 0 ? chunk.slice(i, j) : field + chunk.slice(i, j);
            fieldLength += j - i;
            if (fieldLength > MAX_CELL_CHARS) this.tooLong(col);
            i = j;
            continue;
          }
        }
        if (c === 44 || c === 10) {
          if (col >= MAX_FIELDS) this.tooManyCells();
          if (kept) cells[col] = field;
          col++;
          field = '';
          fieldLength = 0;
          fieldWasQuoted = false;
          inQuotes = false;
          quoteClosed = false;
          if (c === 10) {
            const next = this.sink(cells, col, this.row);
            this.row++;
            if (next !== undefined) keep = next;
            col = 0;
            this.inRecord = false;
            return i + 1;
          }
          kept = keep === undefined || col === 0 || (col < keep.length && keep[col] === 1);
          i++;
        } else if (c === 13) {
          i++;
        } else if (c === 34 && fieldLength === 0 && !fieldWasQuoted) {
          inQuotes = true;
          fieldWasQuoted = true;
          i++;
        } else {
          if (fieldWasQuoted) {
            throw new InputError('text after a closing quote', {
              file: this.file,
              row: this.row,
              expected: 'a comma or line end after a quoted field',
            });
          }
          let j = i + 1;
          while (j < n) {
            const d = chunk.charCodeAt(j);
            if (d === 44 || d === 10 || d === 13) break;
            j++;
          }
          if (kept) field = fieldLength === 0 ? chunk.slice(i, j) : field + chunk.slice(i, j);
          fieldLength += j - i;
          if (fieldLength > MAX_CELL_CHARS) this.tooLong(col);
          i = j;
        }
      }
      return n;
    } finally {
      this.field = field;
      this.fieldLength = fieldLength;
      this.col = col;
      this.inQuotes = inQuotes;
      this.quoteClosed = quoteClosed;
      this.fieldWasQuoted = fieldWasQuoted;
      this.keep = keep;
    }
  }

  /** The end of the text: an unclosed quote is an error; a last record without a line end is handed over. */
  end(): void {
    if (this.carry !== '') {
      // the last line, without a line end
      this.inRecord = true;
      const last = this.carry;
      this.carry = '';
      this.scan(last, 0);
    }
    if (this.inQuotes && !this.quoteClosed) {
      throw new InputError('a quoted field is never closed', {
        file: this.file,
        row: this.row,
        expected: 'a closing double quote',
      });
    }
    this.inQuotes = false;
    this.quoteClosed = false;
    if (this.fieldLength > 0 || this.col > 0 || this.fieldWasQuoted) this.scan('\n', 0);
  }

  private tooLong(col: number): never {
    throw new InputError(`cell ${col + 1} is longer than ${MAX_CELL_CHARS.toLocaleString('en-GB')} characters`, {
      file: this.file,
      row: this.row,
      expected: `cells of at most ${MAX_CELL_CHARS.toLocaleString('en-GB')} characters (is this a CSV file? an unclosed quote?)`,
    });
  }

  private tooManyCells(): never {
    throw new InputError(`more than ${MAX_FIELDS.toLocaleString('en-GB')} cells in one row`, {
      file: this.file,
      row: this.row,
      expected: `at most ${MAX_FIELDS.toLocaleString('en-GB')} columns`,
    });
  }
}
