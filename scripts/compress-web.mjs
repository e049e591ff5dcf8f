#!/usr/bin/env node
/**
 * Writes `.br` and `.gz` beside each text file of the web build (web/dist, or the folder given),
 * so the server (`@fastify/static` with `preCompressed`) sends compressed bytes without
 * compressing per request. MapLibre's ~1 MiB bundle is about a quarter of that gzipped.
 * Files under 1 KiB are left alone (compression would save less than a packet).
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TEXT = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.svg', '.txt']);
const dir = process.argv[2] ?? fileURLToPath(new URL('../web/dist', import.meta.url));

for (const name of readdirSync(dir, { recursive: true })) {
  const file = join(dir, String(name));
  if (!TEXT.has(extname(file)) || !statSync(file).isFile() || statSync(file).size < 1024) continue;
  const bytes = readFileSync(file);
  writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
  writeFileSync(`${file}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
}
