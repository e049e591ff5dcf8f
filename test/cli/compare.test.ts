/**
 * `wardrank compare` on two runs of the small fixture (synthetic) that differ only in the weight
 * of the violence measure (2 → 1, so crime = (violence + weapons) / 2). Expected values worked
 * out by hand from the measure scores of the nominal run (test/cli/small-framework.test.ts):
 *
 *   ward  violence weapons deprivation  index A   index B   rank A → B
 *   A04      25     100     56.25       53.125    59.375     5 → 3
 *   A08      50      50     62.5        56.25     56.25      3 → 4
 *   A05      50       0     75          54.1667   50         4 → 5
 *   (every other ward keeps its rank; A03 has no weapons value, so its crime score is violence)
 *
 * A04's contributions W_c·w_m·S_m: A: violence ½·⅔·25 = 8.3333, weapons ½·⅓·100 = 16.6667;
 * B: violence ½·½·25 = 6.25, weapons ½·½·100 = 25; changes −2.0833 and +8.3333, which add up to
 * the index change 6.25. Spearman's ρ = 1 − 6·Σd²/(n(n²−1)) = 1 − 6·6/990 = 0.963636….
 */
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { parseCsv } from '../../src/io/csv.ts';

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
    return { status: await runCli(['node', 'wardrank', ...args]), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

function equalViolenceWeight(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wardrank-compare-fw-'));
  for (const f of readdirSync('test/fixtures/small')) copyFileSync(join('test/fixtures/small', f), join(dir, f));
  const yaml = readFileSync(join(dir, 'framework.yaml'), 'utf8');
  const changed = yaml.replace(
    '{ id: violence, name: Violence, category: crime, weight: 2 }',
    '{ id: violence, name: Violence, category: crime, weight: 1 }',
  );
  expect(changed).not.toBe(yaml);
  writeFileSync(join(dir, 'framework.yaml'), changed);
  return join(dir, 'framework.yaml');
}

describe('wardrank compare', () => {
  it('reports rank changes and the measure contributions that moved them, matching the hand computation', async () => {
    const root = mkdtempSync(join(tmpdir(), 'wardrank-compare-'));
    const a = join(root, 'a');
    const b = join(root, 'b');
    expect((await cli('run', 'test/fixtures/small/framework.yaml', '--out', a)).status).toBe(0);
    expect((await cli('run', equalViolenceWeight(), '--out', b)).status).toBe(0);
    const r = await cli('compare', a, b, '--out', join(root, 'cmp'), '--top', '5');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('10 wards in both runs');
    expect(r.stdout).toContain('3 changed rank; mean |rank change| 0.40, largest 2');
    expect(r.stdout).toContain("Spearman's rho 0.9636");
    expect(r.stdout).toMatch(/weights\.measures\.violence\s+0\.666667\s+0\.5/);
    expect(r.stdout).toMatch(/weights\.measures\.weapons\s+0\.333333\s+0\.5/);
    // the biggest mover first: A04 (Delta) up two places, pulled by weapons
    const lines = r.stdout.split('\n');
    const first = lines.findIndex((l) => l.startsWith('ward'));
    expect(lines[first + 2]).toMatch(/^Delta\s.*\s5\s+3\s+-2\s+weapons \+8\.333, violence -2\.083$/);

    const t = parseCsv(readFileSync(join(root, 'cmp', 'compare.csv'), 'utf8'), { file: 'compare.csv' });
    expect(t.header).toEqual([
      'code',
      'name',
      'borough_name',
      'rank_a',
      'rank_b',
      'rank_change',
      'index_a',
      'index_b',
      'index_change',
      'contribution_change_violence',
      'contribution_change_weapons',
      'contribution_change_deprivation',
      'moved_most_by',
    ]);
    const row = (code: string) =>
      Object.fromEntries(t.header.map((h, k) => [h, t.rows.find((x) => x[0] === code)![k]]));
    // rows in B's rank order
    expect(t.rows.map((x) => x[0])).toEqual(['A10', 'A09', 'A04', 'A08', 'A05', 'A07', 'A06', 'A03', 'A01', 'A02']);
    const a04 = row('A04');
    expect([a04.rank_a, a04.rank_b, a04.rank_change].map(Number)).toEqual([5, 3, -2]);
    expect(Number(a04.index_change)).toBeCloseTo(6.25, 9);
    expect(Number(a04.contribution_change_violence)).toBeCloseTo(-25 / 12, 9);
    expect(Number(a04.contribution_change_weapons)).toBeCloseTo(25 / 3, 9);
    expect(Number(a04.contribution_change_deprivation)).toBe(0);
    expect(a04.moved_most_by).toBe('weapons violence');
    // arithmetic throughout: the changes add up to the index change for every ward with all measures
    for (const x of t.rows) {
      const v = [9, 10, 11].map((k) => Number(x[k]));
      // results.csv carries 8 significant digits
      if (v.every(Number.isFinite)) expect(v[0] + v[1] + v[2]).toBeCloseTo(Number(x[8]), 6);
    }
    // A03 has no weapons value in either run: its change there is empty, not 0
    expect(row('A03').contribution_change_weapons).toBe('');
    expect(Number(row('A03').rank_change)).toBe(0);
  });

  it('says so when the runs are the same, and gives a located error for a folder that is not a run', async () => {
    const root = mkdtempSync(join(tmpdir(), 'wardrank-compare-'));
    const a = join(root, 'a');
    expect((await cli('run', 'test/fixtures/small/framework.yaml', '--out', a)).status).toBe(0);
    const same = await cli('compare', a, a);
    expect(same.status).toBe(0);
    expect(same.stdout).toContain('0 changed rank');
    expect(same.stdout).toContain('methods and effective weights are the same in both runs');
    const bad = await cli('compare', a, root);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/results\.csv not found/);
  });
});
