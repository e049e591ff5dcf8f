/**
 * End-to-end: `wardrank pilots` on the small fixture (test/fixtures/small: 10 squares in a 5×2
 * grid, A01–A05 bottom row, A06–A10 top row) with the queen-contiguity adjacency in
 * test/fixtures/select/adjacency.csv.
 *
 * Known pilot set for --k 2 --max-per-borough 1 (not adjacent by default). Ranks: A10 86.67
 * (B2), A09, A08, A05, A04, A07, A06, A03 36.25 (B1), A01, A02. A10 is first; its Borough Two
 * cap rules out A09, A08, A07, A06; A05 and A04 touch A10 (corner or side); so the best
 * Borough One ward not touching A10 is A03 (36.25) over A01 (25) and A02 (19.375):
 * {A10, A03}, total 122.92. Every other pair scores less (A09 + A03 touch; A08 + A05 = 110.4).
 * Comparison pool: ranked wards that are not pilots and do not touch A10 or A03 → A01, A06.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { parseCsv } from '../../src/io/csv.ts';

const FRAMEWORK = 'test/fixtures/small/framework.yaml';
const ADJ = 'test/fixtures/select/adjacency.csv';
const tmp = () => mkdtempSync(join(tmpdir(), 'wardrank-pilots-'));
const pilots = (...args: string[]) => runCli(['node', 'wardrank', 'pilots', FRAMEWORK, '--adjacency', ADJ, ...args]);
const csv = (dir: string, name: string) => parseCsv(readFileSync(join(dir, name), 'utf8'), { file: name });
const col = (t: ReturnType<typeof csv>, name: string) => t.rows.map((r) => r[t.header.indexOf(name)]);

describe('wardrank pilots on the small fixture', () => {
  it('writes the six files with the known pilots, comparison wards and stable columns', async () => {
    const out = join(tmp(), 'out');
    expect(await pilots('--k', '2', '--max-per-borough', '1', '--comparisons', '1', '--out', out)).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      '.wardrank-output',
      'balance.csv',
      'comparisons.csv',
      'decision-note.html',
      'decision-note.md',
      'passed-over.csv',
      'pilots.csv',
    ]);
    const p = csv(out, 'pilots.csv');
    expect(p.header.slice(0, 10)).toEqual([
      'pilot',
      'code',
      'name',
      'borough_code',
      'borough_name',
      'rank',
      'decile',
      'index',
      'top_measures',
      'reason',
    ]);
    expect(col(p, 'code')).toEqual(['A10', 'A03']);
    expect(col(p, 'rank')).toEqual(['1', '8']);
    expect(Number(col(p, 'index')[1])).toBeCloseTo(36.25, 9);
    // A10: deprivation 100 × ½ = 50; violence 85 × ½ × ⅔ = 28.33; weapons 50 × ½ × ⅓ = 8.33.
    expect(col(p, 'top_measures')[0]).toBe('Deprivation: 50; Violence: 28.3333; Weapons: 8.3333');
    const c = csv(out, 'comparisons.csv');
    expect(c.header.slice(0, 6)).toEqual(['pilot_code', 'code', 'name', 'borough_name', 'distance', 'rank']);
    expect(col(c, 'code').sort()).toEqual(['A01', 'A06']);
    const passed = csv(out, 'passed-over.csv');
    expect(col(passed, 'code')).toEqual(['A09', 'A08', 'A05', 'A04', 'A07', 'A06']);
    expect(col(passed, 'reasons')[5]).toBe('borough cap: already 1 pilot(s) in Borough Two');
    expect(col(passed, 'reasons')[2]).toBe(
      'adjacent to pilot Juliet (A10); borough cap: already 1 pilot(s) in Borough One',
    );
    const b = csv(out, 'balance.csv');
    expect(col(b, 'variable')).toEqual(['violence', 'weapons', 'deprivation', 'index']);
    // Deprivation: pilots 100 and 37.5 (mean 68.75, s² = 1953.125);
    // pool = comparisons = A01 0, A06 25 (mean 12.5, s² = 312.5).
    expect(Number(col(b, 'smd_after')[2])).toBeCloseTo(56.25 / Math.sqrt((1953.125 + 312.5) / 2), 8);
    const note = readFileSync(join(out, 'decision-note.md'), 'utf8');
    expect(note).toContain(
      '**Recommendation:** 2 pilot area(s): Juliet (A10), Borough Two; Charlie (A03), Borough One.',
    );
    expect(note).toMatch(/areas\.csv \| [0-9a-f]{64} \|/);
    expect(note).toContain('test/fixtures/select/adjacency.csv');
    expect(note).toContain('1 borough-level stand-in indicator(s) (Youth claimant rate)');
    const html = readFileSync(join(out, 'decision-note.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script|<link|src=/);
    expect(html).toContain('@page { size: A4');
  });

  it('is deterministic: the same inputs give byte-identical files', async () => {
    const a = join(tmp(), 'a');
    const b = join(tmp(), 'b');
    expect(await pilots('--k', '3', '--out', a)).toBe(0);
    expect(await pilots('--k', '3', '--out', b)).toBe(0);
    for (const f of readdirSync(a)) expect(readFileSync(join(b, f), 'utf8'), f).toBe(readFileSync(join(a, f), 'utf8'));
  });

  it('honours the exclude list and adds rank intervals from a robustness folder', async () => {
    const dir = tmp();
    const rob = join(dir, 'rob');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(rob);
    writeFileSync(
      join(rob, 'robustness.csv'),
      'code,nominal_rank,median_rank,p05_rank,p95_rank,p_top_k,p_top_decile\nA09,2,2,1,4,0.71,0.4\nA03,8,8,6,9,0,0\nA10,1,1,1,2,0.99,0.9\n',
    );
    const out = join(dir, 'out');
    expect(await pilots('--k', '1', '--exclude', 'A10', '--comparisons', '2', '--robustness', rob, '--out', out)).toBe(
      0,
    );
    const p = csv(out, 'pilots.csv');
    expect(col(p, 'code')).toEqual(['A09']);
    expect(col(p, 'p_top_k')).toEqual(['0.71']);
    expect(col(p, 'p_top_decile')).toEqual(['0.4']);
    expect(col(csv(out, 'passed-over.csv'), 'reasons')).toEqual(['excluded: on the exclude list (already funded)']);
    // A10 is funded: never a comparison ward either.
    expect(col(csv(out, 'comparisons.csv'), 'code')).not.toContain('A10');
    const note = readFileSync(join(out, 'decision-note.md'), 'utf8');
    expect(note).toContain('| 1–4 (median 2) | 0.71 |');
    expect(note).toMatch(/robustness\.csv \| [0-9a-f]{64}/);
  });

  it('says plainly when no ward meets the eligibility rules', async () => {
    const dir = tmp();
    const rob = join(dir, 'rob');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(rob);
    writeFileSync(
      join(rob, 'robustness.csv'),
      'code,nominal_rank,median_rank,p05_rank,p95_rank,p_top_k,p_top_decile\nA09,2,2,1,4,0.71,0.4\nA10,1,1,1,2,0.99,0.9\n',
    );
    const out = join(dir, 'out');
    // P(top decile) ≥ 0.95: A10 (0.9) and A09 (0.4) fail; the other wards are absent from the run.
    expect(await pilots('--robustness', rob, '--min-p-top-decile', '0.95', '--out', out)).toBe(0);
    expect(csv(out, 'pilots.csv').rows).toEqual([]);
    const note = readFileSync(join(out, 'decision-note.md'), 'utf8');
    expect(note).toContain('**No recommendation:** no area meets the rules and constraints');
    expect(note).toContain('only wards in the top decile in at least 95 % of robustness runs (P(top decile) ≥ 0.95)');
    expect(await pilots('--objective', 'expected', '--out', join(dir, 'x'))).toBe(2);
    expect(await pilots('--design', 'coin-toss', '--out', join(dir, 'x'))).toBe(2);
  });

  it('rejects an unknown ward in the exclude list (exit 1) and a bad flag value (exit 2)', async () => {
    const out = join(tmp(), 'out');
    expect(await pilots('--exclude', 'Z99', '--out', out)).toBe(1);
    expect(await pilots('--k', '0', '--out', out)).toBe(2);
  });
});
