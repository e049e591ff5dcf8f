/**
 * The wardrank server: the built map (web/dist) and a read-only JSON API over one scored run.
 * `buildApp` wires everything but does not listen, so tests drive it with `inject`.
 *
 * Failure policy: no request can take the process down. Handler errors go to one error
 * handler (500 JSON, one log line; client errors are answered, not logged); unparsable URLs and HTTP-level
 * errors get a 4xx with the security headers; limits keep a request small (no bodies: 1 KiB; URL 2 KiB; route
 * parameters 100 characters; query strings are length-checked and ignored — no route reads one).
 */
import type { Socket } from 'node:net';
import { DEFAULT_WEB_ROOT } from './webRoot.ts';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerApiRoutes } from './routes/api.ts';
import { registerGeoRoutes } from './routes/geo.ts';
import { registerWebRoutes } from './routes/web.ts';
import { registerIndexesRoute, type ServedIndex } from './routes/indexes.ts';
import { registerReportRoutes } from './routes/report.ts';
import { installSecurity, rawClientError, rawMethodNotAllowed, reject, SECURITY_HEADERS } from './security.ts';
import type { Source } from './source.ts';

export interface AppOptions {
  /** The web build folder; default web/dist of this package. */
  webRoot?: string;
  /** Where error lines go; default stderr. */
  log?: (line: string) => void;
  /**
   * Further indexes served under `/<id>/` (same routes as the default one at `/`), e.g. the
   * 2018-ward index beside the current one; ids from `indexIds`.
   */
  also?: { id: string; source: Source }[];
}

export { DEFAULT_WEB_ROOT };

export function buildApp(source: Source, options: AppOptions = {}): FastifyInstance {
  const log = options.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const logLine = (status: number, method: string, url: string | undefined, message: string) =>
    log(
      `${new Date().toISOString()} ${status} ${method} ${JSON.stringify((url ?? '').slice(0, 200))}: ${message.split('\n')[0]}`,
    );

  const app = Fastify({
    logger: false,
    bodyLimit: 1024,
    requestTimeout: 30_000,
    keepAliveTimeout: 5_000,
    return503OnClosing: true,
    routerOptions: {
      maxParamLength: 100,
      // No route reads a query; never spend time parsing one (its length is checked in security.ts).
      querystringParser: () => ({}),
    },
    // A URL the router cannot decode (e.g. `/%zz`); a client error, so not logged.
    frameworkErrors: (_error, _request, reply) => {
      reply.headers(SECURITY_HEADERS);
      reject(reply, { status: 400, error: 'malformed URL' });
    },
    clientErrorHandler: rawClientError,
    // Node's own reply to a request without Host is a bare 400 without our headers: checked in security.ts instead.
    http: { requireHostHeader: false },
  });

  installSecurity(app);
  // CONNECT (a proxy tunnel) never reaches the router; Node would drop the socket silently.
  app.server.on('connect', (_request, socket: Socket) => rawMethodNotAllowed(socket));

  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const status =
      error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) logLine(500, request.method, request.raw.url, error.stack ?? error.message);
    for (const h of ['content-encoding', 'etag', 'content-length', 'cache-control']) reply.removeHeader(h);
    reply.headers(SECURITY_HEADERS);
    return reply
      .code(status)
      .type('application/json; charset=utf-8')
      .send({ error: status === 500 ? 'internal error' : error.message });
  });

  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'not found' }));

  const webRoot = options.webRoot ?? DEFAULT_WEB_ROOT;
  const all: ServedIndex[] = [{ id: '', source }, ...(options.also ?? [])];
  for (const x of all) {
    const prefix = x.id ? `/${x.id}` : '';
    const routes = (scope: FastifyInstance) => {
      registerIndexesRoute(scope, all, x.id);
      registerApiRoutes(scope, x.source);
      registerGeoRoutes(scope, x.source);
      registerReportRoutes(scope, x.source);
    };
    if (prefix) {
      app.register(async (scope) => routes(scope), { prefix });
      registerWebRoutes(app, webRoot, prefix);
    } else routes(app);
  }
  registerWebRoutes(app, webRoot);
  return app;
}
