/**
 * The map geometry: `/geo/boundaries.json` (ward polygons, `properties.code` = ward code) and
 * `/geo/basemap/<id>.json` (context layers), served from memory as GeoJSON.
 */
import type { FastifyInstance } from 'fastify';
import { BOUNDARIES_FILE } from '../../io/geometryFiles.ts';
import { bytesPayload, sendPayload, type Payload } from '../payload.ts';
import type { Source } from '../source.ts';

const LAYER_FILE = /^[a-z0-9_]{1,64}\.json$/;

export function registerGeoRoutes(app: FastifyInstance, source: Source): void {
  const payloads = new Map<string, Payload>();
  for (const [name, bytes] of source.geometry)
    payloads.set(name, bytesPayload(bytes, 'application/geo+json; charset=utf-8'));

  app.get('/geo/boundaries.json', (req, reply) => {
    const p = payloads.get(BOUNDARIES_FILE);
    return p
      ? sendPayload(req, reply, p)
      : reply.code(404).send({ error: 'this framework declares no boundaries (areas.boundaries)' });
  });
  app.get<{ Params: { file: string } }>('/geo/basemap/:file', (req, reply) => {
    const file = req.params.file;
    if (!LAYER_FILE.test(file))
      return reply.code(400).send({ error: 'malformed basemap layer (expected <id>.json, id of a-z, 0-9, _)' });
    const p = payloads.get(`geo/basemap/${file}`);
    return p
      ? sendPayload(req, reply, p)
      : reply.code(404).send({ error: `unknown basemap layer "${file.slice(0, -5)}"` });
  });
  app.get('/geo/*', (_req, reply) => reply.code(404).send({ error: 'not found' }));
}
