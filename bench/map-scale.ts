/**
 * The map at scale, measured in headless Chromium (playwright-core, SwiftShader WebGL):
 *
 * - London wards as one GeoJSON source (the real London index when data/london-2018 loads);
 * - all 32,844 England LSOAs (2011, generalised; `../shared/data/boundaries`, read in place)
 *   as vector tiles from `src/server/tiles.ts`, coloured by a SYNTHETIC index (bench/synthetic.ts
 *   at that size — not real data);
 * - the engine's `score()` re-run in the browser after weight changes (the map's what-if), on
 *   London and on the SYNTHETIC 33,755 × 60 set.
 *
 * "Time to first render" is `performance.now()` at the map's first `idle` after the layer is
 * added (from navigation start: page, MapLibre, data and drawing), HTTP cache disabled, median
 * of 3 page loads; the first tiles load also fills the server's tile cache. Run by
 * `bench/run.ts` in a child process (rows sent over IPC) or alone:
 * `node --import tsx bench/map-scale.ts`.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { build } from 'esbuild';
import { chromium, type BrowserContext } from 'playwright-core';
import type { Feature, FeatureCollection } from 'geojson';
import { loadFramework } from '../src/io/loadFramework.ts';
import { prepare, score, type Prepared } from '../src/core/run.ts';
import { toBundle } from '../src/core/bundle.ts';
import { tilesPlugin } from '../src/server/tiles.ts';
import { syntheticFramework } from './synthetic.ts';
import { peakRssMb } from './measure.ts';
import type { Row } from './run.ts';

const ROOT = join(import.meta.dirname, '..');
const LSOA = join(ROOT, '..', 'shared', 'data', 'boundaries', 'england_lsoa2011_gen.geojson.gz');
const LONDON = join(ROOT, 'data', 'london-2018', 'framework.yaml');
const PAGES = join(import.meta.dirname, 'map-scale');
const MAPLIBRE = join(ROOT, 'node_modules', 'maplibre-gl', 'dist');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-swiftshader',
];
const LOADS = 3;

/** Features keeping only `code` and the index `value` (every tile carries its properties). */
function withValues(
  fc: FeatureCollection,
  codeOf: (f: Feature) => string,
  valueOf: (code: string, i: number) => number,
): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: fc.features.map((f, i) => {
      const code = codeOf(f);
      const v = valueOf(code, i);
      return { type: 'Feature', geometry: f.geometry, properties: { code, value: Number.isFinite(v) ? v : null } };
    }),
  };
}

/** The index as z-scores of the run's index (so one colour ramp fits London and the synthetic set). */
function standardised(index: Float64Array): Float64Array {
  const present = Array.from(index).filter((v) => v === v);
  const mean = present.reduce((a, b) => a + b, 0) / present.length;
  const sd = Math.sqrt(present.reduce((a, b) => a + (b - mean) ** 2, 0) / (present.length - 1));
  return index.map((v) => (v - mean) / sd);
}

function timed<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const r = fn();
  return [r, performance.now() - t];
}

interface London {
  geojson: FeatureCollection;
  prepared: Prepared;
}

function londonLayer(): London | string {
  if (!existsSync(LONDON)) return 'skipped: data/london-2018 not built';
  try {
    const loaded = loadFramework(LONDON);
    if (!loaded.boundaries) return 'skipped: data/london-2018 has no boundaries';
    const prepared = prepare(loaded.framework, loaded.inputs);
    const z = standardised(score(prepared).index);
    const byCode = new Map(prepared.areas.codes.map((c, i) => [c, z[i]]));
    const wards = JSON.parse(readFileSync(loaded.boundaries, 'utf8')) as FeatureCollection;
    return {
      geojson: withValues(
        wards,
        (f) => String(f.properties?.code),
        (code) => byCode.get(code) ?? NaN,
      ),
      prepared,
    };
  } catch (e) {
    return `skipped: data/london-2018 not loadable (${e instanceof Error ? e.message.slice(0, 80) : e})`;
  }
}

