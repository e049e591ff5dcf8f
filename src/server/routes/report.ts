/**
 * `GET /report/<code>`: the printable ward report as HTML (see views/wardReport.ts). Rendered
 * on request (one ward, a few milliseconds) from the served run; unknown or malformed codes get
 * 404/400 as in the JSON API.
 */
import type { FastifyInstance } from 'fastify';
import { BOUNDARIES_FILE } from '../../io/geometryFiles.ts';
import { pilotRole } from '../pilotTables.ts';
import type { Source } from '../source.ts';
import { wardReportHtml } from '../views/wardReport.ts';
import { WARD_CODE } from './api.ts';

export function registerReportRoutes(app: FastifyInstance, source: Source): void {
  const r = source.result;
  const wardIndex = new Map(r.areas.codes.map((c, i) => [c, i]));
  let features:
    { properties?: { code?: string } | null; geometry?: { type: string; coordinates: unknown } | null }[] | null = null;
  const boundaries = () => {
    const bytes = source.geometry.get(BOUNDARIES_FILE);
    features ??= bytes ? JSON.parse(Buffer.from(bytes).toString('utf8')).features : [];
    return features!;
  };
  app.get<{ Params: { code: string } }>('/report/:code', (req, reply) => {
    const code = req.params.code;
    if (!WARD_CODE.test(code))
      return reply.code(400).send({ error: 'malformed ward code (expected 1-32 letters, digits, _ or -)' });
    const i = wardIndex.get(code);
    if (i === undefined) return reply.code(404).send({ error: `unknown ward code "${code}"` });
    const role = source.pilots ? pilotRole(source.pilots, code) : null;
    const pilotNote = role
      ? role.role === 'pilot'
        ? `pilot ward${role.row.reason ? `: ${role.row.reason}` : ''}`
        : `comparison ward for pilot ${role.comparisons.map((c) => c.pilot_code ?? c.pilot).join(', ')}`
      : null;
    const html = wardReportHtml({
      result: r,
      i,
      robustness: source.robustness?.get(code) ?? null,
      boundaries: boundaries(),
      pilotNote,
    });
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
  });
}
