/**
 * Fuzzing the number rules (issue 17 §2): every double, written the ways a spreadsheet writes it,
 * parses to itself exactly when it is 0 or between 1e-15 and 1e15 in magnitude and is a located
 * error otherwise (never ±Infinity, never a silent 0); and on fuzzed data the served ranking
 * (prepared.json → fromBundle → score, what `serve` does) equals results.csv.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { fromBundle } from '../../src/core/bundle.ts';
import { score } from '../../src/core/run.ts';
import { runCli } from '../../src/cli/main.ts';
import { parseCsv } from '../../src/io/csv.ts';
import { MAX_MAGNITUDE, MIN_MAGNITUDE, parseNumberCell } from '../../src/io/numbers.ts';

const inRange = (x: number) => x === 0 || (Math.abs(x) >= MIN_MAGNITUDE && Math.abs(x) <= MAX_MAGNITUDE);

/** Ways a double is written: shortest round trip, exponent form, fixed form where short. */
function spellings(x: number): string[] {
  const s = [String(x), x.toExponential(), x.toExponential().replace('e+', 'E')];
  if (Math.abs(x) < 1e21 && Math.abs(x) >= 1e-6)
    s.push(x.toFixed(Math.min(20, Math.max(0, 7 - Math.floor(Math.log10(Math.abs(x) || 1))))));
  return s;
}

describe('number cells', () => {
  it('every finite double (subnormals and the extremes included): exact inside the range, a stated error outside', () => {
    const special = fc.constantFrom(
      0,
      -0,
      Number.MIN_VALUE,
      -Number.MIN_VALUE,
      2.2250738585072014e-308,
      Number.MAX_VALUE,
      -Number.MAX_VALUE,
      1e-15,
      1e15,
      1e15 * (1 + 2 ** -52),
      1e-15 * (1 - 2 ** -53),
      1e155,
      1e308,
      1e-320,
    );
    fc.assert(
      fc.property(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), special), (x) => {
        for (const text of spellings(x)) {
          const p = parseNumberCell(text);
          const v = Number(text); // what the text means
          if (inRange(v)) {
            expect(p.ok, text).toBe(true);
            if (p.ok) expect(p.value, text).toBe(v === 0 ? 0 : v);
          } else {
            expect(p.ok, text).toBe(false);
            if (!p.ok) expect(p.expected).toMatch(/between 1e-15 and 1000000000000000/);
          }
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('decimal exponents around the double range (1e-400 … 1e400): never an infinity or a silent 0', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: -400, max: 400 }), fc.boolean(), (m, e, neg) => {
        const text = `${neg ? '-' : ''}${m}e${e}`;
        const p = parseNumberCell(text);
        if (p.ok) {
          expect(Number.isFinite(p.value)).toBe(true);
          expect(p.value).not.toBe(0);
          expect(inRange(p.value)).toBe(true);
        } else {
          const v = Number(text); // 0 here means the text underflowed (m ≥ 1): out of range, not zero
          expect(v === 0 || !inRange(v), text).toBe(true);
          if (!p.ok)
            expect(p.problem).toMatch(
              v === 0 ? /underflows a double/ : Number.isFinite(v) ? /in magnitude/ : /overflows a double/,
            );
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('Infinity, NaN and their spellings are errors', () => {
    for (const t of ['Infinity', '-Infinity', 'inf', 'NaN', '1e309', '-1e309', '1e99999'])
      expect(parseNumberCell(t).ok, t).toBe(false);
  });
});

describe('served results = results.csv on fuzzed data', () => {
  it('ranks from prepared.json (what serve scores) equal the ranks in results.csv', async () => {
    const base = readFileSync('test/fixtures/small/wards.csv', 'utf8').trim().split('\n');
    const header = base[0].split(',');
    const magnitude = fc.oneof(
      fc.constant(0),
      fc.double({ min: MIN_MAGNITUDE, max: MAX_MAGNITUDE, noNaN: true }),
      fc.double({ min: 1e14, max: MAX_MAGNITUDE, noNaN: true }),
      fc.double({ min: MIN_MAGNITUDE, max: 1e-13, noNaN: true }),
      fc.integer({ min: 0, max: 1000 }),
    );
    const cells = fc.array(
      fc.tuple(
        magnitude,
        magnitude,
        magnitude,
        magnitude,
        magnitude,
        fc.double({ min: 1, max: MAX_MAGNITUDE, noNaN: true }),
      ),
      { minLength: 10, maxLength: 10 },
    );
    const quiet = () => [
      vi.spyOn(process.stdout, 'write').mockImplementation(() => true),
      vi.spyOn(process.stderr, 'write').mockImplementation(() => true),
    ];
    await fc.assert(
      fc.asyncProperty(cells, async (rows) => {
        const root = mkdtempSync(join(tmpdir(), 'wardrank-served-'));
        cpSync('test/fixtures/small', join(root, 'fw'), { recursive: true });
        const lines = rows.map((r, i) => [base[i + 1].split(',')[0], ...r.map(String)].join(','));
        expect(header).toEqual([
          'code',
          'violence_count',
          'robbery_rate',
          'blade',
          'imd',
          'life_expectancy',
          'population',
        ]);
        writeFileSync(join(root, 'fw/wards.csv'), [header.join(','), ...lines].join('\n') + '\n');
        const mocks = quiet();
        let code: number;
        try {
          code = await runCli(['node', 'wardrank', 'run', join(root, 'fw/framework.yaml'), '--out', join(root, 'out')]);
        } finally {
          mocks.forEach((m) => m.mockRestore());
        }
        expect(code).toBe(0);
        const csv = parseCsv(readFileSync(join(root, 'out/results.csv'), 'utf8'), { file: 'results.csv' });
        const rankCol = csv.header.indexOf('rank');
        const codeCol = csv.header.indexOf('code');
        const served = score(fromBundle(JSON.parse(readFileSync(join(root, 'out/prepared.json'), 'utf8'))));
        const servedRank = new Map(served.areas.codes.map((c, i) => [c, served.rank[i]]));
        for (const row of csv.rows) {
          const want = row[rankCol] === '' ? NaN : Number(row[rankCol]);
          expect(servedRank.get(row[codeCol]), row[codeCol]).toBe(want);
        }
        for (const v of served.index) expect(v === v ? Number.isFinite(v) : true).toBe(true);
      }),
      { numRuns: 25 },
    );
  });
});
