/**
 * The map's static files from the web build folder (`npm run build:web` → web/dist), served by
 * `@fastify/static`: `/` is index.html; weak ETags (size and modification time) and
 * Last-Modified answer conditional requests with 304; the `.br`/`.gz` siblings the web build
 * writes (scripts/compress-web.mjs) go to clients that accept them (`Vary: accept-encoding`).
 * Vite's hashed `/assets/` files are cached for a year; everything else is revalidated.
 *
 * Before a file is looked up, `refuseWebPath` turns away paths no build file has (encoded
 * separators, dot segments, control characters: 400), and `insideRoot` refuses any file whose
 * real path (symbolic links followed) leaves the folder (404); dotfiles are not found. When the
 * folder has no index.html yet, pages answer 503 with how to build it (the API still works).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import send from '@fastify/send';
import { insideRoot, refuseWebPath } from '../webPath.ts';

// RFC 9239: JavaScript is text/javascript (send's table still says application/javascript).
send.mime.define({ 'text/javascript': ['js', 'mjs'], 'application/x-protobuf': ['pbf'] }, true);

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
  if (prefix) app.get(prefix, (_req, reply) => reply.redirect(`${prefix}/`, 301));
  app.register(async (scope) => {
    scope.addHook('onRequest', async (req, reply) => {
      if (!existsSync(join(webRoot, 'index.html')))
        return reply
          .code(503)
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          .send(NOT_BUILT_PAGE);
      const refused = refuseWebPath((req.raw.url ?? '/').slice(prefix.length) || '/');
      if (refused) return reply.code(400).send({ error: refused });
    });
    await scope.register(fastifyStatic, {
      root: webRoot,
      prefix: `${prefix}/`,
      decorateReply: false,
      wildcard: true,
      redirect: false,
      index: ['index.html'], // an array: with preCompressed, a string index is not found for `/`
      dotfiles: 'ignore',
      preCompressed: true,
      etag: true,
      lastModified: true,
      cacheControl: false,
      allowedPath: (pathName: string) => insideRoot(webRoot, pathName),
      setHeaders: (reply: FastifyReply, path: string) => {
        const immutable = path.startsWith(join(webRoot, 'assets') + '/');
        reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  });
}
