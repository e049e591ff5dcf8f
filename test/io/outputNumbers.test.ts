/**
 * results.csv's fast writer against the plain definition: every number cell is
 * `csvCell(roundForOutput(v))` (10 significant digits, shortest form), written as bytes by
 * `putOutputNumber` with the same text as `outputNumberText`, and the whole file equals
 * `formatOutputCsv` over the rounded values, however the chunks fall.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, formatOutputCsv } from '../../src/core/csvFormat.ts';
import { outputNumberText, putOutputNumber, resultColumns, roundForOutput } from '../../src/core/resultTable.ts';
import { loadFramework } from '../../src/io/loadFramework.ts';
import { prepare, score } from '../../src/core/run.ts';
import { resultsCsv, resultsCsvChunks } from '../../src/io/resultsCsv.ts';
import type { Result } from '../../src/core/types.ts';
import { englandFramework } from '../../bench/england.ts';
import { withoutRawData } from '../helpers/rawData.ts';

const slow = (v: number) => csvCell(roundForOutput(v));

const buf = new Uint8Array(64);
/** putOutputNumber's bytes as text (they are ASCII). */
const putText = (v: number) => String.fromCharCode(...buf.subarray(3, putOutputNumber(buf, 3, v)));

/** Hand-picked doubles: signs, ties, edges of the plain range, subnormals, the extremes, non-finite. */
const HAND_PICKED = [
  0,
  -0,
  1,
  -1,
  0.1,
  0.5,
  1 / 3,
  -2 / 3,
  12.345,
  9.9999999999,
  99999.999996,
  1234567890,
  1234567890.4,
  1234567890.5,
  9999999999.4,
  9999999999.5,
  9999999999.7,
  1e10,
  12345678901,
  1e21,
  1.5e22,
  1e-6,
  1.23456789012e-6,
  9.9999999999e-7,
  9.99999999949e-7,
  9.99999999951e-7,
  1e-7,
  1.2345678901e-7,
  5e-324,
  Number.MAX_VALUE,
  -Number.MIN_VALUE,
  NaN,
  Infinity,
  -Infinity,
  0.000001,
  0.0000012345678912,
  123456.7890123,
  2 ** 53,
  -(2 ** 31),
  0.30000000000000004,
  1.0000000005,
  1.00000000049999,
  2.5e-6,
  6.213954521,
  5.14818575,
  0.0299916274699,
];

describe('outputNumberText', () => {
  it('equals csvCell(roundForOutput(v)) on hand-picked cases', () => {
    const cases = HAND_PICKED;
    for (const v of cases) expect(outputNumberText(v), String(v)).toBe(slow(v));
    expect(outputNumberText(12.345000000001)).toBe('12.345');
    expect(outputNumberText(NaN)).toBe('');
  });

  it('equals csvCell(roundForOutput(v)) for any double', () => {
    fc.assert(
      fc.property(fc.double(), (v) => outputNumberText(v) === slow(v)),
      { numRuns: 20_000 },
    );
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (v) => outputNumberText(v) === slow(v)),
      { numRuns: 20_000 },
    );
  });
});

/** The double next to v towards +Infinity (steps: how many). */
function nextUp(v: number, steps = 1): number {
  const f = new Float64Array([v]);
  const b = new BigInt64Array(f.buffer);
  for (let k = 0; k < steps; k++) b[0] += f[0] >= 0 ? 1n : -1n;
  return f[0];
}

describe('putOutputNumber', () => {
  it('writes outputNumberText(v) on hand-picked cases, ties and edges of the plain range', () => {
    for (const v of HAND_PICKED) expect(putText(v), String(v)).toBe(outputNumberText(v));
    expect(putText(-12.5)).toBe('-12.5');
    expect(putText(0.00012345)).toBe('0.00012345');
    expect(putText(1.0000000005)).toBe(outputNumberText(1.0000000005));
  });

  it('writes outputNumberText(v) for any double, and for doubles of every magnitude that prints plainly', () => {
    fc.assert(
      fc.property(fc.double(), (v) => putText(v) === outputNumberText(v)),
      { numRuns: 20_000 },
    );
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (v) => putText(v) === outputNumberText(v)),
      { numRuns: 20_000 },
    );
    // a mantissa in [1, 10) times 10^e for e = -8 … 11: every exponent around the plain range
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 10, noNaN: true }),
        fc.integer({ min: -8, max: 11 }),
        fc.boolean(),
        (m, e, neg) => {
          const v = (neg ? -1 : 1) * m * 10 ** e;
          return putText(v) === outputNumberText(v);
        },
      ),
      { numRuns: 40_000 },
    );
  });

  it('writes outputNumberText(v) next to rounding ties: (d + 0.5) · 10^(e − 9) and the doubles around it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_000_000_000, max: 9_999_999_999 }),
        fc.integer({ min: -7, max: 10 }),
        fc.integer({ min: -3, max: 3 }),
        (d, e, step) => {
          const tie = (d + 0.5) * 10 ** (e - 9);
          const v = step >= 0 ? nextUp(tie, step) : -nextUp(-tie, -step);
          return putText(v) === outputNumberText(v) && putText(-v) === outputNumberText(-v);
        },
      ),
      { numRuns: 40_000 },
    );
  });

  it('writes outputNumberText(v) for the integers and their neighbours', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), fc.integer({ min: -2, max: 2 }), (i, step) => {
        const v = step >= 0 ? nextUp(i, step) : -nextUp(-i, -step);
        return putText(v) === outputNumberText(v);
      }),
      { numRuns: 20_000 },
    );
  });
});

