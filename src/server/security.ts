/**
 * What every response carries and every request must pass, whatever route (or none) it hits.
 *
 * Headers: a Content-Security-Policy allowing only this origin (MapLibre needs `blob:` workers
 * and inline styles), no MIME sniffing, no referrer, no framing, a same-origin opener policy.
 * Requests: GET and HEAD only (405 otherwise: the API is read-only); URLs must be origin-form
 * (`/…`), at most 2,048 characters with a query of at most 512, and well-formed
 * percent-encoding with no encoded NUL (400/414). Rejections are JSON `{ error }`.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Socket } from 'node:net';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data: blob:",
  "worker-src 'self' blob:",
  'child-src blob:',
  "style-src 'self' 'unsafe-inline'",
  "base-uri 'self'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

export const MAX_URL_LENGTH = 2048;
export const MAX_QUERY_LENGTH = 512;
const ALLOWED_METHODS = new Set(['GET', 'HEAD']);

export interface Rejection {
  status: 400 | 405 | 414;
  error: string;
}

/** Why a request URL is refused, or undefined when it may proceed to routing. */
export function checkUrl(url: string): Rejection | undefined {
  if (!url.startsWith('/')) return { status: 400, error: 'the request target must be a path starting with /' };
  if (url.length > MAX_URL_LENGTH) return { status: 414, error: `URL longer than ${MAX_URL_LENGTH} characters` };
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const query = q < 0 ? '' : url.slice(q + 1);
  if (query.length > MAX_QUERY_LENGTH)
    return { status: 414, error: `query string longer than ${MAX_QUERY_LENGTH} characters` };
  if (!wellEncoded(path) || !wellEncoded(query)) return { status: 400, error: 'malformed percent-encoding in the URL' };
  if (/%00/.test(url)) return { status: 400, error: 'NUL in the URL' };
  return undefined;
}

function wellEncoded(s: string): boolean {
  try {
    decodeURIComponent(s);
    return true;
  } catch {
    return false;
  }
}

export function checkMethod(method: string): Rejection | undefined {
  return ALLOWED_METHODS.has(method)
    ? undefined
    : { status: 405, error: `method ${method} not allowed: this server is read-only (GET, HEAD)` };
}

/** Sends a rejection as JSON (with an Allow header for 405). */
export function reject(reply: FastifyReply, r: Rejection): FastifyReply {
  if (r.status === 405) reply.header('allow', 'GET, HEAD');
  return reply.code(r.status).type('application/json; charset=utf-8').send({ error: r.error });
}

/** Security headers on every routed response; method and URL checks before any handler runs. */
export function installSecurity(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.headers(SECURITY_HEADERS);
    const r =
      checkMethod(request.method) ??
      (request.raw.httpVersionMajor === 1 && request.raw.httpVersionMinor >= 1 && !request.headers.host
        ? { status: 400 as const, error: 'missing Host header (RFC 9112 §3.2)' }
        : undefined) ??
      checkUrl(request.raw.url ?? '');
    if (r) return reject(reply, r);
  });
}

/**
 * For errors the HTTP parser raises before Fastify sees a request (malformed request line,
 * headers too large, timeouts): a complete raw response with the security headers, then close.
 */
/** CONNECT: 405 with the security headers, then close (the server is not a proxy). */
export function rawMethodNotAllowed(socket: Socket): void {
  if (!socket.writable) return;
  const body = JSON.stringify({ error: 'method not allowed' });
  const headers = Object.entries(SECURITY_HEADERS).map(([k, v]) => `${k}: ${v}`);
  socket.end(
    [
      `HTTP/1.1 405 Method Not Allowed`,
      'allow: GET, HEAD',
      'content-type: application/json; charset=utf-8',
      `content-length: ${Buffer.byteLength(body)}`,
      'connection: close',
      ...headers,
      '',
      body,
    ].join('\r\n'),
  );
}

export function rawClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || !socket.writable) return;
  const [status, text] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout']
        : [400, 'Bad Request'];
  const body = JSON.stringify({ error: text.toLowerCase() });
  const headers = Object.entries(SECURITY_HEADERS).map(([k, v]) => `${k}: ${v}`);
  socket.end(
    [
      `HTTP/1.1 ${status} ${text}`,
      'content-type: application/json; charset=utf-8',
      `content-length: ${Buffer.byteLength(body)}`,
      'connection: close',
      ...headers,
      '',
      body,
    ].join('\r\n'),
  );
}
