/**
 * Serving an output folder of `wardrank run` (run here by the real CLI into a temp folder):
 * the folder carries its own geometry (geo/), `prepared.json` re-scored gives exactly the
 * framework's results, and the optional pilot selection and robustness summary written beside
 * it by other commands appear in the API. The pilot and robustness tables here are synthetic,
 * written by the test.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { loadSource } from '../../src/server/source.ts';
import { geometryFiles } from '../../src/io/geometryFiles.ts';
import { loadFramework } from '../../src/io/loadFramework.ts';
import { InputError } from '../../src/core/errors.ts';
import { makeWebRoot } from './helpers.ts';

const BASEMAP = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { name: 'synthetic river' },
      geometry: {
        type: 'LineString',
        coordinates: [
          [0, 0.005],
          [0.05, 0.005],
        ],
      },
    },
  ],
});

let work: string;
let frameworkPath: string;
let out: string;

/** The small fixture copied to a temp folder with a synthetic basemap layer added. */
function fixtureWithBasemap(): string {
  const dir = join(work, 'fixture');
  cpSync('test/fixtures/small', dir, { recursive: true });
  writeFileSync(join(dir, 'river.geojson'), BASEMAP);
  const yaml = readFileSync(join(dir, 'framework.yaml'), 'utf8').replace(
    '  boundaries: areas.geojson\n',
    '  boundaries: areas.geojson\n  basemap:\n    - { id: river, name: Synthetic river, kind: water, file: river.geojson }\n',
  );
  writeFileSync(join(dir, 'framework.yaml'), yaml);
  return join(dir, 'framework.yaml');
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'wardrank-serve-'));
  frameworkPath = fixtureWithBasemap();
  out = join(work, 'out');
  const r = spawnSync('node', ['bin/wardrank.js', 'run', frameworkPath, '--out', out], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
});

describe('wardrank run copies the map geometry into the output folder', () => {
  it('geo/boundaries.json and geo/basemap/<id>.json, byte-identical, listed in the manifest', () => {
    expect(readFileSync(join(out, 'geo/boundaries.json'), 'utf8')).toBe(
      readFileSync('test/fixtures/small/areas.geojson', 'utf8'),
    );
    expect(readFileSync(join(out, 'geo/basemap/river.json'), 'utf8')).toBe(BASEMAP);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.outputs)).toEqual(
      expect.arrayContaining(['geo/boundaries.json', 'geo/basemap/river.json']),
    );
  });

  it('geometryFiles: nothing when none is declared; a missing or escaping basemap file is a located InputError', () => {
    const loaded = loadFramework(frameworkPath);
    expect(Object.keys(geometryFiles(loaded))).toEqual(['geo/boundaries.json', 'geo/basemap/river.json']);
    expect(
      geometryFiles({
        ...loaded,
        boundaries: undefined,
        framework: { ...loaded.framework, areas: { ...loaded.framework.areas, basemap: [] } },
      }),
    ).toEqual({});
    const layer = (file: string) => ({
      ...loaded,
      framework: {
        ...loaded.framework,
        areas: { ...loaded.framework.areas, basemap: [{ id: 'x', name: 'X', kind: 'lines' as const, file }] },
      },
    });
    expect(() => geometryFiles(layer('nope.geojson'))).toThrow(
      /framework\.yaml:areas\.basemap\[0\]\.file: basemap file "nope.geojson" not found/,
    );
    expect(() => geometryFiles(layer('../../etc/passwd'))).toThrow(/leaves the framework folder/);
  });
});

