/**
 * Vector tiles for boundary sets too large to send as one GeoJSON (England's 32,844 LSOAs are
 * ~100 MB of GeoJSON): a fastify plugin serving `/tiles/:z/:x/:y.pbf` (Mapbox Vector Tile 2.1)
 * cut on the fly from an in-memory GeoJSON by `geojson-vt` and encoded by `vt-pbf`.
 *
 * geojson-vt builds its tile index once, at registration (simplified per zoom with its
 * Douglas–Peucker tolerance, clipped with a buffer); each requested tile is then encoded once
 * and kept, with its gzip and ETag (`payload.ts`), in a bounded cache (least recently used tile
 * evicted first), so a map pan costs lookups. A tile with no features answers 204, which
 * MapLibre treats as empty. Coordinates outside the tile pyramid answer 400.
 *
 * Usage: `app.register(tilesPlugin, { geojson, layer: 'areas' })`; in MapLibre a `vector` source
 * with `tiles: ['/tiles/{z}/{x}/{y}.pbf']`, `maxzoom` = the plugin's `maxZoom`, and layers with
 * `'source-layer': 'areas'`. Feature properties travel as given (keep them few: every tile
 * carries them); `promoteId` lets the map join values by code with feature-state.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { FeatureCollection } from 'geojson';
import GeoJSONVT from 'geojson-vt';
import { fromGeojsonVt } from 'vt-pbf';
import { bytesPayload, sendPayload, type Payload } from './payload.ts';

export interface TilesOptions {
  geojson: FeatureCollection;
  /** The layer name inside each tile (MapLibre's `source-layer`); default "areas". */
  layer?: string;
  /** Deepest zoom with its own tiles; MapLibre over-zooms beyond it. Default 12. */
  maxZoom?: number;
  /** Tiles kept encoded in memory; default 4,096. */
  cacheTiles?: number;
}

const PBF = 'application/x-protobuf';
const COORD = /^\d{1,8}$/;

export const tilesPlugin: FastifyPluginAsync<TilesOptions> = async (app, options) => {
  const layer = options.layer ?? 'areas';
  const maxZoom = options.maxZoom ?? 12;
  const index = new GeoJSONVT(options.geojson, { maxZoom, indexMaxZoom: 5, tolerance: 3, extent: 4096, buffer: 64 });
  const cache = new TileCache(options.cacheTiles ?? 4096);

  app.get<{ Params: { z: string; x: string; y: string } }>('/tiles/:z/:x/:y.pbf', (req, reply) => {
    const { z, x, y } = req.params;
    if (![z, x, y].every((v) => COORD.test(v)))
      return reply.code(400).send({ error: 'tile coordinates must be whole numbers' });
    const [zi, xi, yi] = [Number(z), Number(x), Number(y)];
    if (zi > 24 || xi >= 2 ** zi || yi >= 2 ** zi)
      return reply.code(400).send({ error: `no tile ${zi}/${xi}/${yi} (expected z ≤ 24 and x, y < 2^z)` });
    const key = `${zi}/${xi}/${yi}`;
    let payload = cache.get(key);
    if (payload === undefined) {
      const tile = index.getTile(zi, xi, yi);
      payload = tile && tile.features.length ? bytesPayload(encodeTile(layer, tile), PBF) : null;
      cache.set(key, payload);
    }
    if (payload === null) return reply.code(204).header('cache-control', 'no-cache').send();
    return sendPayload(req, reply, payload);
  });
};

/** One geojson-vt tile as a Mapbox Vector Tile (version 2, extent 4096). */
function encodeTile(layer: string, tile: ReturnType<GeoJSONVT['getTile']>): Uint8Array {
  // vt-pbf's types describe geojson-vt 3's function export; the tile shape is the same.
  return fromGeojsonVt({ [layer]: tile } as unknown as Parameters<typeof fromGeojsonVt>[0], {
    version: 2,
    extent: 4096,
  });
}

/** A bounded map from tile key to its payload (null: empty tile); least recently used evicted first. */
class TileCache {
  private readonly entries = new Map<string, Payload | null>();

  constructor(private readonly max: number) {}

  get(key: string): Payload | null | undefined {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: Payload | null): void {
    this.entries.set(key, value);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
  }
}
