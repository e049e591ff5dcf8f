/**
 * Requests Node answers below the router (issue 17 §6): a request without Host and a CONNECT
 * get complete replies carrying the security headers, over a real socket.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { SECURITY_HEADERS } from '../../src/server/security.ts';
import { loadSource } from '../../src/server/source.ts';
import { FRAMEWORK, listen, makeWebRoot, rawRequest } from './helpers.ts';

let app: FastifyInstance;
let port: number;
beforeAll(async () => {
  app = buildApp(loadSource(FRAMEWORK), { webRoot: makeWebRoot().root, log: () => {} });
  port = await listen(app);
});
afterAll(() => app.close());

describe('below the router', () => {
  it('HTTP/1.1 without Host: 400 with the security headers', async () => {
    const r = await rawRequest(port, 'GET /api/framework HTTP/1.1\r\nConnection: close\r\n\r\n');
    expect(r.status).toBe(400);
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) expect(r.headers[k], k).toBe(v);
    expect(r.body).toContain('missing Host header');
  });

  it('CONNECT: 405 with the security headers, then the connection closes', async () => {
    const r = await rawRequest(port, 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n');
    expect(r.status).toBe(405);
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) expect(r.headers[k], k).toBe(v);
  });

  it('the next request is answered normally', async () => {
    const r = await rawRequest(
      port,
      `GET /api/framework HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`,
    );
    expect(r.status).toBe(200);
  });
});
