/**
 * Unit tests of the pure pieces of the London build, on small hand-made (synthetic) tables
 * with hand-computed expectations.
 */
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.ts';
import { toArrowIpc } from '../../src/io/arrow.ts';
import { parseCsv } from '../../src/io/csv.ts';
import { readGlaWardTable } from '../../scripts/lib/london/glaWardTable.ts';
import { guardedPercentChange } from '../../scripts/lib/london/guardedPercentChange.ts';
import { crosswalkFromRows } from '../../scripts/lib/geo/crosswalkTable.ts';
import { formatNumber } from '../../scripts/lib/london/builtTable.ts';
import { buildCarriedWards, type CarrySpec } from '../../scripts/lib/london/carriedWards.ts';
import { minorId, slug } from '../../scripts/lib/london/crimeWards.ts';
import { readMpsWardCrime, sumWardCrime } from '../../scripts/lib/london/mpsWardCrime.ts';
import { decodeText } from '../../src/io/readText.ts';

const SYNTHETIC_CRIME = [
  'MajorText,MinorText,WardName,WardCode,LookUp_BoroughName,202001,202002,202003',
  'Robbery,Robbery of Personal Property,A,W1,B,1,2,3',
  'Robbery,Robbery of Business Property,A,W1,B,0,0,4',
  'Violence Against the Person,Homicide,Z,W2,B,0,1,0',
  '"Public Order Offences","Racially or Religiously Aggravated Public Fear, Al",Z,W2,B,5,0,0',
].join('\n');

describe('readMpsWardCrime / sumWardCrime (synthetic)', () => {
  const crime = readMpsWardCrime(parseCsv(SYNTHETIC_CRIME, { file: 'synthetic.csv' }));

  it('reads months, wards and categories', () => {
    expect(crime.months).toEqual(['202001', '202002', '202003']);
    expect(crime.wards).toEqual(['W1', 'W2']);
    expect(crime.categories.map((c) => c.minor)).toContain('Racially or Religiously Aggravated Public Fear, Al');
  });

  it('absent ward × category pairs are 0; wards absent from the file are NaN', () => {
    const robbery = sumWardCrime(crime, ['W1', 'W2', 'CITY'], (c) => c.major === 'Robbery');
    expect(robbery[0]).toBe(1 + 2 + 3 + 4);
    expect(robbery[1]).toBe(0);
    expect(robbery[2]).toBeNaN();
  });

  it('sums a month window', () => {
    const personal = sumWardCrime(crime, ['W1'], (c) => c.minor === 'Robbery of Personal Property', '202002', '202003');
    expect(personal[0]).toBe(5);
    expect(() => sumWardCrime(crime, ['W1'], () => true, '202003', '202001')).toThrow(InputError);
  });

  it('rejects a count that is not a whole number, naming row and month', () => {
    const bad = SYNTHETIC_CRIME.replace('1,2,3', '1,2.5,3');
    expect(() => readMpsWardCrime(parseCsv(bad, { file: 'bad.csv' }))).toThrow(/bad\.csv:2:202002/);
  });

  it('rejects a repeated ward × category row', () => {
    const twice = SYNTHETIC_CRIME + '\nRobbery,Robbery of Personal Property,A,W1,B,1,1,1';
    expect(() => readMpsWardCrime(parseCsv(twice, { file: 'twice.csv' }))).toThrow(/appears twice/);
  });
});

describe('guardedPercentChange', () => {
  it('is 100 × (current − previous) / previous at or above the base, NaN below it or when missing', () => {
    const out = guardedPercentChange(Float64Array.of(45, 6, 30, NaN), Float64Array.of(30, 3, 29, 40), 30);
    expect(out[0]).toBeCloseTo(50, 12);
    expect(out[1]).toBeNaN(); // 3 → 6 would be +100 % on noise
    expect(out[2]).toBeNaN();
    expect(out[3]).toBeNaN();
  });
});

describe('readGlaWardTable (synthetic atlas layout)', () => {
  const text = ['Codes,New Code,Value; 2013', 'Codes,New Code,2013', '00AA,E09000001,1.5', '00AB,E05000001,n/a', '#1,E12000007,9', '00AB,E05000001,n/a'].join('\n');
  it('skips the year-label row and aggregate rows, reads n/a as missing, tolerates identical repeats', () => {
    const t = readGlaWardTable(parseCsv(text, { file: 'atlas.csv' }), { codeColumn: 'New Code', skipRows: 1 });
    expect(t.codes).toEqual(['E09000001', 'E05000001']);
    const v = t.column('Value; 2013');
    expect(v[0]).toBe(1.5);
    expect(v[1]).toBeNaN();
  });
  it('rejects a thousands separator, naming file, row and column', () => {
    const bad = text.replace('1.5', '"1,500"');
    const t = readGlaWardTable(parseCsv(bad, { file: 'atlas.csv' }), { codeColumn: 'New Code', skipRows: 1 });
    expect(() => t.column('Value; 2013')).toThrow(/atlas\.csv:3:Value; 2013.*thousands separator/);
  });
  it('rejects a repeated code with different values', () => {
    const bad = text.replace(/00AB,E05000001,n\/a$/, '00AB,E05000001,2');
    expect(() => readGlaWardTable(parseCsv(bad, { file: 'atlas.csv' }), { codeColumn: 'New Code', skipRows: 1 })).toThrow(/appears twice/);
  });
});

