/**
 * The web build through `@fastify/static`: the `.br`/`.gz` siblings scripts/compress-web.mjs
 * writes go to clients that accept them (the bytes decompress to the file), the file as is to
 * others; conditional requests answer 304 on the ETag, with the security headers; a second
 * index's prefix serves the same files.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { SECURITY_HEADERS } from '../../src/server/security.ts';
import { loadSource } from '../../src/server/source.ts';
import { FRAMEWORK, makeWebRoot } from './helpers.ts';

// synthetic JavaScript over 1 KiB, so scripts/compress-web.mjs compresses it
const BIG_JS = Array.from({ length: 200 }, (_, i) => `console.log("synthetic line ${i}");`).join('\n');
let app: FastifyInstance;
let root: string;

beforeAll(() => {
  root = makeWebRoot({ bigFileBytes: 4096 }).root;
  writeFileSync(join(root, 'assets', 'map-9f8e.js'), BIG_JS);
  execFileSync(process.execPath, ['scripts/compress-web.mjs', root]);
  const source = loadSource(FRAMEWORK);
  app = buildApp(source, { webRoot: root, also: [{ id: 'second', source }] });
});
afterAll(() => app.close());

describe('pre-compressed static files', () => {
  it('compress-web writes .br and .gz of text files over 1 KiB only', () => {
    expect(gunzipSync(readFileSync(join(root, 'assets', 'map-9f8e.js.gz'))).toString('utf8')).toBe(BIG_JS);
    expect(brotliDecompressSync(readFileSync(join(root, 'assets', 'map-9f8e.js.br'))).toString('utf8')).toBe(BIG_JS);
    expect(existsSync(join(root, 'assets', 'app-1a2b.js.gz'))).toBe(false); // under 1 KiB
    expect(existsSync(join(root, 'big.bin.gz'))).toBe(false); // not text
  });

  it("brotli or gzip when accepted, identity otherwise; the type is the original file's", async () => {
    const url = '/assets/map-9f8e.js';
    const br = await app.inject({ url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(BIG_JS);
    const gz = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toBe('accept-encoding');
    expect(gz.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(gunzipSync(gz.rawPayload).toString('utf8')).toBe(BIG_JS);
    const plain = await app.inject({ url });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('accept-encoding');
    expect(plain.body).toBe(BIG_JS);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(
      (await app.inject({ url: '/big.bin', headers: { 'accept-encoding': 'gzip' } })).headers['content-encoding'],
    ).toBeUndefined();
    // `/` is index.html also for a browser that accepts compression (index.html has no .br/.gz here)
    const index = await app.inject({ url: '/', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain('synthetic map build');
  });

  it('304 on a matching ETag or an unchanged Last-Modified, with the security headers', async () => {
    const first = await app.inject({ url: '/' });
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/"[0-9a-f]+-[0-9a-f]+"$/);
    const again = await app.inject({ url: '/', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) expect(again.headers[k], k).toBe(v);
    expect(
      (await app.inject({ url: '/', headers: { 'if-modified-since': first.headers['last-modified'] as string } }))
        .statusCode,
    ).toBe(304);
    expect((await app.inject({ url: '/', headers: { 'if-none-match': '"other"' } })).statusCode).toBe(200);
  });

  it("the second index's prefix serves the same files, compressed alike", async () => {
    const gz = await app.inject({ url: '/second/assets/map-9f8e.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.statusCode).toBe(200);
    expect(gunzipSync(gz.rawPayload).toString('utf8')).toBe(BIG_JS);
    expect((await app.inject({ url: '/second/../secret.txt' })).statusCode).toBe(404); // normalised by inject to /secret.txt
  });
});
