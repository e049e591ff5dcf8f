/**
 * `wardrank pilots` reading its settings from a framework's `pilots:` section
 * (test/fixtures/select/framework.yaml, synthetic: six wards, one indicator, min-max scores
 * S1 100, S2 80, S3 60, S4 40, S5 20, S6 0; boroughs X = S1,S2, Y = S3,S4, Z = S5,S6; S2 touches S3;
 * S1–S3 inner, S4–S6 outer).
 *
 * YAML: k 2, at most 1 per borough, S1 excluded, 1 comparison, no buffer, same inner/outer.
 * Pilots: S1 excluded → S2 (80); S3 touches S2 → S4 (40): {S2, S4}.
 * Comparison pool: S5, S6 (S1 excluded, S3 adjacent to S2). S2 is inner and no inner ward is
 * left → none (warning). S4 (outer) → S5 (|40 − 20| beats |40 − 0|).
 * Distance: one measure, so d = |Δx| / s over the pooled rows {S5, S6, S2, S4} = {20, 0, 80, 40}:
 * mean 35, s² = (225 + 1225 + 2025 + 25)/3 = 3500/3, d = 20/√(3500/3) = 0.585540…
 * (standardising first does not change d: it cancels).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { parseCsv } from '../../src/io/csv.ts';

const FRAMEWORK = 'test/fixtures/select/framework.yaml';
const run = (...args: string[]) => runCli(['node', 'wardrank', 'pilots', FRAMEWORK, ...args]);
const rows = (dir: string, name: string) => parseCsv(readFileSync(join(dir, name), 'utf8'), { file: name }).rows;

describe('wardrank pilots with a pilots: section', () => {
  it('applies the YAML settings: exclusion, borough cap, adjacency, same inner/outer class', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'wardrank-pilots-yaml-')), 'out');
    expect(await run('--out', out)).toBe(0);
    expect(rows(out, 'pilots.csv').map((r) => r[1])).toEqual(['S2', 'S4']);
    expect(rows(out, 'passed-over.csv').map((r) => [r[0], r[5]])).toEqual([
      ['S1', 'excluded: on the exclude list (already funded)'],
      ['S3', 'adjacent to pilot Two (S2); borough cap: already 1 pilot(s) in Borough Y'],
    ]);
    const comps = rows(out, 'comparisons.csv');
    expect(comps.map((r) => [r[0], r[1]])).toEqual([['S4', 'S5']]);
    expect(Number(comps[0][4])).toBeCloseTo(20 / Math.sqrt(3500 / 3), 9);
    const note = readFileSync(join(out, 'decision-note.md'), 'utf8');
    expect(note).toContain('Warning: Two (S2): only 0 of 1 comparison wards meet the conditions');
    expect(note).toContain('within the same inner/outer London class');
  });

  it('lets a flag override one YAML setting and keeps the others', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'wardrank-pilots-yaml-')), 'out');
    expect(await run('--k', '1', '--out', out)).toBe(0);
    expect(rows(out, 'pilots.csv').map((r) => r[1])).toEqual(['S2']); // S1 still excluded
  });
});
