/**
 * Small rules of issue 17 §5–6: deciles with fewer than 10 ranked areas (rank 1 is always
 * decile 1), `--allow-empty`, CSV formula injection neutralised in outputs while numbers stay
 * numbers.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { decileOf } from '../../src/core/steps/rank.ts';
import { runCli } from '../../src/cli/main.ts';
import { neutraliseFormula, formatOutputCsv } from '../../src/core/csvFormat.ts';

describe('deciles', () => {
  it('one ranked area is decile 1; fewer than 10: spread evenly, 1 + round(9(r−1)/(n−1))', () => {
    expect(decileOf(1, 1)).toBe(1);
    expect([1, 2].map((r) => decileOf(r, 2))).toEqual([1, 10]);
    expect([1, 2, 3].map((r) => decileOf(r, 3))).toEqual([1, 6, 10]); // 1 + round(4.5) = 6
    expect([1, 5, 9].map((r) => decileOf(r, 9))).toEqual([1, 6, 10]); // 1 + round(4.5) = 6
    // 10 or more: unchanged, ⌈10r/n⌉
    expect([1, 10].map((r) => decileOf(r, 10))).toEqual([1, 10]);
    expect([63, 64, 633].map((r) => decileOf(r, 633))).toEqual([1, 2, 10]);
  });
});

describe('CSV formula injection (OWASP)', () => {
  it('text starting with = + - @ tab CR gets an apostrophe; numbers and numeric text do not', () => {
    expect(['=HYPERLINK("http://x")', '+1+2', '-2+3', '@SUM(A1)', '\tx', '\rx'].map(neutraliseFormula)).toEqual([
      '\'=HYPERLINK("http://x")',
      "'+1+2",
      "'-2+3",
      "'@SUM(A1)",
      "'\tx",
      "'\rx",
    ]);
    expect([-1.5, '-1.5', '+3', '-1e-3', 'Bow', '', 0].map(neutraliseFormula)).toEqual([
      -1.5,
      '-1.5',
      '+3',
      '-1e-3',
      'Bow',
      '',
      0,
    ]);
    expect(formatOutputCsv(['code', 'name', 'x'], [['A1', '=1+1', -2.5]])).toBe("code,name,x\nA1,'=1+1,-2.5\n");
  });

  it('an area named =cmd|… is written neutralised in results.csv', async () => {
    const root = mkdtempSync(join(tmpdir(), 'wardrank-inject-'));
    cpSync('test/fixtures/small', join(root, 'fw'), { recursive: true });
    const areas = readFileSync(join(root, 'fw/areas.csv'), 'utf8').replace('Juliet', "=cmd|' /C calc'!A0");
    writeFileSync(join(root, 'fw/areas.csv'), areas);
    const mocks = [
      vi.spyOn(process.stdout, 'write').mockImplementation(() => true),
      vi.spyOn(process.stderr, 'write').mockImplementation(() => true),
    ];
    try {
      expect(
        await runCli(['node', 'wardrank', 'run', join(root, 'fw/framework.yaml'), '--out', join(root, 'out')]),
      ).toBe(0);
    } finally {
      mocks.forEach((m) => m.mockRestore());
    }
    const csv = readFileSync(join(root, 'out/results.csv'), 'utf8');
    expect(csv).toContain("'=cmd|");
    expect(csv).not.toMatch(/(^|,)"?=cmd/m);
  });
});

describe('empty results', () => {
  it('exit 1 without --allow-empty (nothing written); with it, exit 0 and a warning', async () => {
    const root = mkdtempSync(join(tmpdir(), 'wardrank-empty-'));
    cpSync('test/fixtures/small', join(root, 'fw'), { recursive: true });
    const w = readFileSync(join(root, 'fw/wards.csv'), 'utf8').trim().split('\n');
    writeFileSync(
      join(root, 'fw/wards.csv'),
      [w[0], ...w.slice(1).map((r) => `${r.split(',')[0]},,,,,,${r.split(',').at(-1)}`)].join('\n') + '\n',
    );
    let stderr = '';
    const mocks = [
      vi.spyOn(process.stdout, 'write').mockImplementation(() => true),
      vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((stderr += String(c)), true)),
    ];
    try {
      expect(
        await runCli(['node', 'wardrank', 'run', join(root, 'fw/framework.yaml'), '--out', join(root, 'out')]),
      ).toBe(1);
      expect(stderr).toMatch(/no area is ranked/);
      expect(
        await runCli([
          'node',
          'wardrank',
          'run',
          join(root, 'fw/framework.yaml'),
          '--out',
          join(root, 'out'),
          '--allow-empty',
        ]),
      ).toBe(0);
      expect(stderr).toMatch(/warning: no area is ranked: the outputs hold an empty ranking/);
    } finally {
      mocks.forEach((m) => m.mockRestore());
    }
  });
});