/** results.csv by the definition: formatOutputCsv (formulas neutralised) over the rounded result columns. */
function expectedCsv(r: Result): string {
  const cols = resultColumns(r);
  const rows = r.areas.codes.map((_, i) =>
    cols.map((c) => (c.kind === 'number' ? roundForOutput(c.values(i) as number) : c.values(i))),
  );
  return formatOutputCsv(
    cols.map((c) => c.name),
    rows,
  );
}

describe('putOutputNumber on the England run', () => {
  // the bench framework of 32,844 LSOAs, built from ../shared/data/deprivation when present
  const england = englandFramework();
  it.skipIf(withoutRawData)('writes outputNumberText(v) for every number of every result column', () => {
    const loaded = loadFramework(england!);
    const r = score(prepare(loaded.framework, loaded.inputs));
    let checked = 0;
    const wrong: string[] = [];
    for (const c of resultColumns(r)) {
      if (c.kind !== 'number') continue;
      for (let i = 0; i < r.areas.codes.length; i++) {
        const v = c.values(i) as number;
        if (putText(v) !== outputNumberText(v)) wrong.push(`${c.name}[${i}] = ${v}`);
        checked++;
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBe(32_844 * 40); // 47 columns, 7 of them text
  });
});

describe('resultsCsv', () => {
  it('is formatOutputCsv over the rounded result columns', () => {
    const loaded = loadFramework('test/fixtures/small/framework.yaml');
    const r = score(prepare(loaded.framework, loaded.inputs));
    const expected = expectedCsv(r);
    expect(resultsCsv(r)).toBe(expected);
    expect(expected.split('\n').length).toBe(r.areas.codes.length + 2);
  });

  it('is formatOutputCsv over the rounded columns of the London run, block boundaries included', () => {
    const loaded = loadFramework('data/london/framework.yaml');
    const r = tiled(score(prepare(loaded.framework, loaded.inputs)), 4);
    // text that needs quoting, a formula start and non-ASCII names (a column's buffer grows)
    const names = r.areas.names.map((n, i) =>
      i % 3 === 0 ? `${n}, "Ward" ×${'é'.repeat(i % 50)}` : i % 3 === 1 ? `=${n}` : n,
    );
    const tricky: Result = { ...r, areas: { ...r.areas, names } };
    const expected = expectedCsv(tricky);
    expect(resultsCsv(tricky)).toBe(expected);
    let bytes = 0;
    let chunks = 0;
    resultsCsvChunks(tricky, (c) => {
      bytes += c.length;
      chunks++;
    });
    expect(bytes).toBe(Buffer.byteLength(expected));
    expect(chunks).toBe(1 + Math.ceil(r.areas.codes.length / 1024)); // the header, then blocks of 1,024 lines
  });
});

/** The result with its areas repeated `times` times (every per-area column tiled), for a table longer than a block. */
function tiled(r: Result, times: number): Result {
  const n = r.areas.codes.length;
  const tile = <T extends Float64Array | Uint8Array | Int32Array>(a: T): T => {
    const out = new (a.constructor as new (n: number) => T)(n * times);
    for (let t = 0; t < times; t++) out.set(a, t * n);
    return out;
  };
  const tileAll = <T extends Float64Array | Uint8Array>(rec: Record<string, T>) =>
    Object.fromEntries(Object.entries(rec).map(([k, v]) => [k, tile(v)]));
  const list = <T>(xs: T[]) => Array.from({ length: times }, () => xs).flat();
  return {
    ...r,
    areas: {
      ...r.areas,
      codes: list(r.areas.codes),
      names: list(r.areas.names),
      parent: tile(r.areas.parent),
      population: tile(r.areas.population),
      ...(r.areas.flags ? { flags: tileAll(r.areas.flags) } : {}),
    },
    raw: tileAll(r.raw),
    smoothed: tileAll(r.smoothed),
    treated: tileAll(r.treated),
    normalised: tileAll(r.normalised),
    imputed: tileAll(r.imputed),
    measures: tileAll(r.measures),
    categories: tileAll(r.categories),
    index: tile(r.index),
    rank: tile(r.rank),
    decile: tile(r.decile),
    parentRank: tile(r.parentRank),
  };
}
