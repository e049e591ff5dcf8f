/**
 * End-to-end: the `wardrank` CLI on the small fixture (10 areas, 6 indicators, 3 measures,
 * 2 categories; test/fixtures/small). Every expected score below is worked out by hand from
 * the fixture's CSV files with min-max normalisation, no treatment, arithmetic means:
 *
 * violence = (violence_rate + robbery_rate)/2, with minmax(violence_rate) = count/pop·1000
 *   rates [0,10,20,30,40,50,60,70,80,100] (already 0–100) and robbery [100,0,50,20,60,80,40,30,10,70]
 *   → violence = [50,5,35,25,50,65,50,50,45,85]
 * weapons = blade [50,50,—,100,0,50,50,50,50,50] (A03 missing → no weapons score)
 * crime = (2·violence + weapons)/3, A03: violence only (coverage 2/3 ≥ 0.5)
 *   → [50, 20, 35, 50, 33.33…, 60, 50, 50, 46.67…, 73.33…]
 * deprivation = (2·imd + life_exp(−1) + youth_claimants)/4 with imd = life_exp' = [0,25,50,75,100]×2
 *   and youth claimants B1=10 → 0, B2=20 → 100
 *   → [0, 18.75, 37.5, 56.25, 75, 25, 43.75, 62.5, 81.25, 100]
 * index = (crime + health)/2.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, existsSync, lstatSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parseCsv } from '../../src/io/csv.ts';
import { runCli } from '../../src/cli/main.ts';

const FRAMEWORK = 'test/fixtures/small/framework.yaml';

/** Runs the CLI in-process (the bin is exercised once, below), capturing its output. */
async function cli(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi
    .spyOn(process.stdout, 'write')
    .mockImplementation((c: string | Uint8Array) => ((stdout += String(c)), true));
  const err = vi
    .spyOn(process.stderr, 'write')
    .mockImplementation((c: string | Uint8Array) => ((stderr += String(c)), true));
  try {
    const status = await runCli(['node', 'wardrank', ...args]);
    return { status, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

const crime = [50, 20, 35, 50, 100 / 3, 60, 50, 50, 140 / 3, 220 / 3];
const health = [0, 18.75, 37.5, 56.25, 75, 25, 43.75, 62.5, 81.25, 100];
const index = crime.map((c, i) => (c + health[i]) / 2);
// A10 86.67, A09 63.96, A08 56.25, A05 54.17, A04 53.125, A07 46.875, A06 42.5, A03 36.25, A01 25, A02 19.375
const expectedRank = [9, 10, 8, 5, 4, 7, 6, 3, 2, 1];

describe('wardrank CLI on the small fixture', () => {
  it('run writes a complete output folder whose scores and ranks match the hand computation', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'wardrank-')), 'out');
    const r = await cli('run', FRAMEWORK, '--out', out);
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(out)).toEqual(
      expect.arrayContaining([
        'boroughs.csv',
        'manifest.json',
        'prepared.json',
        'results.arrow',
        'results.csv',
        'results.geojson',
        'treatment.csv',
      ]),
    );
    const t = parseCsv(readFileSync(join(out, 'results.csv'), 'utf8'), { file: 'results.csv' });
    const col = (name: string) => t.rows.map((row) => Number(row[t.header.indexOf(name)]));
    col('category_crime').forEach((v, i) => expect(v).toBeCloseTo(crime[i], 6));
    col('category_health').forEach((v, i) => expect(v).toBeCloseTo(health[i], 6));
    col('index').forEach((v, i) => expect(v).toBeCloseTo(index[i], 6));
    expect(col('rank')).toEqual(expectedRank);
    expect(col('decile')).toEqual(expectedRank); // 10 areas: decile = rank
    expect(t.rows[2][t.header.indexOf('measure_weapons')]).toBe(''); // A03: missing, not zero
    expect(t.rows[2][t.header.indexOf('flag_missing_measures')]).toBe('weapons');
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.excluded).toEqual([
      { id: 'hospital', reason: 'no public source: not in the run' },
      { id: 'survey', reason: 'no data supplied (optional file survey.csv not found)' },
    ]);
    expect(Object.keys(manifest.inputs).sort()).toEqual([
      'areas.csv',
      'areas.geojson',
      'boroughs.csv',
      'framework.yaml',
      'indicators.csv',
      'wards.csv',
    ]);
    expect(manifest.methods.normalise.method).toBe('minmax');
    expect(manifest.log.map((s: { step: string }) => s.step)).toEqual([
      'validate',
      'denominate',
      'smooth',
      'apportion',
      'impute',
      'reference',
      'treat',
      'normalise',
      'weights',
      'aggregate:measures',
      'aggregate:categories',
      'combine',
      'rank',
    ]);
    const boroughs = parseCsv(readFileSync(join(out, 'boroughs.csv'), 'utf8'), { file: 'boroughs.csv' });
    // Borough Two: population-weighted mean index over A06–A10 (pops 2000,1000,2000,1000,2000)
    const pops = [2000, 1000, 2000, 1000, 2000];
    const b2 = pops.reduce((a, p, k) => a + p * index[5 + k], 0) / 8000;
    expect(Number(boroughs.rows[1][boroughs.header.indexOf('average_score')])).toBeCloseTo(b2, 6);
    // A real folder (copies stay valid), marked as wardrank's with the list of files it wrote.
    expect(lstatSync(out).isDirectory()).toBe(true);
    const marker = JSON.parse(readFileSync(join(out, '.wardrank-output'), 'utf8'));
    expect(marker.tool).toBe('wardrank');
    expect(marker.kind).toBe('run');
    expect(marker.files).toEqual(expect.arrayContaining(['results.csv', 'manifest.json', 'geo/boundaries.json']));
  });

  it('top prints the wards in rank order with their boroughs and driving measures', async () => {
    const r = await cli('top', FRAMEWORK, '-n', '3');
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n').slice(2);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^\s*1\s+Juliet\s+Borough Two\s+86\.667\s+Deprivation; Violence; Weapons$/);
    expect(lines[1]).toMatch(/^\s*2\s+India/);
    expect(lines[2]).toMatch(/^\s*3\s+Hotel/);
  });

  it('explain gives contributions that add up to the index (arithmetic methods)', async () => {
    const r = await cli('explain', FRAMEWORK, 'Echo', '--json');
    expect(r.status, r.stderr).toBe(0);
    const e = JSON.parse(r.stdout);
    expect(e.rank).toBe(4);
    const total = e.categories.reduce((a: number, c: { contribution: number }) => a + c.contribution, 0);
    expect(total).toBeCloseTo(index[4], 9);
    const indicatorTotal = e.categories
      .flatMap((c: any) => c.measures.flatMap((m: any) => m.indicators))
      .reduce((a: number, i: any) => a + (i.contribution ?? 0), 0);
    expect(indicatorTotal).toBeCloseTo(index[4], 9);
    // Echo's deprivation: imd 100 with weight ½·1·½ → 25
    const imd = e.categories[1].measures[0].indicators.find((i: any) => i.id === 'imd');
    expect(imd.contribution).toBeCloseTo(25, 9);
  });

  it('exit codes: 0 ok, 1 bad input, 2 usage', async () => {
    expect((await cli('validate', FRAMEWORK)).status).toBe(0);
    const bad = await cli('validate', 'test/fixtures/small/nope.yaml');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/nope\.yaml: framework file not found/);
    expect((await cli('run', FRAMEWORK)).status).toBe(2); // missing --out
    expect((await cli('frobnicate')).status).toBe(2);
    expect((await cli('explain', FRAMEWORK, 'Nowhere')).status).toBe(2);
    expect((await cli('top', FRAMEWORK, '-n', 'lots')).status).toBe(2);
  });

  it('--help works on every command, and the bin runs', async () => {
    for (const c of ['validate', 'run', 'top', 'explain']) {
      const r = await cli(c, '--help');
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`Usage: wardrank ${c}`));
    }
    expect(existsSync('bin/wardrank.js')).toBe(true);
    expect(execFileSync('node', ['bin/wardrank.js', '--version'], { encoding: 'utf8' }).trim()).toMatch(
      /^\d+\.\d+\.\d+$/,
    );
  });

  it("the bin gives the same exit codes and messages for errors raised in a command's code", () => {
    // the built entry (dist/cli.cjs) and the commands' code (dist/actions/, dist/chunks/) each
    // bundle the error classes: an InputError or UsageError from a command is still one
    const bin = (...args: string[]) => spawnSync('node', ['bin/wardrank.js', ...args], { encoding: 'utf8' });
    const missing = bin('top', 'test/fixtures/small/nowhere.yaml');
    expect([missing.status, missing.stderr]).toEqual([
      1,
      'nowhere.yaml: framework file not found (expected a path to a framework YAML file)\n',
    ]);
    const unknown = bin('explain', FRAMEWORK, 'Nowhere');
    expect([unknown.status, unknown.stderr]).toEqual([2, 'wardrank: no area matches "Nowhere"\n']);
    const flag = bin('top', FRAMEWORK, '-n', 'lots');
    expect([flag.status, flag.stderr]).toEqual([2, 'wardrank: -n must be a positive whole number, got "lots"\n']);
  });
});
