/**
 * Responses computed once at start-up and sent many times: the body, its gzip (level 6, only
 * when it saves something worth the client's decompression, i.e. bodies over 1 KiB) and a
 * strong ETag (SHA-256 prefix of the body), so a repeated request costs a lookup, and a
 * revalidation (`If-None-Match`) costs a 304 without a body.
 */
import { gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sha256Hex } from '../shared/sha256.ts';

export interface Payload {
  type: string;
  body: Buffer;
  gzip?: Buffer;
  etag: string;
}

const GZIP_MIN_BYTES = 1024;

/** JSON with non-finite numbers as null (JSON has no NaN or Infinity). */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v));
}

export function bytesPayload(bytes: Uint8Array | string, type: string): Payload {
  const body = Buffer.from(bytes);
  const gz = body.length >= GZIP_MIN_BYTES ? gzipSync(body, { level: 6 }) : undefined;
  return {
    type,
    body,
    gzip: gz && gz.length < body.length ? gz : undefined,
    etag: `"${sha256Hex(body).slice(0, 32)}"`,
  };
}

export function jsonPayload(value: unknown): Payload {
  return bytesPayload(jsonText(value), 'application/json; charset=utf-8');
}

/** Whether the client accepts gzip (`Accept-Encoding` lists gzip or *, without q=0). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  return value.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding.trim() !== 'gzip' && coding.trim() !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return !q || Number(q.slice(2)) > 0;
  });
}

/**
 * `If-None-Match` matching: `*`, or the tag among a comma-separated
 * list (weak `W/` tags compare by value, RFC 9110 §13.1.2).
 */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}

export function sendPayload(request: FastifyRequest, reply: FastifyReply, p: Payload): FastifyReply {
  reply
    .header('content-type', p.type)
    .header('etag', p.etag)
    .header('cache-control', 'no-cache')
    .header('vary', 'accept-encoding');
  if (matchesEtag(request.headers['if-none-match'], p.etag)) return reply.code(304).send();
  if (p.gzip && acceptsGzip(request.headers['accept-encoding']))
    return reply.header('content-encoding', 'gzip').send(p.gzip);
  return reply.send(p.body);
}