describe('serving an output folder', () => {
  it('gives the same API answers as serving the framework itself', async () => {
    const fromOut = buildApp(loadSource(out), { webRoot: makeWebRoot().root });
    const fromYaml = buildApp(loadSource(frameworkPath), { webRoot: makeWebRoot().root });
    for (const url of [
      '/api/framework',
      '/api/wards',
      '/api/wards/A05',
      '/api/wards/A03',
      '/geo/boundaries.json',
      '/geo/basemap/river.json',
    ]) {
      const a = await fromOut.inject({ url });
      const b = await fromYaml.inject({ url });
      expect(a.statusCode, url).toBe(200);
      expect(a.body, url).toBe(b.body);
    }
    const fw = (await fromOut.inject({ url: '/api/framework' })).json();
    expect(fw.geo).toEqual({
      boundaries: '/geo/boundaries.json',
      basemap: [{ id: 'river', name: 'Synthetic river', kind: 'water', url: '/geo/basemap/river.json' }],
    });
    // The bundle is prepared.json's exact bytes.
    expect((await fromOut.inject({ url: '/api/bundle' })).body).toBe(readFileSync(join(out, 'prepared.json'), 'utf8'));
    // Ranks equal the published results.csv.
    const csvRanks = readFileSync(join(out, 'results.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => Number(l.split(',')[4]));
    expect((await fromOut.inject({ url: '/api/wards' })).json().wards.map((w: { rank: number }) => w.rank)).toEqual(
      csvRanks,
    );
    expect((await fromOut.inject({ url: '/api/pilots' })).json().note).toBe('no pilot selection in this output');
    await Promise.all([fromOut.close(), fromYaml.close()]);
  });

  it('shows the pilot selection and robustness summary when present (synthetic tables)', async () => {
    const dir = join(work, 'with-extras');
    cpSync(out, dir, { recursive: true, dereference: true });
    mkdirSync(join(dir, 'pilots'));
    writeFileSync(join(dir, 'pilots/pilots.csv'), 'code,name,rank,borough_code\nA10,Juliet,1,B2\nA04,Delta,5,B1\n');
    writeFileSync(
      join(dir, 'pilots/comparisons.csv'),
      'pilot_code,code,name,distance\nA10,A09,India,0.25\nA04,A05,Echo,0.5\n',
    );
    writeFileSync(join(dir, 'pilots/balance.csv'), 'variable,smd_after,flag_after\nviolence,0.05,ok\nindex,0.4,warn\n');
    mkdirSync(join(dir, 'robustness'));
    writeFileSync(
      join(dir, 'robustness/robustness.csv'),
      'code,name,nominal_rank,median_rank,p05_rank,p95_rank,p_top_k,p_top_decile\nA10,Juliet,1,1,1,2,0.98,0.9\nA01,Alpha,9,8.5,6,10,0,NA\n',
    );
    const app = buildApp(loadSource(dir), { webRoot: makeWebRoot().root });
    const pilots = (await app.inject({ url: '/api/pilots' })).json();
    expect(pilots).toEqual({
      pilots: [
        { code: 'A10', name: 'Juliet', rank: 1, borough_code: 'B2' },
        { code: 'A04', name: 'Delta', rank: 5, borough_code: 'B1' },
      ],
      comparisons: [
        { pilot_code: 'A10', code: 'A09', name: 'India', distance: 0.25 },
        { pilot_code: 'A04', code: 'A05', name: 'Echo', distance: 0.5 },
      ],
      // The evaluation's balance table passes through; `files` lists the pilots folder.
      balance: [
        { variable: 'violence', smd_after: 0.05, flag_after: 'ok' },
        { variable: 'index', smd_after: 0.4, flag_after: 'warn' },
      ],
      files: ['balance.csv', 'comparisons.csv', 'pilots.csv'],
    });
    const a10 = (await app.inject({ url: '/api/wards/A10' })).json();
    expect(a10.robustness).toEqual({ median_rank: 1, p05_rank: 1, p95_rank: 2, p_top_k: 0.98, p_top_decile: 0.9 });
    expect(a10.pilot).toEqual({ role: 'pilot', row: pilots.pilots[0], comparisons: [pilots.comparisons[0]] });
    const a09 = (await app.inject({ url: '/api/wards/A09' })).json();
    expect(a09.pilot).toEqual({ role: 'comparison', row: pilots.comparisons[0], comparisons: [pilots.comparisons[0]] });
    expect(a09.robustness).toBeNull();
    expect((await app.inject({ url: '/api/wards/A01' })).json().robustness).toEqual({
      median_rank: 8.5,
      p05_rank: 6,
      p95_rank: 10,
      p_top_k: 0,
      p_top_decile: null,
    });
    expect((await app.inject({ url: '/api/wards/A02' })).json().pilot).toBeNull();
    await app.close();
  });

  it('also finds pilots.csv and robustness.csv directly in the folder', async () => {
    const dir = join(work, 'flat');
    cpSync(out, dir, { recursive: true, dereference: true });
    writeFileSync(join(dir, 'pilots.csv'), 'code,name\nA07,Golf\n');
    writeFileSync(
      join(dir, 'robustness.csv'),
      'code,name,nominal_rank,median_rank,p05_rank,p95_rank,p_top_k,p_top_decile\nA07,Golf,6,6,4,8,0.1,0.05\n',
    );
    const s = loadSource(dir);
    expect(s.pilots).toEqual({ pilots: [{ code: 'A07', name: 'Golf' }], comparisons: [], files: ['pilots.csv'] });
    expect(s.robustness?.get('A07')).toEqual({
      median_rank: 6,
      p05_rank: 4,
      p95_rank: 8,
      p_top_k: 0.1,
      p_top_decile: 0.05,
    });
  });

  it('refuses a tampered prepared.json, a bad robustness cell, bad geometry, a folder without a run', () => {
    const copy = (name: string) => {
      const dir = join(work, name);
      cpSync(out, dir, { recursive: true, dereference: true });
      return dir;
    };
    const tampered = copy('tampered');
    appendFileSync(join(tampered, 'prepared.json'), ' ');
    expect(() => loadSource(tampered)).toThrow(
      /prepared\.json: prepared\.json does not match the SHA-256 recorded in manifest\.json/,
    );

    const badRobustness = copy('bad-robustness');
    writeFileSync(
      join(badRobustness, 'robustness.csv'),
      'code,name,nominal_rank,median_rank,p05_rank,p95_rank,p_top_k,p_top_decile\nA07,Golf,6,six,4,8,0.1,0.05\n',
    );
    expect(() => loadSource(badRobustness)).toThrow(/robustness\.csv:2:median_rank: "six" is not a number/);

    const badGeo = copy('bad-geo');
    writeFileSync(join(badGeo, 'geo/boundaries.json'), '{"type":"Feature"}');
    expect(() => loadSource(badGeo)).toThrow(InputError);
    expect(() => loadSource(badGeo)).toThrow(/geo\/boundaries\.json:type: not a GeoJSON FeatureCollection/);

    // Files of the folder are opened with the CLI's input checks: a FIFO would block a plain read.
    const fifoPilots = copy('fifo-pilots');
    mkdirSync(join(fifoPilots, 'pilots'));
    execFileSync('mkfifo', [join(fifoPilots, 'pilots', 'pilots.csv')]);
    expect(() => loadSource(fifoPilots)).toThrow(/pilots\/pilots\.csv: is a FIFO \(named pipe\), not a file/);
    const fifoBundle = copy('fifo-bundle');
    rmSync(join(fifoBundle, 'prepared.json'));
    execFileSync('mkfifo', [join(fifoBundle, 'prepared.json')]);
    expect(() => loadSource(fifoBundle)).toThrow(/prepared\.json: is a FIFO \(named pipe\), not a file/);

    expect(() => loadSource(work)).toThrow(/no prepared\.json in this folder/);
    expect(() => loadSource(join(work, 'missing'))).toThrow(/not found/);
  });

  it('an old output folder without geo/ still serves the API, warns, and 404s the geometry', async () => {
    const dir = join(work, 'old');
    cpSync(out, dir, { recursive: true, dereference: true });
    rmSync(join(dir, 'geo'), { recursive: true });
    const s = loadSource(dir);
    expect(s.warnings).toEqual([
      'geo/boundaries.json not in the output folder (re-run `wardrank run` to copy the map geometry)',
      'geo/basemap/river.json not in the output folder (re-run `wardrank run` to copy the map geometry)',
    ]);
    const app = buildApp(s, { webRoot: makeWebRoot().root });
    expect((await app.inject({ url: '/geo/boundaries.json' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/framework' })).json().geo).toEqual({ boundaries: null, basemap: [] });
    expect((await app.inject({ url: '/api/wards/A10' })).json().ward.rank).toBe(1);
    await app.close();
  });
});
