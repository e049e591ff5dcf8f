/**
 * One source of truth for colours: the map's decile palette (src/core/palette.ts) and the audit
 * report's Okabe–Ito palette (src/audit/report/colours.ts) are written out only in their own
 * module; every other file of the CLI, server and map imports them.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NO_DATA, VIRIDIS_10 } from '../../src/core/palette.ts';
import { OKABE_ITO } from '../../src/audit/report/colours.ts';

const sources = execFileSync('git', ['ls-files', 'src', 'web/src'], { encoding: 'utf8' })
  .split('\n')
  .filter((f) => /\.(ts|css|html)$/.test(f));

describe.each([
  ['src/core/palette.ts', [...VIRIDIS_10, NO_DATA]],
  ['src/audit/report/colours.ts', OKABE_ITO],
])('the colours of %s', (home, colours) => {
  it('are written in no other source file', () => {
    const elsewhere = sources
      .filter((f) => f !== home)
      .flatMap((f) => {
        const text = readFileSync(f, 'utf8').toLowerCase();
        return colours.filter((c) => text.includes(c.toLowerCase())).map((c) => `${f}: ${c}`);
      });
    expect(sources.length).toBeGreaterThan(100);
    expect(elsewhere).toEqual([]);
  });
});
