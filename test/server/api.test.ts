/**
 * The JSON API on the small fixture framework (test/fixtures/small; hand-computed scores in
 * test/cli/small-framework.test.ts): every route's content against `score()` run here
 * independently, and against values worked out by hand from the fixture's CSV files.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { loadSource, type Source } from '../../src/server/source.ts';
import { loadFramework } from '../../src/io/loadFramework.ts';
import { prepare, score } from '../../src/core/run.ts';
import { fromBundle, toBundle } from '../../src/core/bundle.ts';
import type { Result } from '../../src/core/types.ts';
import { FRAMEWORK, makeWebRoot } from './helpers.ts';

// Hand-computed (see test/cli/small-framework.test.ts): crime, health, index and rank per area A01..A10.
const crime = [50, 20, 35, 50, 100 / 3, 60, 50, 50, 140 / 3, 220 / 3];
const health = [0, 18.75, 37.5, 56.25, 75, 25, 43.75, 62.5, 81.25, 100];
const expectedRank = [9, 10, 8, 5, 4, 7, 6, 3, 2, 1];
const codes = ['A01', 'A02', 'A03', 'A04', 'A05', 'A06', 'A07', 'A08', 'A09', 'A10'];

let app: FastifyInstance;
let source: Source;
let independent: Result;
const logs: string[] = [];

beforeAll(async () => {
  source = loadSource(FRAMEWORK);
  app = buildApp(source, { webRoot: makeWebRoot().root, log: (l) => logs.push(l) });
  await app.ready();
  const loaded = loadFramework(FRAMEWORK);
  independent = score(prepare(loaded.framework, loaded.inputs));
});
afterAll(() => app.close());

const get = async (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

describe('GET /api/framework', () => {
  it('lists the framework as declared, the effective weights, exclusions and geometry', async () => {
    const r = await get('/api/framework');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    const f = r.json();
    expect(f.name).toBe('Small fixture');
    expect(f.description).toBe('Synthetic test fixture (not real data)');
    expect(f.categories).toEqual([
      { id: 'crime', name: 'Violent crime', weight: 1 },
      { id: 'health', name: 'Public health', weight: 1 },
    ]);
    expect(f.measures).toEqual([
      { id: 'violence', name: 'Violence', category: 'crime', weight: 2 },
      { id: 'weapons', name: 'Weapons', category: 'crime', weight: 1 },
      { id: 'deprivation', name: 'Deprivation', category: 'health', weight: 1 },
    ]);
    expect(f.indicators.map((i: { id: string; used: boolean }) => [i.id, i.used])).toEqual([
      ['violence_rate', true],
      ['robbery_rate', true],
      ['blade', true],
      ['imd', true],
      ['life_exp', true],
      ['youth_claimants', true],
      ['hospital', false],
      ['survey', false],
    ]);
    expect(f.indicators[4]).toEqual({
      id: 'life_exp',
      name: 'Life expectancy',
      measure: 'deprivation',
      level: 'ward',
      direction: -1,
      unit: 'years',
      status: 'real',
      source: 'synthetic',
      period: '2013',
      licence: '',
      used: true,
    });
    expect(f.indicators[5].level).toBe('borough');
    // Effective weights: measures within crime 2:1 → 2/3, 1/3; deprivation indicators 2:1:1 → ½, ¼, ¼.
    expect(f.weights.categories).toEqual({ crime: 0.5, health: 0.5 });
    expect(f.weights.measures.violence).toBeCloseTo(2 / 3, 12);
    expect(f.weights.measures.weapons).toBeCloseTo(1 / 3, 12);
    expect(f.weights.indicators).toMatchObject({
      imd: 0.5,
      life_exp: 0.25,
      youth_claimants: 0.25,
      violence_rate: 0.5,
      robbery_rate: 0.5,
      blade: 1,
    });
    expect(f.excluded).toEqual([
      { id: 'hospital', reason: 'no public source: not in the run' },
      { id: 'survey', reason: 'no data supplied (optional file survey.csv not found)' },
    ]);
    expect(f.methods.normalise.method).toBe('minmax');
    expect(f.topK).toBe(3);
    // The fixture's sources are all "synthetic" with no licence: one line, no OGL statement.
    expect(f.attribution).toEqual(['synthetic']);
    expect(f.geo).toEqual({ boundaries: '/geo/boundaries.json', basemap: [] });
  });
});

describe('GET /api/wards', () => {
  it('gives every ward with the hand-computed category scores and ranks, and score()’s values', async () => {
    const { wards, medians } = (await get('/api/wards')).json();
    expect(wards.map((w: { code: string }) => w.code)).toEqual(codes);
    wards.forEach((w: any, i: number) => {
      expect(w.rank).toBe(expectedRank[i]);
      expect(w.rank).toBe(independent.rank[i]);
      expect(w.decile).toBe(expectedRank[i]); // 10 areas: decile = rank
      expect(w.categories.crime).toBeCloseTo(crime[i], 9);
      expect(w.categories.health).toBeCloseTo(health[i], 9);
      expect(w.index).toBeCloseTo((crime[i] + health[i]) / 2, 9);
      expect(w.borough_code).toBe(i < 5 ? 'B1' : 'B2');
      expect(w.borough_name).toBe(i < 5 ? 'Borough One' : 'Borough Two');
      expect(Object.keys(w.indicators)).toEqual([
        'violence_rate',
        'robbery_rate',
        'blade',
        'imd',
        'life_exp',
        'youth_claimants',
      ]);
    });
    // A03 has no blade value: no weapons score, null (not 0, not NaN) in JSON.
    expect(wards[2].measures.weapons).toBeNull();
    expect(wards[2].indicators.blade).toBeNull();
    expect(wards[0].name).toBe('Alpha');
    // Medians by hand: crime sorted [20, 33.3, 35, 46.7, 50, 50,
    // 50, 50, 60, 73.3] → 50; health → (43.75 + 56.25)/2 = 50;
    // weapons over the 9 wards with a value [0, 50×7, 100] → 50.
    expect(medians.categories.crime).toBeCloseTo(50, 12);
    expect(medians.categories.health).toBeCloseTo(50, 12);
    expect(medians.measures).toEqual({ violence: 50, weapons: 50, deprivation: 50 });
  });

  it("the summary for the first paint is the same rows without their score columns, and those columns' ids", async () => {
    const full = (await get('/api/wards')).json();
    const summary = (await get('/api/wards-summary')).json();
    expect(summary.medians).toEqual(full.medians);
    expect(summary.wards).toEqual(
      full.wards.map(({ categories: _c, measures: _m, indicators: _i, ...row }: any) => row),
    );
    expect(Object.keys(summary.wards[0]).sort()).toEqual(
      ['borough_code', 'borough_name', 'code', 'decile', 'index', 'name', 'rank'].filter((k) => k in full.wards[0]),
    );
    expect(summary.columns).toEqual({
      categories: Object.keys(full.wards[0].categories),
      measures: Object.keys(full.wards[0].measures),
      indicators: Object.keys(full.wards[0].indicators),
    });
  });
});

describe('GET /api/wards/:code', () => {
  it('for every ward: the same rank as score(), an explanation adding up to the index, raw values', async () => {
    for (let i = 0; i < codes.length; i++) {
      const r = await get(`/api/wards/${codes[i]}`);
      expect(r.statusCode).toBe(200);
      const d = r.json();
      expect(d.ward.rank).toBe(independent.rank[i]);
      expect(d.ward.code).toBe(codes[i]);
      expect(d.explain.rank).toBe(independent.rank[i]);
      expect(d.explain.exact).toBe(true);
      const total = d.explain.categories.reduce((a: number, c: { contribution: number }) => a + c.contribution, 0);
      expect(total).toBeCloseTo(independent.index[i], 9);
      expect(d.robustness).toBeNull();
      expect(d.pilot).toBeNull();
    }
  });

  it('raw values are the denominated inputs: violence per 1000 = count / population × 1000', async () => {
    const a04 = (await get('/api/wards/A04')).json();
    // Rates of A01…A10: 0, 10, 20, 30, 40, 50, 60, 70, 80, 100 per 1000 → median (40 + 50) / 2 = 45.
    expect(a04.raw.violence_rate).toEqual({
      value: 30,
      median: 45,
      unit: 'per 1000',
      level: 'ward',
      name: 'Violence per 1000',
      status: 'real',
      period: '2020-2022',
    }); // 60 / 2000 × 1000
    expect(a04.raw.youth_claimants).toMatchObject({
      value: 10,
      unit: '%',
      level: 'borough',
      name: 'Youth claimant rate',
      status: 'real',
      period: '2015',
    }); // Borough One's value
    expect(a04.raw.blade).toMatchObject({ status: 'proxy', median: 50 }); // 9 wards with a value: 0, 50 ×7, 100
    const a03 = (await get('/api/wards/A03')).json();
    expect(a03.raw.blade.value).toBeNull();
    // NaN in explainArea (no weapons score) travels as null
    const weapons = a03.explain.categories[0].measures.find((m: { id: string }) => m.id === 'weapons');
    expect(weapons.score).toBeNull();
    expect(weapons.contribution).toBeNull();
  });

  it('an unknown code is 404 JSON; junk codes are 400 JSON', async () => {
    const miss = await get('/api/wards/E05999999');
    expect(miss.statusCode).toBe(404);
    expect(miss.json()).toEqual({ error: 'unknown ward code "E05999999"' });
    const junk = [
      '%3Cscript%3E',
      'A01%20OR%201',
      'a.b',
      'x'.repeat(33),
      'x'.repeat(150),
      '%E2%80%AE01',
      "A01'",
      'A01%22',
    ];
    for (const code of junk) {
      const r = await get(`/api/wards/${code}`);
      expect(r.statusCode, code).toBe(400);
      expect(r.json().error).toMatch(/malformed ward code/);
    }
  });

  it('a code percent-encoded is the same ward', async () => {
    expect((await get('/api/wards/%41%30%31')).json().ward.code).toBe('A01');
  });
});

describe('GET /api/pilots, /api/bundle, /geo', () => {
  it('pilots: empty with a note when the source has no selection', async () => {
    expect((await get('/api/pilots')).json()).toEqual({
      pilots: [],
      comparisons: [],
      note: 'no pilot selection in this output',
    });
  });

  it('bundle: the PreparedBundle; re-scoring it gives the same ranks (what the browser does)', async () => {
    const b = (await get('/api/bundle')).json();
    const loaded = loadFramework(FRAMEWORK);
    expect(b).toEqual(JSON.parse(JSON.stringify(toBundle(prepare(loaded.framework, loaded.inputs)))));
    expect(Array.from(score(fromBundle(b)).rank)).toEqual(expectedRank);
  });

  it('boundaries: the framework file’s bytes as GeoJSON; unknown or malformed basemap layers 404/400', async () => {
    const r = await get('/geo/boundaries.json');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/geo+json; charset=utf-8');
    expect(r.body).toBe(readFileSync('test/fixtures/small/areas.geojson', 'utf8'));
    expect((await get('/geo/basemap/boroughs.json')).statusCode).toBe(404);
    expect((await get('/geo/basemap/Boroughs!.json')).statusCode).toBe(400);
    expect((await get('/geo/basemap/boroughs')).statusCode).toBe(400);
    expect((await get('/geo/other.json')).statusCode).toBe(404);
    expect((await get('/api/nothing')).statusCode).toBe(404);
  });
});

describe('caching and compression', () => {
  it('gzip when accepted (same bytes after decompression), identity otherwise, 304 on a matching ETag', async () => {
    const plain = await get('/api/wards');
    expect(plain.headers['content-encoding']).toBeUndefined();
    const gz = await get('/api/wards', { 'accept-encoding': 'gzip, deflate, br' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toBe('accept-encoding');
    expect(gunzipSync(gz.rawPayload).toString('utf8')).toBe(plain.body);
    expect(gz.rawPayload.length).toBeLessThan(plain.rawPayload.length);
    expect((await get('/api/wards', { 'accept-encoding': 'gzip;q=0' })).headers['content-encoding']).toBeUndefined();
    const etag = plain.headers.etag as string;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const again = await get('/api/wards', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect((await get('/api/wards', { 'if-none-match': '"other"' })).statusCode).toBe(200);
    expect((await get('/api/wards', { 'if-none-match': `"other", W/${etag}` })).statusCode).toBe(304);
    expect((await get('/api/wards', { 'if-none-match': '*' })).statusCode).toBe(304);
  });

  it('HEAD gives the headers without a body', async () => {
    const r = await app.inject({ method: 'HEAD', url: '/api/framework' });
    expect(r.statusCode).toBe(200);
    expect(r.body).toBe('');
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('no errors were logged by any of the above', () => {
    expect(logs).toEqual([]);
  });
});
