/**
 * `areas.flag_columns` (shared contract 3): 0/1 columns of the areas file carried into
 * results.csv, prepared.json and the API ward rows; anything but 0/1, or a missing column, is a
 * located error. On a temporary copy of the synthetic small fixture.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadFramework, validateFramework } from '../../src/io/loadFramework.ts';
import { prepare, run } from '../../src/core/run.ts';
import { fromBundle, toBundle } from '../../src/core/bundle.ts';
import { resultsCsv } from '../../src/io/writeOutputs.ts';
import { wardRow } from '../../src/server/views/wardsView.ts';
import { parseCsv } from '../../src/io/csv.ts';

const FIXTURE = resolve(import.meta.dirname, '../fixtures/small');
let dir = '';
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

/** The fixture with a `busy` column (values given per row) declared as a flag column. */
function withFlag(values: (i: number) => string, declare = 'busy'): string {
  dir = mkdtempSync(join(tmpdir(), 'wardrank-flags-'));
  cpSync(FIXTURE, dir, { recursive: true });
  const lines = readFileSync(join(dir, 'areas.csv'), 'utf8').trim().split('\n');
  writeFileSync(join(dir, 'areas.csv'), [`${lines[0]},busy`, ...lines.slice(1).map((l, i) => `${l},${values(i)}`)].join('\n') + '\n');
  const yaml = readFileSync(join(dir, 'framework.yaml'), 'utf8').replace('  population_column: population\n', `  population_column: population\n  flag_columns: [${declare}]\n`);
  writeFileSync(join(dir, 'framework.yaml'), yaml);
  return join(dir, 'framework.yaml');
}

describe('areas.flag_columns', () => {
  it('carries the flag into results.csv (a column of its name), prepared.json and the API ward row', () => {
    const path = withFlag((i) => (i % 3 === 0 ? '1' : '0'));
    const loaded = loadFramework(path);
    const result = run(loaded.framework, loaded.inputs);
    const csv = parseCsv(resultsCsv(result), { file: 'results.csv' });
    const k = csv.header.indexOf('busy');
    expect(k).toBeGreaterThan(0);
    expect(csv.rows.map((r) => r[k])).toEqual(result.areas.codes.map((_, i) => (i % 3 === 0 ? '1' : '0')));
    const bundle = JSON.parse(JSON.stringify(toBundle(prepare(loaded.framework, loaded.inputs))));
    expect(bundle.areas.flags.busy).toEqual(result.areas.codes.map((_, i) => (i % 3 === 0 ? 1 : 0)));
    expect(Array.from(fromBundle(bundle).areas.flags!.busy)).toEqual(bundle.areas.flags.busy);
    expect(wardRow(result, 0).flags).toEqual({ busy: 1 });
    expect(wardRow(result, 1).flags).toEqual({ busy: 0 });
  });

  it('rejects a value other than 0 or 1, naming file, row and column', () => {
    const { problems } = validateFramework(withFlag((i) => (i === 2 ? 'yes' : '0')));
    expect(problems.filter((p) => p.severity === 'error')).toEqual([expect.objectContaining({ file: 'areas.csv', row: 4, column: 'busy' })]);
  });

  it('rejects a declared flag column the areas file lacks', () => {
    const { problems } = validateFramework(withFlag(() => '0', 'central_activity'));
    expect(problems.filter((p) => p.severity === 'error')).toEqual([expect.objectContaining({ file: 'areas.csv', column: 'central_activity' })]);
  });

  it('without flag_columns, outputs have no flags (unchanged)', () => {
    const loaded = loadFramework(join(FIXTURE, 'framework.yaml'));
    expect(loaded.inputs.areas.flags).toBeUndefined();
    expect(toBundle(prepare(loaded.framework, loaded.inputs)).areas.flags).toBeUndefined();
  });
});
