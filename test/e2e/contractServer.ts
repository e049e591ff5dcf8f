/**
 * A stand-in for the real server (`src/server/app.ts`) that speaks the same JSON contract, used
 * only while developing the map and by the e2e test when the real server is not present yet.
 * It runs a framework folder through the CLI's own code (loadFramework → prepare → score) and
 * serves web/dist statically. Not shipped; the real server replaces it.
 *
 * Run: node --import tsx test/e2e/contractServer.ts test/fixtures/small/framework.yaml 8080
 */
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { loadFramework } from '../../src/io/loadFramework.ts';
import { prepare, score } from '../../src/core/run.ts';
import { explainArea } from '../../src/core/explain.ts';
import { toBundle } from '../../src/core/bundle.ts';
import { median } from '../../src/core/stats/quantile.ts';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml' };
const num = (v: number) => (Number.isFinite(v) ? v : null);
const noNaN = (_: string, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v);

export function contractServer(frameworkPath: string, webDist: string): Server {
  const loaded = loadFramework(frameworkPath);
  const prepared = prepare(loaded.framework, loaded.inputs);
  const result = score(prepared);
  const f = loaded.framework;
  const a = result.areas;
  const wards = a.codes.map((code, i) => ({
    code,
    name: a.names[i],
    borough_code: a.parentCodes[a.parent[i]],
    borough_name: a.parentNames[a.parent[i]],
    rank: num(result.rank[i]),
    decile: result.decile[i] || null,
    index: num(result.index[i]),
    categories: Object.fromEntries(result.categoryIds.map((id) => [id, num(result.categories[id][i])])),
    measures: Object.fromEntries(result.measureIds.map((id) => [id, num(result.measures[id][i])])),
    indicators: Object.fromEntries(result.indicatorIds.map((id) => [id, num(result.normalised[id][i])])),
  }));
  const routes: Record<string, () => unknown> = {
    '/api/framework': () => ({
      name: f.name,
      description: f.description,
      categories: f.categories.map(({ id, name, weight }) => ({ id, name, weight })),
      measures: f.measures.map(({ id, name, category, weight }) => ({ id, name, category, weight })),
      indicators: f.indicators.map((s) => ({ id: s.id, name: s.name, measure: s.measure, level: s.level, direction: s.direction, unit: s.unit, status: s.status, source: s.source, period: s.period, licence: s.licence, used: result.indicatorIds.includes(s.id) })),
      methods: result.methods,
      weights: result.weights,
      excluded: result.excluded,
      attribution: ['Contains public sector information licensed under the Open Government Licence v3.0.', 'Contains OS data © Crown copyright and database right.'],
      topK: result.methods.rank.top_k,
    }),
    '/api/wards': () => ({
      wards,
      medians: {
        categories: Object.fromEntries(result.categoryIds.map((id) => [id, median(result.categories[id])])),
        measures: Object.fromEntries(result.measureIds.map((id) => [id, median(result.measures[id])])),
      },
    }),
    '/api/pilots': () => ({ pilots: [], comparisons: [], note: 'no pilot selection in this stand-in server' }),
    '/api/bundle': () => toBundle(prepared),
    '/geo/boundaries.json': () => (loaded.boundaries ? JSON.parse(readFileSync(loaded.boundaries, 'utf8')) : undefined),
  };
  for (const b of f.areas.basemap) routes[`/geo/basemap/${b.id}.json`] = () => JSON.parse(readFileSync(join(loaded.dir, b.file), 'utf8'));

  return createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const send = (status: number, body: unknown, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type });
      res.end(typeof body === 'string' || body instanceof Buffer ? body : JSON.stringify(body, noNaN));
    };
    const ward = /^\/api\/wards\/([^/]+)$/.exec(path);
    if (ward) {
      const i = a.codes.indexOf(ward[1]);
      if (i < 0) return send(404, { error: `unknown ward ${ward[1]}` });
      const raw = Object.fromEntries(result.indicatorIds.map((id) => {
        const s = f.indicators.find((x) => x.id === id)!;
        return [id, { value: num(result.raw[id][i]), unit: s.unit, level: s.level, name: s.name }];
      }));
      return send(200, { ward: wards[i], explain: explainArea(result, i), raw, robustness: null, pilot: null });
    }
    const route = routes[path];
    if (route) {
      const body = route();
      return body === undefined ? send(404, { error: 'not found' }) : send(200, body);
    }
    if (path.startsWith('/api/') || path.startsWith('/geo/')) return send(404, { error: 'not found' });
    const file = resolve(webDist, '.' + (path === '/' ? '/index.html' : path));
    if (file.startsWith(resolve(webDist)) && existsSync(file) && statSync(file).isFile()) return send(200, readFileSync(file), TYPES[extname(file)] ?? 'application/octet-stream');
    send(404, 'not found', 'text/plain');
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [frameworkPath, port = '8080'] = process.argv.slice(2);
  contractServer(frameworkPath, resolve('web/dist')).listen(Number(port), '127.0.0.1', () => process.stdout.write(`http://127.0.0.1:${port}/\n`));
}
