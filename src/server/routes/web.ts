/**
 * The map's static files from the web build folder (`npm run build:web` → web/dist): `/` is
 * index.html; names are resolved by `resolveWebPath`, which refuses anything outside the folder.
 * Vite's hashed `/assets/` files are cached for a year; everything else is revalidated. Text
 * files go gzipped to clients that accept it (`GzipCache`). When the
 * folder has no index.html yet, pages answer 503 with how to build it (the API still works).
 */
import { createReadStream, existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { resolveWebPath } from '../webPath.ts';
import { compressible, GzipCache } from '../gzipCache.ts';
import { acceptsGzip } from '../payload.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.pbf': 'application/x-protobuf',
  '.wasm': 'application/wasm',
};

export const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>wardrank: map not built</title></head>
<body><h1>The map has not been built</h1>
<p>The web build folder has no <code>index.html</code>. Run <code>npm run build:web</code> and reload this page.</p>
<p>The JSON API works meanwhile: <a href="/api/framework">/api/framework</a>, <a href="/api/wards">/api/wards</a>.</p>
</body></html>
`;

/**
 * `prefix` (e.g. `/london-2018`) serves the same build under a second index's path, so the
 * page's relative `api/…` and `geo/…` URLs reach that index's routes; `/<prefix>` redirects to
 * `/<prefix>/`.
 */
export function registerWebRoutes(app: FastifyInstance, webRoot: string, prefix = ''): void {
  const gzipped = new GzipCache();
  if (prefix) app.get(prefix, (_req, reply) => reply.redirect(`${prefix}/`, 301));
  app.get(`${prefix}/*`, async (req, reply) => {
    if (!existsSync(join(webRoot, 'index.html')))
      return reply.code(503).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(NOT_BUILT_PAGE);
    const url = (req.raw.url ?? '/').slice(prefix.length) || '/';
    const hit = resolveWebPath(webRoot, url);
    if ('status' in hit) return reply.code(hit.status).send({ error: hit.error });
    const immutable = /^\/assets\//.test(url);
    reply
      .type(TYPES[extname(hit.file).toLowerCase()] ?? 'application/octet-stream')
      .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    if (compressible(hit.file, hit.size)) {
      reply.header('vary', 'accept-encoding');
      if (acceptsGzip(req.headers['accept-encoding'])) {
        const gz = await gzipped.get(hit.file, hit.size, hit.mtimeMs);
        return reply.header('content-encoding', 'gzip').header('content-length', gz.length).send(gz);
      }
    }
    return reply.header('content-length', hit.size).send(createReadStream(hit.file));
  });
}
