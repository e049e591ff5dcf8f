/**
 * What no request may do: read a file outside the web build (≥ 10 traversal encodings, over a
 * real socket so no client normalises them first), use a method other than GET/HEAD, pass an
 * oversized or malformed URL or query, or get a response without the security headers —
 * whatever the status (200, 304, 400, 404, 405, 414, 431, 500, 503).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS, checkUrl } from '../../src/server/security.ts';
import { loadSource, type Source } from '../../src/server/source.ts';
import { insideRoot, refuseWebPath } from '../../src/server/webPath.ts';
import { NOT_BUILT_PAGE } from '../../src/server/routes/web.ts';
import { ASSET_JS, FRAMEWORK, INDEX_HTML, SECRET, listen, makeWebRoot, rawGet, rawRequest } from './helpers.ts';

let source: Source;
let app: FastifyInstance;
let port: number;
let web: { root: string; base: string };
const logs: string[] = [];

beforeAll(async () => {
  source = loadSource(FRAMEWORK);
  web = makeWebRoot();
  app = buildApp(source, { webRoot: web.root, log: (l) => logs.push(l) });
  // A route that fails, to see the 500 path (added before the app is ready, as any route).
  app.get('/api/test-failure', () => {
    throw new Error('synthetic failure\nsecond line');
  });
  port = await listen(app);
});
afterAll(() => app.close());

function expectSecurityHeaders(headers: Record<string, unknown>, what: string): void {
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) expect(headers[k], `${what}: ${k}`).toBe(v);
}

describe('security headers on every response', () => {
  it('the CSP allows only this origin, with blob: workers and inline styles for MapLibre', () => {
    expect(
      CONTENT_SECURITY_POLICY.startsWith(
        "default-src 'self'; img-src 'self' data: blob:; worker-src 'self' blob:; child-src blob:; style-src 'self' 'unsafe-inline'",
      ),
    ).toBe(true);
    expect(SECURITY_HEADERS['x-content-type-options']).toBe('nosniff');
    expect(SECURITY_HEADERS['referrer-policy']).toBe('no-referrer');
    expect(SECURITY_HEADERS['x-frame-options']).toBe('DENY');
    expect(SECURITY_HEADERS['cross-origin-opener-policy']).toBe('same-origin');
  });

  it('on 200, 304, 400, 404, 405, 414 and 500 (inject)', async () => {
    const cases: [string, string, number, Record<string, string>?][] = [
      ['GET', '/', 200],
      ['GET', '/assets/app-1a2b.js', 200],
      ['GET', '/api/wards', 200],
      ['GET', '/geo/boundaries.json', 200],
      ['GET', '/api/wards/A01', 304, { 'if-none-match': '' }],
      ['GET', '/api/wards/%3Cx%3E', 400],
      ['GET', '/%zz', 400],
      ['GET', '/api/wards/NOPE', 404],
      ['GET', '/no-such-file.js', 404],
      ['POST', '/api/wards', 405],
      ['GET', `/?q=${'a'.repeat(600)}`, 414],
      ['GET', '/api/test-failure', 500],
    ];
    for (const [method, url, status, headers] of cases) {
      if (status === 304) headers!['if-none-match'] = (await app.inject({ url })).headers.etag as string;
      const r = await app.inject({ method: method as 'GET', url, headers });
      expect(r.statusCode, url).toBe(status);
      expectSecurityHeaders(r.headers, `${method} ${url}`);
    }
  });

  it('500: JSON without internals, logged as one line', async () => {
    logs.length = 0;
    const r = await app.inject({ url: '/api/test-failure' });
    expect(r.statusCode).toBe(500);
    expect(r.json()).toEqual({ error: 'internal error' });
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/^\S+ 500 GET "\/api\/test-failure": Error: synthetic failure$/);
    expect((await app.inject({ url: '/api/wards/A01' })).statusCode).toBe(200); // and the next request is fine
  });

  it('on HTTP-level errors the parser raises before routing (raw socket)', async () => {
    const bad = await rawRequest(port, 'THIS IS NOT HTTP\r\n\r\n');
    expect(bad.status).toBe(400);
    expectSecurityHeaders(bad.headers, 'garbage request line');
    const huge = await rawRequest(port, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(huge.status).toBe(431);
    expectSecurityHeaders(huge.headers, 'oversized headers');
  });

  it('503 with how to build the map when there is no build; the API still answers', async () => {
    const bare = buildApp(source, { webRoot: makeWebRoot({ index: false }).root });
    const page = await bare.inject({ url: '/' });
    expect(page.statusCode).toBe(503);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toBe(NOT_BUILT_PAGE);
    expect(page.body).toContain('npm run build:web');
    expectSecurityHeaders(page.headers, '503');
    expect((await bare.inject({ url: '/api/framework' })).statusCode).toBe(200);
    await bare.close();
  });
});

describe('static files', () => {
  it('/ is index.html; assets are served with their type and long caching', async () => {
    const index = await rawGet(port, '/');
    expect(index.status).toBe(200);
    expect(index.body).toBe(INDEX_HTML);
    expect(index.headers['cache-control']).toBe('no-cache');
    const js = await app.inject({ url: '/assets/app-1a2b.js' });
    expect(js.body).toBe(ASSET_JS);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  // Each names /etc/passwd or the secret beside the build folder; none may return it.
  const attempts = [
    '/../secret.txt',
    '/../../../../../../etc/passwd',
    '/..%2fsecret.txt',
    '/..%2f..%2f..%2fetc%2fpasswd',
    '/%2e%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/%252e%252e/secret.txt',
    '/%252e%252e%252fsecret.txt',
    '/..\\secret.txt',
    '/..%5csecret.txt',
    '/%5c..%5c..%5cetc%5cpasswd',
    '/..%00/secret.txt',
    '/secret.txt%00.html',
    '/%c0%ae%c0%ae/secret.txt',
    '/%c0%af..%c0%afsecret.txt',
    '/..%u2216secret.txt',
    '/.%2e/secret.txt',
    '/assets/../../secret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '//etc/passwd',
    '/etc/passwd',
    '/leak.txt',
    '/.env',
    '/assets/..;/..;/secret.txt',
    '/%2e%2e%2f%2e%2e%2fetc/passwd',
    '/....//....//secret.txt',
  ];

  it(`${attempts.length} traversal attempts over a real socket: 400 or 404, never the file`, async () => {
    for (const path of attempts) {
      const r = await rawGet(port, path);
      expect([400, 404], path).toContain(r.status);
      expect(r.body, path).not.toContain(SECRET);
      expectSecurityHeaders(r.headers, path);
    }
  });

  it('the same attempts through inject (as a client that normalises URLs would send them)', async () => {
    for (const path of attempts) {
      const r = await app.inject({ url: path });
      expect([400, 404], path).toContain(r.statusCode);
      expect(r.body, path).not.toContain(SECRET);
    }
  });

  it('refuseWebPath and insideRoot: what each kind of path becomes', () => {
    expect(refuseWebPath('/')).toBeUndefined();
    expect(refuseWebPath('/assets/app-1a2b.js?v=1')).toBeUndefined();
    for (const bad of [
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/%252e%252e/secret.txt',
      '/a\\b',
      '/%c0%ae',
      '/a%0Ab',
      '/' + 'a/'.repeat(20),
    ])
      expect(refuseWebPath(bad), bad).toBeTypeOf('string');
    expect(insideRoot(web.root, '/assets/app-1a2b.js')).toBe(true);
    expect(insideRoot(web.root, '/leak.txt')).toBe(false); // a link out of the folder
    expect(insideRoot(web.root, '/no-such-file')).toBe(true); // looked up, then not found
  });

  it('a folder, a link out of the folder and a dotfile are not found', async () => {
    for (const url of ['/assets', '/leak.txt', '/.env']) expect((await app.inject({ url })).statusCode, url).toBe(404);
  });
});

describe('methods, URLs and query strings', () => {
  it('every method but GET and HEAD: 405 JSON with Allow', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const) {
      for (const url of ['/api/wards', '/', '/nowhere']) {
        const r = await app.inject({ method, url, payload: method === 'OPTIONS' ? undefined : '{}' });
        expect(r.statusCode, `${method} ${url}`).toBe(405);
        expect(r.headers.allow).toBe('GET, HEAD');
        expect(r.json().error).toMatch(/not allowed/);
      }
    }
    const trace = await rawRequest(port, 'TRACE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(trace.status).toBe(405);
  });

  it('bad query strings and URLs: 4xx JSON, and the API still works after', async () => {
    const cases: [string, number][] = [
      [`/api/wards?${'x'.repeat(513)}`, 414],
      [`/api/wards?a=${'%41'.repeat(200)}`, 414],
      [`/${'a'.repeat(2100)}`, 414],
      ['/api/wards?x=%', 400],
      ['/api/wards?x=%zz', 400],
      ['/api/wards?x=%E0%A4%A', 400],
      ['/api/wards?x=%00', 400],
      ['/api/wards%00', 400],
    ];
    for (const [url, status] of cases) {
      const r = await rawGet(port, url);
      expect(r.status, url.slice(0, 40)).toBe(status);
      expect(JSON.parse(r.body).error).toEqual(expect.any(String));
      expectSecurityHeaders(r.headers, url.slice(0, 40));
    }
    // A well-formed query is ignored (no route reads one).
    const ok = await app.inject({ url: '/api/wards?cache=1&x[]=2&__proto__=3' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().wards).toHaveLength(10);
  });

  it('checkUrl: limits and well-formedness', () => {
    expect(checkUrl('/api/wards')).toBeUndefined();
    expect(checkUrl('/api/wards?a=1&b=%20')).toBeUndefined();
    expect(checkUrl('http://evil/')).toMatchObject({ status: 400 });
    expect(checkUrl('/' + 'a'.repeat(2048))).toMatchObject({ status: 414 });
    expect(checkUrl('/?' + 'a'.repeat(513))).toMatchObject({ status: 414 });
    expect(checkUrl('/?' + 'a'.repeat(512))).toBeUndefined();
    expect(checkUrl('/%')).toMatchObject({ status: 400 });
    expect(checkUrl('/a%00')).toMatchObject({ status: 400 });
  });
});