describe('small helpers', () => {
  it('decodes Latin-1 £ (0xA3)', () => {
    expect(decodeText(Uint8Array.of(0x41, 0xa3), 'latin1')).toBe('A£');
  });
  it('formats numbers with at most 6 decimals, empty for NaN, no negative zero', () => {
    expect(formatNumber(1 / 3)).toBe('0.333333');
    expect(formatNumber(2)).toBe('2');
    expect(formatNumber(NaN)).toBe('');
    expect(formatNumber(-1e-9)).toBe('0');
  });
  it('names MPS categories', () => {
    expect(slug('Disclosure, Obstruction, False or Misleading State')).toBe('disclosure_obstruction_false_or_misleading_state');
    expect(minorId('Possession of Article with Blade or Point')).toBe('blade_possession');
    expect(minorId('Theft from Person')).toBe('theft_from_person');
  });
  it('writes Arrow IPC with NaN as null and strings intact', () => {
    const bytes = toArrowIpc({ columns: ['code', 'x'], values: { code: ['a', 'b'], x: Float64Array.of(1.5, NaN) } });
    const t = tableFromIPC(bytes);
    expect(t.getChild('code')!.toArray()).toEqual(['a', 'b']);
    expect(t.getChild('x')!.get(0)).toBe(1.5);
    expect(t.getChild('x')!.get(1)).toBeNull();
  });
});

describe('buildCarriedWards (synthetic 2 → 2 crosswalk, hand-computed)', () => {
  // Source A lies wholly in target X; source B is split half and half between X and Y.
  const cw = crosswalkFromRows(
    [
      ['A', 'X', '1', 'population'],
      ['B', 'X', '0.5', 'population'],
      ['B', 'Y', '0.5', 'population'],
    ],
    { file: 'synthetic-crosswalk.csv', sourceCodes: ['A', 'B'], targetCodes: ['X', 'Y'] },
  );
  const atlas = readGlaWardTable(
    parseCsv(['New Code,pop,n 2012,n 2013,rate', 'A,100,8,12,20', 'B,300,30,30,40'].join('\n'), { file: 'synthetic-atlas.csv' }),
    { codeColumn: 'New Code', isArea: () => true },
  );
  const profiles = readGlaWardTable(parseCsv('New code,p\nA,1\nB,2', { file: 'synthetic-profiles.csv' }), { codeColumn: 'New code', isArea: () => true });
  const specs: CarrySpec[] = [
    { kind: 'count', name: 'pop', sources: ['pop'], description: '', unit: '', period: '' },
    { kind: 'count', name: 'n', sources: ['n 2012', 'n 2013'], description: '', unit: '', period: '' },
    { kind: 'rate', name: 'rate', sources: ['rate'], weight: 'pop', description: '', unit: '', period: '' },
    { kind: 'rate', name: 'p', sources: ['p'], fromProfiles: true, weight: 'pop', description: '', unit: '', period: '' },
  ];
  const t = buildCarriedWards(atlas, profiles, cw, ['X ward', 'Y ward'], specs);

  it('apportions counts (annual means of several years): X = 10 + 30/2, Y = 30/2', () => {
    expect(Array.from(t.values.pop)).toEqual([250, 150]);
    expect(Array.from(t.values.n)).toEqual([25, 15]);
  });
  it('averages rates weighted by apportioned population: X = (100·20 + 150·40) / 250 = 32, Y = 40', () => {
    expect(t.values.rate[0]).toBeCloseTo(32, 12);
    expect(t.values.rate[1]).toBeCloseTo(40, 12);
    expect(t.values.p[0]).toBeCloseTo((100 * 1 + 150 * 2) / 250, 12);
  });
  it('records the method of every column', () => {
    expect(t.columns.find((c) => c.name === 'n')!.method).toMatch(/apportioned.*annual mean/);
    expect(t.columns.find((c) => c.name === 'rate')!.method).toMatch(/weighted by apportioned pop/);
  });
});
