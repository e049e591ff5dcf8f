import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import { InputError } from '../../src/core/errors.ts';
import { runCli } from '../../src/cli/main.ts';
import { parseCsv } from '../../src/io/csv.ts';
import { parseRobustnessSettings } from '../../src/robustness/settings.ts';
import { sha256 } from '../../src/io/loadFramework.ts';
import { groupRunNotes } from '../../src/robustness/outputs.ts';

const FIXTURE = 'test/fixtures/small/framework.yaml';
const tmp = () => mkdtempSync(join(tmpdir(), 'wardrank-robustness-'));
// the outputs the command writes; the folder's ownership marker (.wardrank-output, io/outputMarker.ts) is io's
const files = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f !== '.wardrank-output')
      .sort()
      .map((f) => [f, readFileSync(join(dir, f))]),
  );
const quiet = async (argv: string[]) => {
  const out = process.stdout.write;
  const err = process.stderr.write;
  let text = '';
  process.stdout.write = ((s: string) => ((text += s), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => ((text += s), true)) as typeof process.stderr.write;
  try {
    return { code: await runCli(['node', 'wardrank', ...argv]), text };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
};

describe('wardrank robustness outputs', () => {
  it('writes every file, byte-identical for the same seed (--reproducible), whatever the thread count', async () => {
    const a = join(tmp(), 'out');
    const b = join(tmp(), 'out');
    const r1 = await quiet([
      'robustness',
      FIXTURE,
      '--runs',
      '60',
      '--seed',
      '11',
      '--out',
      a,
      '--reproducible',
      '--workers',
      '1',
    ]);
    const r2 = await quiet([
      'robustness',
      FIXTURE,
      '--runs',
      '60',
      '--seed',
      '11',
      '--out',
      b,
      '--reproducible',
      '--workers',
      '2',
    ]);
    expect(r1.code).toBe(0);
    expect(r2.code).toBe(0);
    const fa = files(a);
    expect(Object.keys(fa)).toEqual([
      'rank-intervals.svg',
      'robust-candidates.csv',
      'robustness-manifest.json',
      'robustness.csv',
      'samples.arrow',
      'samples.csv',
      'sobol.csv',
    ]);
    expect(files(b)).toEqual(fa);
    const c = join(tmp(), 'out');
    await quiet(['robustness', FIXTURE, '--runs', '60', '--seed', '12', '--out', c, '--reproducible']);
    expect(files(c)['samples.csv'].equals(fa['samples.csv'])).toBe(false);
  });

  it('robustness.csv has the stable columns the map reads, one row per ward; samples cover every run', async () => {
    const dir = join(tmp(), 'out');
    const { code, text } = await quiet(['robustness', FIXTURE, '--runs', '50', '--seed', '3', '--out', dir]);
    expect(code).toBe(0);
    expect(text).toContain('50 runs');
    const rob = parseCsv(readFileSync(join(dir, 'robustness.csv'), 'utf8'), { file: 'robustness.csv' });
    expect(rob.header).toEqual([
      'code',
      'name',
      'nominal_rank',
      'median_rank',
      'p05_rank',
      'p95_rank',
      'p_top_k',
      'p_top_decile',
    ]);
    expect(rob.rows.length).toBe(10);
    const manifest = JSON.parse(readFileSync(join(dir, 'robustness-manifest.json'), 'utf8'));
    expect(manifest.seed).toBe(3);
    expect(manifest.runs.N).toBe(50);
    const d = manifest.factors.length;
    expect(manifest.runs.total).toBe(50 * (d + 2));
    expect(Object.keys(manifest.inputs)).toContain('framework.yaml');
    expect(manifest.not_applied.length).toBeGreaterThan(0);
    expect(manifest.runtime.timingsMs.evaluateMs).toBeGreaterThanOrEqual(0);
    for (const [name, hash] of Object.entries(manifest.outputs))
      expect(sha256(readFileSync(join(dir, name)))).toBe(hash);
    const samples = parseCsv(readFileSync(join(dir, 'samples.csv'), 'utf8'), { file: 'samples.csv' });
    expect(samples.rows.length).toBe(50 * (d + 2));
    const arrow = tableFromIPC(readFileSync(join(dir, 'samples.arrow')));
    expect(arrow.numRows).toBe(50 * (d + 2));
    expect(arrow.schema.fields.map((f) => f.name)).toEqual(samples.header);
    const sobol = parseCsv(readFileSync(join(dir, 'sobol.csv'), 'utf8'), { file: 'sobol.csv' });
    expect(sobol.rows.map((r) => r[0])).toEqual(manifest.factors.map((f: { id: string }) => f.id));
  });

  it('draws a self-contained SVG: no scripts, no external fonts or links, one row per ward shown', async () => {
    const dir = join(tmp(), 'out');
    await quiet(['robustness', FIXTURE, '--runs', '30', '--out', dir, '--no-sobol']);
    const svg = readFileSync(join(dir, 'rank-intervals.svg'), 'utf8');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).not.toMatch(/<script|@font-face|url\(|href=|@import/);
    expect(svg).toContain('font-family="sans-serif"');
    expect((svg.match(/<circle /g) ?? []).length).toBe(1 + 10); // legend dot + nominal dot per ward
    expect(svg).toContain('Juliet (Borough Two)');
    const sobol = readFileSync(join(dir, 'sobol.csv'), 'utf8');
    expect(sobol.trim().split('\n')).toHaveLength(1); // header only: Sobol off, and the manifest says why
    const manifest = JSON.parse(readFileSync(join(dir, 'robustness-manifest.json'), 'utf8'));
    expect(manifest.output.sobol.skipped).toMatch(/switched off/);
  });

  it('rejects a bad --seed as a usage error (exit 2)', async () => {
    const { code } = await quiet(['robustness', FIXTURE, '--seed', '-1', '--out', join(tmp(), 'x')]);
    expect(code).toBe(2);
  });
});

describe('run notes in the manifest', () => {
  it('group per note with the runs that carry it, most frequent first', () => {
    expect(groupRunNotes(['a; b', '', 'b'])).toEqual([
      { note: 'b', runs: 2, run_ids: [0, 2] },
      { note: 'a', runs: 1, run_ids: [0] },
    ]);
  });

  it('never split a note: every note the runs write is a whole sentence', async () => {
    const dir = join(tmp(), 'out');
    await quiet(['robustness', FIXTURE, '--runs', '200', '--seed', '5', '--out', dir, '--no-sobol']);
    const manifest = JSON.parse(readFileSync(join(dir, 'robustness-manifest.json'), 'utf8'));
    expect(manifest.run_notes.length).toBeGreaterThan(0);
    for (const n of manifest.run_notes)
      expect(n.note).toMatch(
        /^(omit \S+ not applied: |measure \S+ has no data left \(|category \S+ has no data left \(|\d+ ward\(s\) ranked in the nominal run)/,
      );
  });
});

describe('robustness settings', () => {
  it('fills every default when the section is absent', () => {
    const s = parseRobustnessSettings(undefined);
    expect(s.runs).toBe(1000);
    expect(s.seed).toBe(1);
    expect(s.weights.categories).toEqual({ distribution: 'uniform', spread: 0.25, concentration: 50 });
    expect(s.weights.indicators.distribution).toBe('none');
    expect(s.normalise).toEqual(['zscore', 'minmax', 'normal-scores', 'rank']);
    expect(s.aggregate).toEqual(['arithmetic', 'geometric']);
    expect(s.leave_one_out).toBe(true);
    expect(s.sobol).toEqual({ enabled: true, bootstrap: 500, confidence: 0.95 });
  });

  it('reports a bad field with its path', () => {
    let error: unknown;
    try {
      parseRobustnessSettings({ normalise: ['zscore', 'zscore'], weights: { measures: { spread: 2 } } }, 'fw.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    const fields = (error as InputError).problems.map((p) => `${p.file}:${p.field}`);
    expect(fields).toContain('fw.yaml:robustness.normalise');
    expect(fields).toContain('fw.yaml:robustness.weights.measures.spread');
  });
});
