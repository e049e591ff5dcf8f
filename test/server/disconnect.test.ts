/**
 * A client that goes away mid-response must not hurt the next one: a real server on
 * 127.0.0.1, a large synthetic file cut off after its first chunk (several at once), a request
 * abandoned half-written, then ordinary requests that must succeed with complete bodies.
 */
import { get, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { loadSource } from '../../src/server/source.ts';
import { FRAMEWORK, listen, makeWebRoot } from './helpers.ts';

const BIG = 32 * 1024 * 1024;
let app: FastifyInstance;
let port: number;
const logs: string[] = [];

beforeAll(async () => {
  app = buildApp(loadSource(FRAMEWORK), { webRoot: makeWebRoot({ bigFileBytes: BIG }).root, log: (l) => logs.push(l) });
  port = await listen(app);
});
afterAll(() => app.close());

/** Starts a GET of `path` and destroys the connection after the first body chunk; resolves with the bytes received. */
function abortAfterFirstChunk(path: string): Promise<{ status: number; received: number; declared: number }> {
  return new Promise((resolve, reject) => {
    const req = get({ host: '127.0.0.1', port, path, agent: false }, (res: IncomingMessage) => {
      res.once('data', (chunk: Buffer) => {
        req.destroy();
        resolve({
          status: res.statusCode ?? 0,
          received: chunk.length,
          declared: Number(res.headers['content-length']),
        });
      });
    });
    req.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'ECONNRESET' && !req.destroyed) reject(e);
    });
  });
}

/** Open file descriptors of this process (Linux /proc; elsewhere 0, so the check is vacuous). */
function openFiles(): number {
  try {
    return readdirSync('/proc/self/fd').length;
  } catch {
    return 0;
  }
}

/** Whether `ok()` becomes true within 10 s, checked every 50 ms. */
async function settles(ok: () => boolean): Promise<boolean> {
  for (let k = 0; k < 200; k++) {
    if (ok()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return ok();
}

function fetchAll(path: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

describe('client disconnects', () => {
  it('aborted downloads (one, then five at once) and a half-sent request leave the server serving', async () => {
    const fdsBefore = openFiles();
    const one = await abortAfterFirstChunk('/big.bin');
    expect(one.status).toBe(200);
    expect(one.declared).toBe(BIG);
    expect(one.received).toBeGreaterThan(0);
    expect(one.received).toBeLessThan(BIG); // really cut off mid-response

    const after = await fetchAll('/api/wards');
    expect(after.status).toBe(200);
    expect(JSON.parse(after.body.toString('utf8')).wards).toHaveLength(10);

    const five = await Promise.all(Array.from({ length: 5 }, () => abortAfterFirstChunk('/big.bin')));
    for (const r of five) expect(r.received).toBeLessThan(BIG);

    // Half a request line, then the client vanishes.
    await new Promise<void>((resolve) => {
      const s = connect(port, '127.0.0.1', () => {
        s.write('GET /api/wa');
        s.destroy();
        resolve();
      });
    });

    const again = await fetchAll('/api/wards/A10');
    expect(again.status).toBe(200);
    expect(JSON.parse(again.body.toString('utf8')).ward.rank).toBe(1);
    // The big file still arrives whole for a client that stays.
    const whole = await fetchAll('/big.bin');
    expect(whole.body.length).toBe(BIG);
    expect(logs).toEqual([]);
    // Every aborted file stream and socket gets closed (closing is asynchronous: wait for it, up to 10 s).
    expect(await settles(() => openFiles() <= fdsBefore)).toBe(true);
  });
});
