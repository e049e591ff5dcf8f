/**
 * Several indexes on one server (`wardrank serve out/london --also out/london-2018`): the first
 * source is served at `/`, each further one under `/<id>/` with the same routes (its own
 * `api/…`, `geo/…` and the map page). `GET /api/indexes` (at every prefix) lists them so the
 * map can offer a switch; `current` names the one that answered.
 */
import { basename } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { IndexesResponse } from '../../core/apiTypes.ts';
import { jsonPayload, sendPayload } from '../payload.ts';
import type { Source } from '../source.ts';

/** Path names the server's own routes use; an index id may not shadow them. */
const RESERVED = new Set(['api', 'geo', 'assets', 'report', 'index.html']);

/**
 * The URL id of an extra index: its folder (or framework file) name, lower-cased, with runs of
 * characters other than a–z, 0–9 and `-` made `-`, e.g. `out/london-2018` → `london-2018`;
 * a clash with a reserved name or an earlier id gets `-2`, `-3`, ….
 */
export function indexIds(paths: readonly string[]): string[] {
  const taken = new Set<string>(RESERVED);
  return paths.map((p) => {
    const base =
      basename(p)
        .replace(/\.ya?ml$/i, '')
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, '-')
        .replace(/^-+|-+$/g, '') || 'index';
    let id = base;
    for (let k = 2; taken.has(id); k++) id = `${base}-${k}`;
    taken.add(id);
    return id;
  });
}

export interface ServedIndex {
  /** '' for the default index at `/`. */
  id: string;
  source: Source;
}

export function registerIndexesRoute(app: FastifyInstance, all: readonly ServedIndex[], current: string): void {
  const body: IndexesResponse = {
    current,
    indexes: all.map((x) => ({
      id: x.id,
      name: x.source.result.framework.name,
      path: x.id ? `${x.id}/` : '',
      wards: x.source.result.areas.codes.length,
      ranked: x.source.result.rank.filter((r) => r === r).length,
      default: x.id === '',
    })),
  };
  const payload = jsonPayload(body);
  app.get('/api/indexes', (req, reply) => sendPayload(req, reply, payload));
}
