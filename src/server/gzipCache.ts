/**
 * Gzip of the web build's text files (JavaScript, CSS, HTML, JSON, SVG), compressed once per
 * file version — path, size and modification time, so a rebuild is picked up — off the event
 * loop (zlib's thread pool), and kept in memory up to a bound (64 MiB; oldest evicted first).
 * MapLibre's bundle is about 1 MiB of JavaScript that gzips to about a quarter.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.svg', '.txt']);
const MAX_FILE_BYTES = 16 * 2 ** 20;

export function compressible(file: string, size: number): boolean {
  return COMPRESSIBLE.has(extname(file).toLowerCase()) && size <= MAX_FILE_BYTES;
}

export class GzipCache {
  private readonly entries = new Map<string, { version: string; gz: Promise<Buffer>; bytes: number }>();
  private total = 0;

  constructor(private readonly maxBytes = 64 * 2 ** 20) {}

  /** The gzip of `file` at this version (size, mtime), compressing it on first use. */
  get(file: string, size: number, mtimeMs: number): Promise<Buffer> {
    const version = `${size}:${mtimeMs}`;
    const hit = this.entries.get(file);
    if (hit && hit.version === version) return hit.gz;
    if (hit) this.drop(file);
    const entry = { version, bytes: 0, gz: readFile(file).then((b) => gzipAsync(b, { level: 6 })) };
    this.entries.set(file, entry);
    entry.gz.then(
      (gz) => {
        if (this.entries.get(file) !== entry) return;
        entry.bytes = gz.length;
        this.total += gz.length;
        for (const key of this.entries.keys()) {
          if (this.total <= this.maxBytes) break;
          if (key !== file) this.drop(key);
        }
      },
      () => this.entries.get(file) === entry && this.drop(file),
    );
    return entry.gz;
  }

  private drop(file: string): void {
    this.total -= this.entries.get(file)?.bytes ?? 0;
    this.entries.delete(file);
  }
}
