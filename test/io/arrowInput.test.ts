/**
 * Arrow IPC works both ways: a framework whose data file is Arrow (written by src/io/arrow.ts)
 * gives exactly the results of the same data as CSV, and results.arrow reads back to the same
 * ranks as results.csv, with missing values as nulls.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/io/csv.ts';
import { toArrowIpc } from '../../src/io/arrow.ts';
import { loadFramework } from '../../src/io/loadFramework.ts';
import { run } from '../../src/core/run.ts';
import { resultsArrow } from '../../src/io/writeOutputs.ts';

describe('Arrow IPC', () => {
  it('an Arrow data file gives the same results as the CSV it was made from', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wardrank-arrow-'));
    cpSync('test/fixtures/small', dir, { recursive: true });
    const csv = parseCsv(readFileSync(join(dir, 'wards.csv'), 'utf8'), { file: 'wards.csv' });
    const values: Record<string, string[] | Float64Array> = { code: csv.rows.map((r) => r[0]) };
    csv.header
      .slice(1)
      .forEach((h, k) => (values[h] = Float64Array.from(csv.rows, (r) => (r[k + 1] === '' ? NaN : Number(r[k + 1])))));
    writeFileSync(join(dir, 'wards.arrow'), toArrowIpc({ columns: csv.header, values }));
    writeFileSync(
      join(dir, 'indicators.csv'),
      readFileSync(join(dir, 'indicators.csv'), 'utf8').replaceAll(',wards.csv,', ',wards.arrow,'),
    );
    const fromArrow = loadFramework(join(dir, 'framework.yaml'));
    expect(Object.keys(fromArrow.hashes)).toContain('wards.arrow');
    const a = run(fromArrow.framework, fromArrow.inputs);
    const fromCsv = loadFramework('test/fixtures/small/framework.yaml');
    const b = run(fromCsv.framework, fromCsv.inputs);
    expect(Array.from(a.index)).toEqual(Array.from(b.index));
    expect(Array.from(a.rank)).toEqual(Array.from(b.rank));
    expect(a.raw.blade[2]).toBeNaN(); // the null for A03 stays missing
  });

  it('results.arrow holds the results table with nulls for missing values', () => {
    const l = loadFramework('test/fixtures/small/framework.yaml');
    const r = run(l.framework, l.inputs);
    const t = tableFromIPC(resultsArrow(r));
    expect(t.numRows).toBe(10);
    expect(Array.from(t.getChild('rank')!.toArray() as Float64Array)).toEqual(Array.from(r.rank));
    expect(t.getChild('code')!.get(9)).toBe('A10');
    expect(t.getChild('measure_weapons')!.get(2)).toBeNull();
  });
});
