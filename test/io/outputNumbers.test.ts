/**
 * results.csv's fast writer against the plain definition: every number cell is
 * `csvCell(roundForOutput(v))` (10 significant digits, shortest form), and the whole file equals
 * `formatCsv` over the rounded values.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, formatCsv } from '../../src/core/csvFormat.ts';
import { outputNumberText, resultColumns, roundForOutput } from '../../src/core/resultTable.ts';
import { loadFramework } from '../../src/io/loadFramework.ts';
import { prepare, score } from '../../src/core/run.ts';
import { resultsCsv } from '../../src/io/writeOutputs.ts';

const slow = (v: number) => csvCell(roundForOutput(v));

describe('outputNumberText', () => {
  it('equals csvCell(roundForOutput(v)) on hand-picked cases', () => {
    const cases = [
      0,
      -0,
      1,
      -1,
      0.1,
      1 / 3,
      -2 / 3,
      12.345,
      9.9999999999,
      99999.999996,
      1234567890,
      1234567890.4,
      9999999999.7,
      1e10,
      12345678901,
      1e21,
      1.5e22,
      1e-6,
      1.23456789012e-6,
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
    ];
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

describe('resultsCsv', () => {
  it('is formatCsv over the rounded result columns', () => {
    const loaded = loadFramework('test/fixtures/small/framework.yaml');
    const r = score(prepare(loaded.framework, loaded.inputs));
    const cols = resultColumns(r);
    const rows = r.areas.codes.map((_, i) =>
      cols.map((c) => (c.kind === 'number' ? roundForOutput(c.values(i) as number) : c.values(i))),
    );
    const expected = formatCsv(
      cols.map((c) => c.name),
      rows,
    );
    expect(resultsCsv(r)).toBe(expected);
    expect(expected.split('\n').length).toBe(r.areas.codes.length + 2);
  });
});
