/**
 * Reads a source text file whatever its packaging: gzip-compressed (`.gz`, as the vendored
 * copies in `data/london-2018/sources/` are) or not, UTF-8 or Latin-1 (the GLA ward atlas and ward
 * profiles are ISO-8859-1 exports; their only non-ASCII byte is 0xA3 "£").
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export type TextEncoding = 'utf-8' | 'latin1';

/** The file's bytes, decompressed when the name ends in `.gz`. */
export function readSourceBytes(path: string): Uint8Array {
  const raw = readFileSync(path);
  return path.endsWith('.gz') ? gunzipSync(raw) : raw;
}

/**
 * Decodes bytes as text. Latin-1 maps every byte b to the code point U+00b (ISO-8859-1), so it
 * never fails; UTF-8 decoding keeps the replacement character for bad bytes so that `parseCsv`
 * can report them.
 */
export function decodeText(bytes: Uint8Array, encoding: TextEncoding): string {
  if (encoding === 'latin1') return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return new TextDecoder('utf-8').decode(bytes);
}

/** readSourceBytes + decodeText. */
export function readSourceText(path: string, encoding: TextEncoding = 'utf-8'): string {
  return decodeText(readSourceBytes(path), encoding);
}
