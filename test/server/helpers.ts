/**
 * Shared set-up for the server tests: a temporary web build (synthetic files, plus a secret
 * file beside it and a symbolic link pointing at it, to prove neither can be served), the small
 * fixture's source, and raw HTTP against a listening server (inject normalises URLs the way a
 * browser would, so traversal tests also need bytes on a socket).
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';

export const FRAMEWORK = 'test/fixtures/small/framework.yaml';
export const SECRET = 'synthetic-secret-outside-the-build-folder';
export const INDEX_HTML = '<!doctype html><title>synthetic map build</title>';
export const ASSET_JS = 'console.log("synthetic asset");\n';

/** A temp folder holding `web/` (the build) and `secret.txt` beside it; `web/leak` links to the secret. */
export function makeWebRoot(options: { bigFileBytes?: number; index?: boolean } = {}): { root: string; base: string } {
  const base = mkdtempSync(join(tmpdir(), 'wardrank-web-'));
  const root = join(base, 'web');
  mkdirSync(join(root, 'assets'), { recursive: true });
  if (options.index !== false) writeFileSync(join(root, 'index.html'), INDEX_HTML);
  writeFileSync(join(root, 'assets', 'app-1a2b.js'), ASSET_JS);
  writeFileSync(join(root, '.env'), SECRET);
  writeFileSync(join(base, 'secret.txt'), SECRET);
  mkdirSync(join(base, 'etc'));
  writeFileSync(join(base, 'etc', 'passwd'), SECRET);
  symlinkSync(join(base, 'secret.txt'), join(root, 'leak.txt'));
  if (options.bigFileBytes) writeFileSync(join(root, 'big.bin'), Buffer.alloc(options.bigFileBytes, 0x61));
  return { root, base };
}

export async function listen(app: FastifyInstance): Promise<number> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const a = app.server.address();
  if (!a || typeof a !== 'object') throw new Error('no address');
  return a.port;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends `request` bytes exactly as given and reads the response until the server closes. */
export function rawRequest(port: number, request: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const [head, ...rest] = text.split('\r\n\r\n');
      const [statusLine, ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(
        lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
      );
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
    });
    socket.write(request);
  });
}

/** A GET with `Connection: close`, the path sent verbatim. */
export function rawGet(port: number, path: string): Promise<RawResponse> {
  return rawRequest(port, `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
}