export async function mapScale(): Promise<Row[]> {
  if (!existsSync(LSOA))
    return [{ scenario: 'Map at scale', implementation: '—', note: `skipped: ${LSOA} absent (../shared not mounted)` }];
  const rows: Row[] = [];
  const [lsoaRaw, parseMs] = timed(
    () => JSON.parse(gunzipSync(readFileSync(LSOA)).toString('utf8')) as FeatureCollection,
  );
  const n = lsoaRaw.features.length;
  const synthetic = syntheticFramework({ areas: n, indicators: 60 });
  const z = standardised(score(prepare(synthetic.framework, synthetic.inputs)).index);
  const lsoa = withValues(
    lsoaRaw,
    (f) => String(f.properties?.LSOA11CD),
    (_, i) => z[i],
  );
  const london = londonLayer();
  const england = syntheticFramework({ areas: 33_755, indicators: 60 });
  const bundles: Record<string, string> = {
    england: JSON.stringify(toBundle(prepare(england.framework, england.inputs))),
  };
  if (typeof london !== 'string') bundles.london = JSON.stringify(toBundle(london.prepared));
  const rerankJs = await build({
    entryPoints: [join(PAGES, 'rerank.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });

  const app = Fastify();
  const page =
    (file: string, type: string) => (_: unknown, reply: { type(t: string): { send(b: Buffer | string): unknown } }) =>
      reply.type(type).send(readFileSync(file));
  app.get('/', page(join(PAGES, 'index.html'), 'text/html; charset=utf-8'));
  app.get('/rerank.html', page(join(PAGES, 'rerank.html'), 'text/html; charset=utf-8'));
  app.get('/rerank.js', (_, reply) => reply.type('text/javascript').send(rerankJs.outputFiles[0].text));
  for (const f of ['maplibre-gl.mjs', 'maplibre-gl-shared.mjs', 'maplibre-gl-worker.mjs', 'maplibre-gl.css']) {
    app.get(`/maplibre/${f}`, page(join(MAPLIBRE, f), f.endsWith('.css') ? 'text/css' : 'text/javascript'));
  }
  if (typeof london !== 'string') {
    const body = JSON.stringify(london.geojson);
    app.get('/london.geojson', (_, reply) => reply.type('application/geo+json').send(body));
  }
  app.get<{ Params: { name: string } }>('/prepared/:name.json', (req, reply) =>
    bundles[req.params.name] ? reply.type('application/json').send(bundles[req.params.name]) : reply.code(404).send(),
  );
  const t = performance.now();
  await app.register(tilesPlugin, { geojson: lsoa, layer: 'areas', maxZoom: 12 });
  await app.ready();
  const indexMs = performance.now() - t;
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  rows.push({
    scenario: `Map server: ${n.toLocaleString('en-GB')} LSOAs`,
    implementation: 'gunzip + JSON.parse of the GeoJSON (50.6 MB)',
    medianMs: parseMs,
    runs: 1,
  });
  rows.push({
    scenario: `Map server: ${n.toLocaleString('en-GB')} LSOAs`,
    implementation: 'geojson-vt tile index (maxZoom 12)',
    medianMs: indexMs,
    runs: 1,
    rssMb: peakRssMb(),
    note: 'peak RSS of the server process, data and index included',
  });

  const profile = mkdtempSync(join(tmpdir(), 'wardrank-map-scale-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      viewport: { width: 1280, height: 800 },
      args: FLAGS,
    });
    const firstRender = async (mode: 'geojson' | 'tiles', label: string) => {
      const times: number[] = [];
      let features = 0;
      let error: string | undefined;
      for (let k = 0; k < LOADS; k++) {
        const p = await context!.newPage();
        const cdp = await context!.newCDPSession(p);
        await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
        await p.goto(`${origin}/?mode=${mode}`);
        await p.waitForFunction(
          () =>
            (window as { __idleMs?: number; __mapError?: string }).__idleMs !== undefined ||
            (window as { __mapError?: string }).__mapError !== undefined,
          null,
          { timeout: 180_000 },
        );
        const r = await p.evaluate(() => ({
          ms: (window as { __idleMs?: number }).__idleMs,
          features: (window as { __features?: number }).__features ?? 0,
          error: (window as { __mapError?: string }).__mapError,
        }));
        if (r.error) error = r.error;
        else times.push(r.ms!);
        features = r.features;
        await p.close();
      }
      const sorted = [...times].sort((a, b) => a - b);
      rows.push({
        scenario: label,
        implementation: 'MapLibre, headless Chromium (SwiftShader): first idle',
        medianMs: sorted[sorted.length >> 1],
        minMs: sorted[0],
        runs: times.length,
        note: error
          ? `map error: ${error}`
          : `${features.toLocaleString('en-GB')} features drawn in view; first load ${times[0]?.toFixed(0)} ms${mode === 'tiles' ? ' (cold server tile cache)' : ''}`,
      });
    };
    if (typeof london !== 'string') await firstRender('geojson', 'Map: London wards, GeoJSON source (real index)');
    else rows.push({ scenario: 'Map: London wards, GeoJSON source', implementation: '—', note: london });
    await firstRender('tiles', `Map: ${n.toLocaleString('en-GB')} England LSOAs, vector tiles (SYNTHETIC values)`);

    const names = Object.keys(bundles).sort().reverse();
    const p = await context.newPage();
    await p.goto(`${origin}/rerank.html?${names.map((x) => `name=${x}`).join('&')}`);
    await p.waitForFunction(
      (k) =>
        Object.keys((window as { __rerank?: object }).__rerank ?? {}).length === k ||
        (window as { __rerankError?: string }).__rerankError,
      names.length,
      { timeout: 300_000 },
    );
    const rr = await p.evaluate(() => ({
      r:
        (window as { __rerank?: Record<string, { medianMs: number; minMs: number; runs: number; areas: number }> })
          .__rerank ?? {},
      e: (window as { __rerankError?: string }).__rerankError,
    }));
    for (const name of names) {
      const x = rr.r[name];
      rows.push({
        scenario: name === 'london' ? 'Map re-rank: London (real data)' : 'Map re-rank: SYNTHETIC 33,755 × 60',
        implementation: 'score() in headless Chromium after a weight change',
        medianMs: x?.medianMs,
        minMs: x?.minMs,
        runs: x?.runs,
        note: x ? `${x.areas.toLocaleString('en-GB')} areas; the map's own what-if code path` : `error: ${rr.e}`,
      });
    }
  } finally {
    await context?.close();
    await app.close();
    rmSync(profile, { recursive: true, force: true });
  }
  return rows;
}

if (process.argv[1] === import.meta.filename) {
  mapScale()
    .catch((e: unknown): Row[] => [
      { scenario: 'Map at scale', implementation: '—', note: `error: ${e instanceof Error ? e.message : String(e)}` },
    ])
    .then(async (rows) => {
      if (process.send) process.send(rows, () => process.exit(0));
      else {
        const { table } = await import('./run.ts');
        console.log(`${cpus().length} cores\n` + table(rows));
        process.exit(0);
      }
    });
}
