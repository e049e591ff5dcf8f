/**
 * Static text files go gzipped to clients that accept it: the bytes decompress to the file,
 * a rebuilt file (new size or time) is recompressed, binary files and clients without gzip get
 * the file as is, and the cache stays within its bound.
 */
import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { GzipCache, compressible } from '../../src/server/gzipCache.ts';
import { loadSource } from '../../src/server/source.ts';
import { ASSET_JS, FRAMEWORK, makeWebRoot } from './helpers.ts';

describe('gzipped static files', () => {
  it('through the app: gzip when accepted, identity otherwise, a rebuilt file recompressed', async () => {
    const web = makeWebRoot({ bigFileBytes: 4096 });
    const app = buildApp(loadSource(FRAMEWORK), { webRoot: web.root });
    const url = '/assets/app-1a2b.js';
    const gz = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toBe('accept-encoding');
    expect(Number(gz.headers['content-length'])).toBe(gz.rawPayload.length);
    expect(gunzipSync(gz.rawPayload).toString('utf8')).toBe(ASSET_JS);
    const plain = await app.inject({ url });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(ASSET_JS);
    // A binary file is never compressed.
    expect(
      (await app.inject({ url: '/big.bin', headers: { 'accept-encoding': 'gzip' } })).headers['content-encoding'],
    ).toBeUndefined();
    // Rebuilt: new contents, new time.
    const rebuilt = 'console.log("synthetic asset, rebuilt");\n';
    writeFileSync(join(web.root, 'assets/app-1a2b.js'), rebuilt);
    utimesSync(join(web.root, 'assets/app-1a2b.js'), new Date(), new Date(Date.now() + 60_000));
    const again = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    expect(gunzipSync(again.rawPayload).toString('utf8')).toBe(rebuilt);
    await app.close();
  });

  it('GzipCache: one compression per version, bounded size (oldest evicted)', async () => {
    const web = makeWebRoot();
    const files = ['a', 'b', 'c'].map((n) => {
      const f = join(web.root, `${n}.txt`);
      // synthetic, poorly compressible text so each gzip is a known-ish size (> 1 KiB)
      writeFileSync(f, Array.from({ length: 400 }, (_, i) => ((i * 2654435761) % 1000003).toString(36)).join(n));
      return f;
    });
    const cache = new GzipCache(3000);
    const first = await cache.get(files[0], 1, 1);
    expect(await cache.get(files[0], 1, 1)).toBe(first); // same version: the same buffer
    expect(await cache.get(files[0], 1, 2)).not.toBe(first); // new version: recompressed
    expect((await cache.get(files[1], 1, 1)).length).toBeGreaterThan(1000);
    expect((await cache.get(files[2], 1, 1)).length).toBeGreaterThan(1000);
    await new Promise((r) => setImmediate(r)); // let the bookkeeping after the last compression run
    const inside = cache as unknown as { total: number; entries: Map<string, unknown> };
    expect(inside.total).toBeLessThanOrEqual(3000);
    expect([...inside.entries.keys()]).toEqual([files[1], files[2]]); // three of > 1000 B do not fit: the oldest went
    expect(compressible('x/app.js', 10)).toBe(true);
    expect(compressible('x/app.png', 10)).toBe(false);
    expect(compressible('x/huge.js', 17 * 2 ** 20)).toBe(false);
  });
});
