/**
 * The vector-tile plugin: tiles decode as Mapbox Vector Tiles holding the right features and
 * properties, empty tiles answer 204, bad coordinates 400, and a repeated tile is served from
 * the cache (same ETag, 304 on revalidation).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import type { FeatureCollection } from 'geojson';
import { PbfReader } from 'pbf';
import { VectorTile } from '@mapbox/vector-tile';
import { tilesPlugin } from '../../src/server/tiles.ts';

// two 1° squares either side of the Greenwich meridian (made-up shapes, not boundaries); much
// smaller shapes vanish at zoom 0, below geojson-vt's simplification tolerance, as they should
const square = (code: string, x0: number, y0: number) => ({
  type: 'Feature' as const,
  properties: { code, value: code === 'A' ? 1.5 : -2 },
  geometry: {
    type: 'Polygon' as const,
    coordinates: [
      [
        [x0, y0],
        [x0 + 1, y0],
        [x0 + 1, y0 + 1],
        [x0, y0 + 1],
        [x0, y0],
      ],
    ],
  },
});
const geojson: FeatureCollection = { type: 'FeatureCollection', features: [square('A', -1, 51), square('B', 0.5, 51)] };

let app: FastifyInstance;
beforeAll(async () => {
  app = Fastify();
  await app.register(tilesPlugin, { geojson, layer: 'areas', maxZoom: 10 });
  await app.ready();
});
afterAll(() => app.close());

const decode = (body: Buffer) => new VectorTile(new PbfReader(body));

describe('tilesPlugin', () => {
  it('serves the world tile with both features, their properties and polygon geometry', async () => {
    const res = await app.inject({ url: '/tiles/0/0/0.pbf' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-protobuf');
    const layer = decode(res.rawPayload).layers.areas;
    expect(layer.length).toBe(2);
    const props = [0, 1]
      .map((i) => layer.feature(i).properties)
      .sort((a, b) => String(a.code).localeCompare(String(b.code)));
    expect(props).toEqual([
      { code: 'A', value: 1.5 },
      { code: 'B', value: -2 },
    ]);
    expect(layer.feature(0).type).toBe(3); // polygon
  });

  it('cuts deeper tiles: at zoom 10 the tile at (−0.5°, 51.5°) has square A only', async () => {
    // x = ⌊(lon + 180)/360 · 2^10⌋ = ⌊510.58⌋ = 510; y = ⌊(1 − ln(tan φ + sec φ)/π)/2 · 2^10⌋ = ⌊340.5⌋ = 340
    const res = await app.inject({ url: '/tiles/10/510/340.pbf' });
    expect(res.statusCode).toBe(200);
    const layer = decode(res.rawPayload).layers.areas;
    expect(layer.length).toBe(1);
    expect(layer.feature(0).properties.code).toBe('A');
  });

  it('answers 204 for an empty tile and 400 for coordinates outside the pyramid or not numbers', async () => {
    expect((await app.inject({ url: '/tiles/3/0/0.pbf' })).statusCode).toBe(204);
    expect((await app.inject({ url: '/tiles/2/4/0.pbf' })).statusCode).toBe(400);
    expect((await app.inject({ url: '/tiles/25/0/0.pbf' })).statusCode).toBe(400);
    expect((await app.inject({ url: '/tiles/1/a/0.pbf' })).statusCode).toBe(400);
  });

  it('serves a repeated tile from the cache: same ETag and bytes, 304 when revalidated', async () => {
    const first = await app.inject({ url: '/tiles/0/0/0.pbf' });
    const again = await app.inject({
      url: '/tiles/0/0/0.pbf',
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    const second = await app.inject({ url: '/tiles/0/0/0.pbf' });
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.rawPayload.equals(first.rawPayload)).toBe(true);
  });
});
