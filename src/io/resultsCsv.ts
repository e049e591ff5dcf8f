/**
 * results.csv as bytes, produced in chunks: the same text as `formatCsv` over the
 * `roundForOutput`ed result columns (tested), written straight into a reused buffer — numbers by
 * `putOutputNumber`, text cells (quoted and formula-neutralised as `formatOutputCsv` does) as
 * UTF-8 — and handed to `sink` a chunk at a time, so England's 1.5 million cells make neither a
 * string per cell nor one 9 MB string.
 */
import type { Result } from '../core/types.ts';
import { neutraliseFormula } from '../core/csvFormat.ts';
import { putOutputNumber, resultColumns } from '../core/resultTable.ts';
import { csvCell } from './csv.ts';

/** Bytes per chunk handed to the sink. */
const CHUNK = 1 << 18;
/** Room a number cell and its separator may need (outputNumberText's longest, e.g. "-1.234567891e-300", is 17 bytes). */
const NUMBER_ROOM = 32;

/**
 * Writes results.csv to `sink` in order, a chunk at a time. The chunk is a view of a buffer that
 * is reused: the sink must use (write, hash or copy) the bytes before it returns.
 */
export function resultsCsvChunks(result: Result, sink: (chunk: Uint8Array) => void): void {
  const cols = resultColumns(result);
  const n = result.areas.codes.length;
  const width = cols.length;
  const numeric = cols.map((c) => c.kind === 'number');
  const arrays = cols.map((c) => c.array);
  const encoder = new TextEncoder();
  // `buf` and `at` stay local to this loop (no closure writes them), so they can live in registers.
  let buf = new Uint8Array(CHUNK);
  let at = 0;
  const header = cols.map((c) => csvCell(neutraliseFormula(c.name))).join(',');
  if (3 * header.length + 1 > buf.length) buf = new Uint8Array(3 * header.length + 1);
  at = putText(buf, at, header, encoder);
  buf[at++] = 10;
  // Each cell makes room for itself and the separator after it (',' or the line's '\n').
  const last = width - 1;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < width; k++) {
      if (numeric[k]) {
        if (at + NUMBER_ROOM > buf.length) {
          sink(buf.subarray(0, at));
          at = 0;
        }
        const a = arrays[k];
        at = putOutputNumber(buf, at, a !== undefined ? a[i] : (cols[k].values(i) as number));
      } else {
        const s = csvCell(neutraliseFormula(cols[k].values(i) as string));
        // UTF-8 takes at most 3 bytes per UTF-16 code unit; one more for the separator
        if (at + 3 * s.length + 1 > buf.length) {
          sink(buf.subarray(0, at));
          at = 0;
          if (3 * s.length + 1 > buf.length) buf = new Uint8Array(3 * s.length + 1);
        }
        at = putText(buf, at, s, encoder);
      }
      buf[at++] = k < last ? 44 : 10; // ',' or '\n'
    }
  }
  if (at > 0) sink(buf.subarray(0, at));
}

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
