/**
 * results.csv as bytes, produced in chunks: the same text as `formatOutputCsv` over the
 * `roundForOutput`ed result columns (tested), so England's 1.5 million cells make neither a
 * string per cell nor one 9 MB string.
 *
 * Rows go out in blocks. Within a block each column's cells are written column by column into
 * that column's own byte buffer — numbers by `putOutputNumber`, text (formula-neutralised and
 * quoted as `formatOutputCsv` does) as UTF-8 — so each loop handles one column of one kind; the
 * block's lines are then assembled from those buffers into the chunk handed to `sink`. (Writing
 * cell by cell along each row instead, one loop over 47 columns of different kinds, cost about
 * twice as much.)
 */
import type { Result } from '../core/types.ts';
import { neutraliseFormula } from '../core/csvFormat.ts';
import { putOutputNumber, resultColumns, type ResultColumn } from '../core/resultTable.ts';
import { csvCell } from './csv.ts';

/** Rows per block. */
const BLOCK = 1024;
/** Bytes a number cell may need (outputNumberText's longest, e.g. "-1.234567891e-300", is 17). */
const NUMBER_ROOM = 24;

/** One column's cells of the current block: bytes, and where each cell ends. */
interface ColumnBlock {
  bytes: Uint8Array;
  ends: Int32Array;
}

/**
 * Writes results.csv to `sink` in order, a chunk (a block of lines) at a time. The chunk is a
 * view of a buffer that is reused: the sink must use (write, hash or copy) the bytes before it
 * returns.
 */
export function resultsCsvChunks(result: Result, sink: (chunk: Uint8Array) => void): void {
  const cols = resultColumns(result);
  const n = result.areas.codes.length;
  const width = cols.length;
  const encoder = new TextEncoder();
  const blocks: ColumnBlock[] = cols.map((c) => ({
    bytes: new Uint8Array(c.kind === 'number' ? BLOCK * NUMBER_ROOM : BLOCK * 16),
    ends: new Int32Array(BLOCK),
  }));
  let out = new Uint8Array(BLOCK * 256);
  const header = encoder.encode(cols.map((c) => csvCell(neutraliseFormula(c.name))).join(',') + '\n');
  sink(header);
  for (let from = 0; from < n; from += BLOCK) {
    const to = Math.min(n, from + BLOCK);
    let size = 0;
    for (let k = 0; k < width; k++) {
      const c = cols[k];
      const b = blocks[k];
      if (c.kind === 'number') {
        if (c.array) numberCells(c.array, from, to, b);
        else computedNumberCells(c, from, to, b);
      } else textCells(c, from, to, b, encoder);
      size += b.ends[to - from - 1];
    }
    // every cell is followed by one separator (',' or '\n')
    size += (to - from) * width;
    if (size > out.length) out = new Uint8Array(size);
    sink(
      out.subarray(
        0,
        assemble(
          blocks.map((b) => b.bytes),
          blocks.map((b) => b.ends),
          to - from,
          out,
        ),
      ),
    );
  }
}

/** The lines of a block, from the columns' cells: cells joined by ',', each line ended by '\n'. */
function assemble(bytesOf: Uint8Array[], endsOf: Int32Array[], rows: number, out: Uint8Array): number {
  const last = bytesOf.length - 1;
  let at = 0;
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k <= last; k++) {
      const bytes = bytesOf[k];
      const ends = endsOf[k];
      const end = ends[r];
      for (let p = r === 0 ? 0 : ends[r - 1]; p < end; p++) out[at++] = bytes[p];
      out[at++] = k < last ? 44 : 10; // ',' or '\n'
    }
  }
  return at;
}

function numberCells(a: Float64Array, from: number, to: number, b: ColumnBlock): void {
  const { bytes, ends } = b;
  let at = 0;
  for (let i = from; i < to; i++) ends[i - from] = at = putOutputNumber(bytes, at, a[i]);
}

function computedNumberCells(c: ResultColumn, from: number, to: number, b: ColumnBlock): void {
  const { bytes, ends } = b;
  let at = 0;
  for (let i = from; i < to; i++) ends[i - from] = at = putOutputNumber(bytes, at, c.values(i) as number);
}

/**
 * Text cells as `csvCell(neutraliseFormula(s))`: most cells need neither (no leading formula
 * character, no comma, quote or line break) and are copied as they are; the rest go through them.
 */
function textCells(c: ResultColumn, from: number, to: number, b: ColumnBlock, encoder: TextEncoder): void {
  let { bytes } = b;
  const { ends } = b;
  let at = 0;
  for (let i = from; i < to; i++) {
    let s = c.values(i) as string;
    if (s.length > 0 && (FORMULA_START[s.charCodeAt(0)] === 1 || NEEDS_QUOTES.test(s))) {
      s = csvCell(neutraliseFormula(s));
    }
    // UTF-8 takes at most 3 bytes per UTF-16 code unit
    if (at + 3 * s.length > bytes.length) {
      const grown = new Uint8Array(Math.max(2 * bytes.length, at + 3 * s.length));
      grown.set(bytes.subarray(0, at));
      b.bytes = bytes = grown;
    }
    at = putText(bytes, at, s, encoder);
    ends[i - from] = at;
  }
}

/** neutraliseFormula's first characters (=, +, -, @, tab, carriage return) by character code. */
const FORMULA_START = new Uint8Array(128);
for (const ch of '=+-@\t\r') FORMULA_START[ch.charCodeAt(0)] = 1;
/** What makes csvCell quote a cell. */
const NEEDS_QUOTES = /[",\r\n]/;

/** Writes s as UTF-8 at `at` (room checked by the caller); ASCII byte by byte, the rest by the encoder. */
function putText(buf: Uint8Array, at: number, s: string, encoder: TextEncoder): number {
  for (let j = 0; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c >= 0x80) return at + encoder.encodeInto(j === 0 ? s : s.slice(j), buf.subarray(at)).written;
    buf[at++] = c;
  }
  return at;
}

/** results.csv as one string (for tests and callers that want the text). */
export function resultsCsv(result: Result): string {
  const chunks: Uint8Array[] = [];
  resultsCsvChunks(result, (c) => chunks.push(c.slice()));
  return Buffer.concat(chunks).toString('utf8');
}
