/**
 * The reference for `CsvColumnScanner` (src/io/csvColumnScanner.ts): a plain incremental RFC
 * 4180 record parser, character by character, that the scanner replaced in the CLI. Kept here
 * only so test/io/csvColumnScanner.test.ts can check the scanner against a second, simpler
 * reading of the same rules, limits and errors.
 *
 * Rules: a field starting with `"` is quoted, `""` inside it is a quote; CRLF or LF ends a
 * record; a UTF-8 BOM at the very start is dropped; text after a closing quote is an error.
 * Limits (a located error, not an out-of-memory crash): a cell of at most MAX_CELL_CHARS
 * (1 MiB) characters, a record of at most MAX_FIELDS (100,000) cells.
 */
import { InputError } from '../../../src/core/errors.ts';
import { MAX_CELL_CHARS, MAX_FIELDS } from '../../../src/io/csvColumnScanner.ts';

/** Receives each record with its 1-based row number (the header is row 1, as a spreadsheet shows it). */
export type RecordSink = (record: string[], row: number) => void;

export class CsvRecordParser {
  private field = '';
  private record: string[] = [];
  private inQuotes = false;
  /** The previous character closed a quoted field (a `"` that may still turn out to be `""`). */
  private quoteClosed = false;
  private fieldWasQuoted = false;
  private row = 1;
  private started = false;

  constructor(
    private readonly file: string,
    private readonly sink: RecordSink,
  ) {}

  push(chunk: string): void {
    let i = 0;
    const n = chunk.length;
    if (!this.started && n > 0) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) i = 1;
    }
    while (i < n) {
      const c = chunk.charCodeAt(i);
      if (this.inQuotes) {
        if (this.quoteClosed) {
          this.quoteClosed = false;
          if (c === 34) {
            this.field += '"';
            i++;
            continue;
          }
          this.inQuotes = false; // the quote closed the field; fall through to unquoted handling
        } else if (c === 34) {
          this.quoteClosed = true;
          i++;
          continue;
        } else {
          // copy a run of ordinary quoted characters
          let j = i;
          while (j < n && chunk.charCodeAt(j) !== 34) j++;
          this.field += chunk.slice(i, j);
          if (this.field.length > MAX_CELL_CHARS) this.tooLong();
          i = j;
          continue;
        }
      }
      if (c === 44) {
        this.endField();
        i++;
      } else if (c === 10) {
        this.endRecord();
        i++;
      } else if (c === 13) {
        i++;
      } else if (c === 34 && this.field === '' && !this.fieldWasQuoted) {
        this.inQuotes = true;
        this.fieldWasQuoted = true;
        i++;
      } else {
        if (this.fieldWasQuoted) {
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
        this.field += chunk.slice(i, j);
        if (this.field.length > MAX_CELL_CHARS) this.tooLong();
        i = j;
      }
    }
  }

  private tooLong(): never {
    throw new InputError(
      `cell ${this.record.length + 1} is longer than ${MAX_CELL_CHARS.toLocaleString('en-GB')} characters`,
      {
        file: this.file,
        row: this.row,
        expected: `cells of at most ${MAX_CELL_CHARS.toLocaleString('en-GB')} characters (is this a CSV file? an unclosed quote?)`,
      },
    );
  }

  end(): void {
    if (this.inQuotes && !this.quoteClosed) {
      throw new InputError('a quoted field is never closed', {
        file: this.file,
        row: this.row,
        expected: 'a closing double quote',
      });
    }
    this.inQuotes = false;
    this.quoteClosed = false;
    if (this.field !== '' || this.record.length > 0 || this.fieldWasQuoted) this.endRecord();
  }

  private endField(): void {
    if (this.record.length >= MAX_FIELDS) {
      throw new InputError(`more than ${MAX_FIELDS.toLocaleString('en-GB')} cells in one row`, {
        file: this.file,
        row: this.row,
        expected: `at most ${MAX_FIELDS.toLocaleString('en-GB')} columns`,
      });
    }
    this.record.push(this.field);
    this.field = '';
    this.fieldWasQuoted = false;
    this.inQuotes = false;
    this.quoteClosed = false;
  }

  private endRecord(): void {
    this.endField();
    const rec = this.record;
    this.record = [];
    this.sink(rec, this.row);
    this.row++;
  }
}
