/**
 * End-to-end on the real 2018 London framework (its monthly_crime.csv from the data build) and a
 * small robustness run: the default decision note recommends a
 * single-borough set of robust candidates (the CEOD 04-2019 preference in the framework), shows
 * the alternatives and boroughs compared, and the evaluation plan holds outcomes, weights summing
 * to 1, placebos, power and the input hashes; randomised pairs are reproducible from the seed.
 */
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { parseCsv } from '../../src/io/csv.ts';

let dir: string;
let framework: string;
let rob: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wardrank-eval-'));
  cpSync('data/london-2018', join(dir, 'fw'), { recursive: true });
  framework = join(dir, 'fw', 'framework.yaml');
  rob = join(dir, 'rob');
  expect(
    await runCli([
      'node',
      'wardrank',
      'robustness',
      framework,
      '--runs',
      '200',
      '--no-sobol',
      '--workers',
      '1',
      '--out',
      rob,
    ]),
  ).toBe(0);
}, 120_000);

describe('wardrank pilots with robustness and a monthly series (London 2018)', () => {
  it('recommends one borough of robust candidates and writes the evaluation plan', async () => {
    const out = join(dir, 'pilots');
    expect(await runCli(['node', 'wardrank', 'pilots', framework, '--robustness', rob, '--out', out])).toBe(0);
    const candidates = new Set(
      parseCsv(readFileSync(join(rob, 'robust-candidates.csv'), 'utf8'), { file: 'c' }).rows.map((r) => r[0]),
    );
    const p = parseCsv(readFileSync(join(out, 'pilots.csv'), 'utf8'), { file: 'pilots.csv' });
    const codes = p.rows.map((r) => r[1]);
    const boroughs = new Set(p.rows.map((r) => r[3]));
    expect(codes.length).toBe(3);
    expect(boroughs.size).toBe(1);
    for (const c of codes) expect(candidates.has(c)).toBe(true);
    const note = readFileSync(join(out, 'decision-note.md'), 'utf8');
    expect(note).toContain('**The programme’s stated preference:** all pilots within one borough (MOPAC CEOD 04-2019');
    expect(note).toContain('The objective uses the robustness run (the default when a robustness folder is given)');
    expect(note).toContain('## Boroughs compared');
    expect(note).toContain('## Options side by side');
    expect(note).toContain('| Best London-wide spread |');
    expect(note).toContain('| Best robust set |');
    expect(note).toContain('## Evaluation design (pre-registration: evaluation-plan.md)');
    const plan = JSON.parse(readFileSync(join(out, 'evaluation-plan.json'), 'utf8'));
    expect(plan.outcomes.primary).toBe('violence_with_injury');
    expect(plan.outcomes.secondary).toEqual([
      'violence_against_the_person',
      'robbery_personal',
      'weapon_possession',
      'sexual_offences',
    ]);
    expect(plan.outcomes.monthsCount).toBe(24);
    expect(plan.pilots.map((x: { pilot: { code: string } }) => x.pilot.code).sort()).toEqual([...codes].sort());
    for (const x of plan.pilots) {
      const sum = x.weights.reduce((a: number, w: { weight: number }) => a + w.weight, 0);
      expect(sum).toBeGreaterThan(0.999);
      expect(sum).toBeLessThan(1.001);
      // Donors come from the comparison pool: never a pilot, never in a pilot's adjacent ring.
      for (const w of x.weights) expect(codes).not.toContain(w.code);
      const ring = new Set(plan.pilots.flatMap((y: { ring: { code: string }[] }) => y.ring.map((r) => r.code)));
      for (const w of x.weights) expect(ring.has(w.code)).toBe(false);
      expect(x.inSpace.placebos).toBe(40);
      expect(x.inSpace.band[0]).toBeLessThan(x.inSpace.band[1]);
      for (const n of x.nearMiss) expect(n.rank >= 5 && n.rank <= 30).toBe(true);
    }
    expect(plan.power.rows.length).toBe(12);
    expect(plan.power.alpha).toBeGreaterThan(0);
    expect(plan.inputs['monthly_crime.csv']).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(join(out, 'evaluation-plan.md'), 'utf8')).toContain('## Analysis to run after the pilot');
  }, 120_000);

  it('randomised pairs: recorded seed, same seed → same allocation', async () => {
    const run = async (name: string) => {
      const out = join(dir, name);
      expect(
        await runCli([
          'node',
          'wardrank',
          'pilots',
          framework,
          '--robustness',
          rob,
          '--ignore-preference',
          '--design',
          'randomised-pairs',
          '--seed',
          '11',
          '--out',
          out,
        ]),
      ).toBe(0);
      return JSON.parse(readFileSync(join(out, 'evaluation-plan.json'), 'utf8'));
    };
    const a = await run('pairs-a');
    const b = await run('pairs-b');
    expect(a.pairs.seed).toBe(11);
    expect(a.pairs.pairs.length).toBe(3);
    expect(b.pairs).toEqual(a.pairs);
  }, 120_000);
});
