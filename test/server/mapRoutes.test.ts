/**
 * The server routes added for the partner map: /api/boroughs (the boroughs.csv numbers),
 * /api/robustness, /api/indexes and a second index under /<id>/ (`--also`), /report/:code
 * (the printable ward report) and /api/monthly/:code over a SYNTHETIC monthly series written
 * here for the small fixture (made up: counts = a formula of area and month, to check the
 * means by hand).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { indexIds } from '../../src/server/routes/indexes.ts';
import { sourceFromFramework } from '../../src/server/source.ts';
import { parseCsv } from '../../src/io/csv.ts';
import { loadFramework } from '../../src/io/loadFramework.ts';
import { prepare, score } from '../../src/core/run.ts';
import { writeOutputs } from '../../src/io/writeOutputs.ts';
import { makeWebRoot } from './helpers.ts';

describe('map routes', () => {
  let dir: string;
  let app: FastifyInstance;
  const codes = ['A01', 'A02', 'A03', 'A04', 'A05', 'A06', 'A07', 'A08', 'A09', 'A10'];
  const months = ['2024-01', '2024-02', '2024-03'];
  // SYNTHETIC counts: violence_with_injury = area number × (month + 1); robbery_personal = month.
  // A10 has no rows (like the City of London: no police data).
  const count = (series: string, a: number, t: number) => (series === 'violence_with_injury' ? (a + 1) * (t + 1) : t);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wardrank-maproutes-'));
    cpSync('test/fixtures/small', join(dir, 'fw'), { recursive: true });
    const yaml = readFileSync(join(dir, 'fw', 'framework.yaml'), 'utf8');
    writeFileSync(
      join(dir, 'fw', 'framework.yaml'),
      `${yaml}\nmonthly:\n  file: monthly_crime.csv\n  period: 2024-01 to 2024-03\n  source: synthetic test series\n  primary: violence_with_injury\n`,
    );
    const rows = ['area_code,series,month,count'];
    for (const s of ['violence_with_injury', 'robbery_personal'])
      codes.slice(0, 9).forEach((c, a) => months.forEach((m, t) => rows.push(`${c},${s},${m},${count(s, a, t)}`)));
    writeFileSync(join(dir, 'fw', 'monthly_crime.csv'), rows.join('\n') + '\n');
    const loaded = loadFramework('test/fixtures/small/framework.yaml');
    const prepared = prepare(loaded.framework, loaded.inputs);
    await writeOutputs(prepared, score(prepared), loaded, join(dir, 'out'), { reproducible: true });
    const { root } = makeWebRoot();
    app = buildApp(sourceFromFramework(join(dir, 'fw', 'framework.yaml')), {
      webRoot: root,
      log: () => undefined,
      also: [{ id: 'small-2018', source: sourceFromFramework('test/fixtures/small/framework.yaml') }],
    });
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const get = (url: string) => app.inject({ method: 'GET', url });

  it("GET /api/boroughs has exactly the numbers of the run's boroughs.csv", async () => {
    const csv = parseCsv(readFileSync(join(dir, 'out', 'boroughs.csv'), 'utf8'), { file: 'boroughs.csv' });
    const api = (await get('/api/boroughs')).json().boroughs as Record<string, unknown>[];
    expect(api.map((b) => b.code)).toEqual(csv.rows.map((r) => r[0]));
    csv.rows.forEach((row, k) => {
      csv.header.forEach((h, j) => {
        const v = api[k][h];
        if (typeof v === 'number') expect(v).toBeCloseTo(Number(row[j]), 8);
        else expect(String(v)).toBe(row[j]);
      });
    });
  });

  it('monthly series: the ward, and the mean per ward of its borough and of all wards with data', async () => {
    const r = (await get('/api/monthly/A02')).json();
    expect(r.months).toEqual(months);
    expect(r.primary).toBe('violence_with_injury');
    expect(r.period).toBe('2024-01 to 2024-03');
    const v = r.series[0];
    expect(v.id).toBe('violence_with_injury');
    expect(v.ward).toEqual([2, 4, 6]); // A02: area 2 × (month 1, 2, 3)
    // Borough One = A01–A05 (areas 1..5): mean area 3 → 3, 6, 9.
    expect(v.borough).toEqual([3, 6, 9]);
    expect(v.borough_wards).toBe(5);
    // All wards with data = A01–A09 (A10 has no rows): mean area 5 → 5, 10, 15.
    expect(v.london).toEqual([5, 10, 15]);
    expect(v.london_wards).toBe(9);
    // Borough Two without A10 = A06–A09: mean area 7.5.
    const a10 = (await get('/api/monthly/A10')).json();
    expect(a10.series[0].ward).toBeNull();
    expect(a10.series[0].borough).toEqual([7.5, 15, 22.5]);
    expect(a10.series[1]).toMatchObject({ id: 'robbery_personal', borough: [0, 1, 2] });
    expect((await get('/api/framework')).json().monthly).toEqual({
      period: '2024-01 to 2024-03',
      source: 'synthetic test series',
      primary: 'violence_with_injury',
    });
    expect((await get('/small-2018/api/framework')).json().monthly).toBeNull();
    expect((await get('/api/monthly/ZZZ')).statusCode).toBe(404);
    expect((await get('/api/monthly/bad%20code')).statusCode).toBe(400);
    // The index served beside it declares no monthly series.
    expect((await get('/small-2018/api/monthly/A02')).json()).toEqual({
      error: 'this index has no monthly series (framework key monthly, docs/api.md)',
    });
  });

  it('serves a second index under /<id>/ with its own routes, listed by /api/indexes', async () => {
    const root = (await get('/api/indexes')).json();
    expect(root).toEqual({
      current: '',
      indexes: [
        { id: '', name: 'Small fixture', path: '', wards: 10, ranked: 10, default: true },
        { id: 'small-2018', name: 'Small fixture', path: 'small-2018/', wards: 10, ranked: 10, default: false },
      ],
    });
    expect((await get('/small-2018/api/indexes')).json().current).toBe('small-2018');
    expect((await get('/small-2018/api/wards')).json().wards).toHaveLength(10);
    const page = await get('/small-2018/');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('synthetic map build');
    expect((await get('/small-2018/assets/app-1a2b.js')).statusCode).toBe(200);
    const redirect = await get('/small-2018');
    expect(redirect.statusCode).toBe(301);
    expect(redirect.headers.location).toBe('/small-2018/');
  });

  it('names extra indexes after their folder, avoiding reserved names and repeats', () => {
    expect(indexIds(['out/london-2018', 'data/London 2018/framework.yaml', 'x/api', 'y/london-2018/'])).toEqual([
      'london-2018',
      'framework',
      'api-2',
      'london-2018-2',
    ]);
  });

  it('GET /report/:code is the printable ward report with rank, verdict-free when no robustness, and escaped names', async () => {
    const res = await get('/report/A05');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('<h1>Echo</h1>');
    expect(res.body).toMatch(/data-testid="report-rank">Rank 4 of 10 · decile 4</);
    expect(res.body).toContain('@media print');
    expect(res.body).toContain('<svg class="extract"');
    expect(res.body).not.toContain('How sure:');
    expect((await get('/report/NOPE')).statusCode).toBe(404);
  });
});
