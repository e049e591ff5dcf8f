/**
 * The monthly-series reader: typed columns from the contract format, located errors for each
 * rule, and a cross-check of the real 2018 MPS file re-shaped by the test helper against sums
 * taken directly from the source rows.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { frameworkFileSchema } from '../../src/core/framework.ts';
import { areaSeries, monthLabel, monthOrdinal } from '../../src/core/monthlySeries.ts';
import { parseCsv } from '../../src/io/csv.ts';
import { parseMonthlySeries, readMonthlySeries } from '../../src/io/monthlySeries.ts';
import { readSourceText } from '../../src/io/readText.ts';
import { monthlyCsvFrom2018, SOURCE_2018 } from '../select/helpers/monthlyFrom2018.ts';

const H = 'area_code,series,month,count\n';
const csv = (xs: (string | number)[][]) => H + xs.map((r) => r.join(',')).join('\n') + '\n';

function problemOf(f: () => unknown): Record<string, unknown> {
  try {
    f();
  } catch (e) {
    return (e as { problems: Record<string, unknown>[] }).problems[0];
  }
  throw new Error('expected an error');
}

describe('month arithmetic', () => {
  it('orders months and crosses year ends', () => {
    expect(monthOrdinal('2024-01') - monthOrdinal('2023-12')).toBe(1);
    expect(monthLabel(monthOrdinal('2025-12') + 1)).toBe('2026-01');
    expect(monthOrdinal('2024-13')).toBeNaN();
    expect(monthOrdinal('2024-4')).toBeNaN();
  });
});

describe('parseMonthlySeries', () => {
  const good = csv([
    ['A', 'vwi', '2023-12', 3],
    ['A', 'vwi', '2024-01', 0],
    ['B', 'vwi', '2024-01', 7],
    ['B', 'vwi', '2023-12', 5],
    ['A', 'rob', '2023-12', 1],
    ['A', 'rob', '2024-01', 2],
    ['B', 'rob', '2023-12', 0],
    ['B', 'rob', '2024-01', 4],
    ['Z', 'vwi', '2024-01', 9],
  ]);

  it('builds areas × months matrices aligned with the framework areas', () => {
    const m = parseMonthlySeries(good, 'm.csv', ['B', 'C', 'A']);
    expect(m.months).toEqual(['2023-12', '2024-01']);
    expect(m.series).toEqual(['vwi', 'rob']);
    expect([...m.counts.get('vwi')!.slice(0, 2)]).toEqual([5, 7]); // B
    expect([...areaSeries(m, 'vwi', 2)]).toEqual([3, 0]); // A, zero kept
    expect([...areaSeries(m, 'rob', 0)]).toEqual([0, 4]);
    expect(areaSeries(m, 'vwi', 1).every((x) => Number.isNaN(x))).toBe(true); // C: no data
    expect([...m.hasData]).toEqual([1, 0, 1]);
    expect(m.warnings).toHaveLength(1);
    expect(m.warnings[0].message).toMatch(/1 code\(s\).*Z/);
  });

  it('reports each broken rule with file, row and column', () => {
    expect(
      problemOf(() => parseMonthlySeries(good.replace('2024-01,0', '2024-1,0'), 'm.csv', ['A', 'B'])),
    ).toMatchObject({ file: 'm.csv', row: 3, column: 'month' });
    expect(
      problemOf(() => parseMonthlySeries(good.replace('2024-01,0', '2024-01,-1'), 'm.csv', ['A', 'B'])),
    ).toMatchObject({ row: 3, column: 'count' });
    expect(
      problemOf(() => parseMonthlySeries(good.replace('2024-01,0', '2024-01,1.5'), 'm.csv', ['A', 'B'])),
    ).toMatchObject({ row: 3, column: 'count' });
    expect(
      problemOf(() => parseMonthlySeries(good.replace('2024-01,0', '2024-01,'), 'm.csv', ['A', 'B'])),
    ).toMatchObject({ row: 3, column: 'count', message: 'empty count' });
    expect(problemOf(() => parseMonthlySeries(good.replace('area_code', 'ward'), 'm.csv', ['A', 'B']))).toMatchObject({
      file: 'm.csv',
      column: 'area_code',
    });
    const dup = problemOf(() => parseMonthlySeries(good + 'A,vwi,2023-12,4\n', 'm.csv', ['A', 'B']));
    expect(dup).toMatchObject({ row: 11 });
    expect(dup.message).toMatch(/A × vwi × 2023-12 appears twice \(also row 2\)/);
    const gap = problemOf(() => parseMonthlySeries(good.replace('B,rob,2023-12,0\n', ''), 'm.csv', ['A', 'B']));
    expect(gap.message).toBe('no row for B × rob × 2023-12');
    // A month missing for every area is a gap too (2024-02 absent between 2024-01 and 2024-03).
    const hole = csv([
      ['A', 'vwi', '2024-01', 1],
      ['A', 'vwi', '2024-03', 1],
    ]);
    expect(problemOf(() => parseMonthlySeries(hole, 'm.csv', ['A'])).message).toBe('no row for A × vwi × 2024-02');
  });
});

describe('readMonthlySeries', () => {
  it('resolves the declared file inside the framework folder and checks the primary series', () => {
    const dir = mkdtempSync(join(tmpdir(), 'monthly-'));
    writeFileSync(join(dir, 'monthly_crime.csv'), csv([['A', 'vwi', '2024-01', 2]]));
    const spec = { file: 'monthly_crime.csv', period: '2024-01', source: 'test', primary: 'vwi' };
    expect(readMonthlySeries(dir, spec, ['A']).counts.get('vwi')![0]).toBe(2);
    expect(problemOf(() => readMonthlySeries(dir, { ...spec, primary: 'robbery' }, ['A']))).toMatchObject({
      field: 'monthly.primary',
      expected: 'one of: vwi',
    });
    expect(problemOf(() => readMonthlySeries(dir, { ...spec, file: '../x.csv' }, ['A']))).toMatchObject({
      field: 'monthly.file',
    });
    expect(problemOf(() => readMonthlySeries(dir, { ...spec, file: 'nope.csv' }, ['A']))).toMatchObject({
      field: 'monthly.file',
    });
  });

  it('opens the file with the input checks: a FIFO or a folder in its place is a located error, not a hang', () => {
    const dir = mkdtempSync(join(tmpdir(), 'monthly-'));
    execFileSync('mkfifo', [join(dir, 'fifo.csv')]);
    mkdirSync(join(dir, 'folder.csv'));
    const spec = { file: 'fifo.csv', period: '2024-01', source: 'test', primary: 'vwi' };
    expect(() => readMonthlySeries(dir, spec, ['A'])).toThrow(/fifo\.csv: is a FIFO \(named pipe\), not a file/);
    expect(() => readMonthlySeries(dir, { ...spec, file: 'folder.csv' }, ['A'])).toThrow(/folder\.csv: is a folder/);
  });

  it('is an optional, strict framework key', () => {
    const base = {
      name: 'x',
      areas: { file: 'a.csv' },
      categories: [{ id: 'c', name: 'C', weight: 1 }],
      measures: [{ id: 'm', name: 'M', category: 'c', weight: 1 }],
      indicators: 'i.csv',
    };
    expect(frameworkFileSchema.parse(base).monthly).toBeUndefined();
    const monthly = {
      file: 'monthly_crime.csv',
      period: '2024-04 to 2026-03',
      source: 'MPS',
      primary: 'violence_with_injury',
    };
    expect(frameworkFileSchema.parse({ ...base, monthly }).monthly).toEqual(monthly);
    expect(frameworkFileSchema.safeParse({ ...base, monthly: { ...monthly, extra: 1 } }).success).toBe(false);
    expect(
      frameworkFileSchema.safeParse({ ...base, monthly: { ...monthly, primary: 'Violence With Injury' } }).success,
    ).toBe(false);
  });
});

describe('the real 2018 MPS file in the contract format', () => {
  it('keeps every offence: series totals equal sums over the source rows', () => {
    const src = parseCsv(readSourceText(SOURCE_2018), { file: 'src' });
    const areas = parseCsv(readSourceText(join(import.meta.dirname, '../../data/london-2018/areas.csv')), {
      file: 'areas',
    });
    const codes = areas.rows.map((r) => r[0]);
    const m = parseMonthlySeries(monthlyCsvFrom2018(), 'monthly_crime.csv', codes);
    expect(m.months.length).toBe(24);
    expect(m.months[0]).toBe('2020-09');
    expect(m.months[23]).toBe('2022-08');
    expect(m.warnings).toEqual([]);
    // 632 wards with police data of the 633 areas (the City of London is absent).
    expect(m.hasData.reduce((a, x) => a + x, 0)).toBe(632);
    const vwi = src.rows.filter((r) => r[1] === 'Violence with Injury');
    const direct = vwi.reduce((a, r) => a + r.slice(5).reduce((b, x) => b + Number(x), 0), 0);
    const total = m.counts.get('violence_with_injury')!.reduce((a, x) => a + (x === x ? x : 0), 0);
    expect(total).toBe(direct);
    // One ward × month by hand from the source row: Abbey (E05000026), Sep 2020.
    const abbey = vwi.find((r) => r[3] === 'E05000026')!;
    expect(areaSeries(m, 'violence_with_injury', codes.indexOf('E05000026'))[0]).toBe(Number(abbey[5]));
    // The data build's data/london-2018/monthly_crime.csv holds the same counts (independent derivation).
    const built = parseMonthlySeries(
      readSourceText(join(import.meta.dirname, '../../data/london-2018/monthly_crime.csv')),
      'monthly_crime.csv',
      codes,
    );
    expect(built.months).toEqual(m.months);
    expect([...built.series].sort()).toEqual([...m.series].sort());
    for (const s of m.series) expect([...built.counts.get(s)!]).toEqual([...m.counts.get(s)!]);
  });
});
