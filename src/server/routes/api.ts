/**
 * The read-only JSON API (contract: docs/api.md). Every body is computed once, when the app is
 * built, so a request is a map lookup; ward codes are checked against a strict pattern before
 * they are looked up or echoed.
 */
import type { FastifyInstance } from 'fastify';
import type { Source } from '../source.ts';
import { bytesPayload, jsonPayload, sendPayload } from '../payload.ts';
import { frameworkView } from '../views/frameworkView.ts';
import { wardsView } from '../views/wardsView.ts';
import { boroughsView } from '../views/boroughsView.ts';
import { monthlyView } from '../views/monthlyView.ts';
import { rawMedians, wardView } from '../views/wardView.ts';

/** Letters, digits, `_` and `-`, 1–32 characters (ONS codes are 9, e.g. E05000026). */
export const WARD_CODE = /^[A-Za-z0-9_-]{1,32}$/;
const MALFORMED_CODE = 'malformed ward code (expected 1-32 letters, digits, _ or -)';

export function registerApiRoutes(app: FastifyInstance, source: Source): void {
  const r = source.result;
  const framework = jsonPayload(frameworkView(r, source.geometry, source.monthly?.spec ?? null));
  const wards = jsonPayload(wardsView(r));
  const pilots = jsonPayload(
    source.pilots ?? { pilots: [], comparisons: [], note: 'no pilot selection in this output' },
  );
  const bundle = bytesPayload(source.bundleText, 'application/json; charset=utf-8');
  const wardIndex = new Map(r.areas.codes.map((c, i) => [c, i]));
  const medians = rawMedians(r);
  const ward = r.areas.codes.map((_, i) => jsonPayload(wardView(r, i, source.robustness, source.pilots, medians)));

  app.get('/api/framework', (req, reply) => sendPayload(req, reply, framework));
  app.get('/api/wards', (req, reply) => sendPayload(req, reply, wards));
  app.get('/api/pilots', (req, reply) => sendPayload(req, reply, pilots));
  const boroughs = jsonPayload(boroughsView(r));
  const robustness = jsonPayload({ wards: Object.fromEntries(source.robustness ?? []) });
  app.get('/api/robustness', (req, reply) => sendPayload(req, reply, robustness));
  app.get('/api/boroughs', (req, reply) => sendPayload(req, reply, boroughs));
  app.get('/api/bundle', (req, reply) => sendPayload(req, reply, bundle));
  app.get<{ Params: { code: string } }>('/api/wards/:code', (req, reply) => {
    const code = req.params.code;
    if (!WARD_CODE.test(code)) return reply.code(400).send({ error: MALFORMED_CODE });
    const i = wardIndex.get(code);
    if (i === undefined) return reply.code(404).send({ error: `unknown ward code "${code}"` });
    return sendPayload(req, reply, ward[i]);
  });
  app.get<{ Params: { code: string } }>('/api/monthly/:code', (req, reply) => {
    const code = req.params.code;
    if (!WARD_CODE.test(code)) return reply.code(400).send({ error: MALFORMED_CODE });
    const i = wardIndex.get(code);
    if (i === undefined) return reply.code(404).send({ error: `unknown ward code "${code}"` });
    if (!source.monthly)
      return reply.code(404).send({ error: 'this index has no monthly series (framework key monthly, docs/api.md)' });
    return sendPayload(req, reply, jsonPayload(monthlyView(r, source.monthly, i)));
  });
  app.get('/api/*', (req, reply) => {
    // A ward code longer than the router's parameter limit (100) lands here: still junk, not a miss.
    if (/^\/api\/wards\/[^/?]+(\?|$)/.test(req.raw.url ?? '')) return reply.code(400).send({ error: MALFORMED_CODE });
    return reply.code(404).send({ error: 'no such API route (see docs/api.md)' });
  });
}
