/**
 * The London framework (data/london-2018/framework.yaml + indicators.csv): its shape (3 categories,
 * 17 measures), that every indicator points at real data, that directions are right, that each
 * indicator covers the wards it should, and that the engine's loader accepts it.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { columnIndex, formatCsv, type CsvTable } from '../../src/io/csv.ts';
import { validateFramework } from '../../src/io/loadFramework.ts';
import { countPresent, LONDON, numberColumn, readLondonCsv } from './london.ts';

interface Yaml {
  categories: { id: string; weight: number }[];
  measures: { id: string; category: string; weight: number }[];
  indicators: string;
  areas: { file: string };
}
const fw = parse(readFileSync(join(LONDON, 'framework.yaml'), 'utf-8')) as Yaml;
const ind = readLondonCsv(fw.indicators);
const rows = ind.rows.map((r) => Object.fromEntries(ind.header.map((h, i) => [h, r[i]])) as Record<string, string>);
const used = rows.filter((r) => r.status !== 'no-public-source' && r.optional !== 'yes');
const CITY = 'E05009297';
const wardCodes = readLondonCsv('imd_wards.csv').rows.map((r) => r[0]);
const tables = new Map<string, CsvTable>();
const table = (file: string) => {
  if (!tables.has(file)) tables.set(file, readLondonCsv(file));
  return tables.get(file)!;
};

/** Indicator values per area code as the engine computes them: column, or column / denominator × multiplier. */
function values(r: Record<string, string>): Map<string, number> {
  const t = table(r.file);
  const v = numberColumn(t, r.column, r.key || 'code');
  if (!r.denominator) return v;
  const d = numberColumn(t, r.denominator, r.key || 'code');
  const m = r.multiplier ? Number(r.multiplier) : 1;
  return new Map([...v].map(([k, x]) => [k, (x / d.get(k)!) * m]));
}

describe('London framework shape', () => {
  it('has 3 equally weighted categories and exactly 17 measures (9 violent crime, 4 attitudes, 4 health)', () => {
    expect(fw.categories.map((c) => c.id)).toEqual(['violent_crime', 'public_attitudes', 'public_health']);
    expect(new Set(fw.categories.map((c) => c.weight)).size).toBe(1);
    expect(fw.measures).toHaveLength(17);
    const per = (c: string) => fw.measures.filter((m) => m.category === c).length;
    expect([per('violent_crime'), per('public_attitudes'), per('public_health')]).toEqual([9, 4, 4]);
  });

  it('has about 60 indicators with unique ids, each in a declared measure, and every measure has a usable or drop-in indicator', () => {
    expect(rows.length).toBeGreaterThanOrEqual(55);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    const measures = new Set(fw.measures.map((m) => m.id));
    for (const r of rows) expect(measures.has(r.measure), r.id).toBe(true);
    for (const m of measures) expect(rows.some((r) => r.measure === m && r.status !== 'no-public-source'), m).toBe(true);
  });

  it('lists the indicators with no public source without a file', () => {
    const none = rows.filter((r) => r.status === 'no-public-source').map((r) => r.id);
    for (const id of ['hospital_admissions_violence', 'self_harm_admissions', 'mental_health_service_use', 'school_exclusions']) expect(none).toContain(id);
    for (const r of rows.filter((x) => x.status === 'no-public-source')) expect(r.file, r.id).toBe('');
  });

  it('declares the PAS indicators as optional drop-ins in pas.csv, which is not shipped', () => {
    const pas = rows.filter((r) => r.file === 'pas.csv');
    expect(pas.length).toBeGreaterThanOrEqual(6);
    for (const r of pas) expect(r.optional, r.id).toBe('yes');
    expect(existsSync(join(LONDON, 'pas.csv'))).toBe(false);
    expect(rows.filter((r) => r.measure === 'police_confidence').every((r) => r.file === 'pas.csv')).toBe(true);
  });

  it('points every used indicator at an existing file, key, column and denominator', () => {
    for (const r of used) {
      expect(existsSync(join(LONDON, r.file)), `${r.id}: ${r.file}`).toBe(true);
      const t = table(r.file);
      for (const c of [r.key || 'code', r.column, r.denominator].filter(Boolean)) expect(() => columnIndex(t, c), `${r.id}: ${c}`).not.toThrow();
    }
  });

  it('has the directions right: higher value = higher priority unless lower is worse', () => {
    const dir = new Map(rows.map((r) => [r.id, Number(r.direction)]));
    for (const id of ['life_expectancy', 'gcse_attainment', 'turnout_mayoral_2012', 'turnout_local_2014', 'volunteering', 'life_satisfaction', 'happiness', 'worthwhile', 'subjective_wellbeing', 'pas_feel_safe_after_dark', 'pas_police_good_job']) {
      expect(dir.get(id), id).toBe(-1);
    }
    for (const id of ['violence_with_injury', 'knife_offences', 'anxiety', 'idaci', 'neet', 'unauthorised_absence', 'alcohol_callouts', 'violence_trend', 'pas_asb_problem']) expect(dir.get(id), id).toBe(1);
  });
});

describe('London indicator coverage', () => {
  it('MPS crime indicators cover the 632 MPS wards and leave the City of London missing', () => {
    for (const r of used.filter((x) => x.file === 'crime_wards.csv' && x.measure !== 'crime_trend')) {
      const v = values(r);
      expect(countPresent([...wardCodes].map((c) => v.get(c)!)), r.id).toBe(632);
      expect(v.get(CITY), r.id).toBeNaN();
    }
  });

  it('other ward indicators cover (nearly) every ward; borough indicators cover the 32 boroughs or all 33', () => {
    for (const r of used.filter((x) => x.level === 'ward' && x.file !== 'crime_wards.csv')) {
      const v = values(r);
      const n = countPresent(wardCodes.map((c) => v.get(c)!));
      // Obesity is suppressed for small wards; youth unemployment loses the wards fed by two impossible
      // published percentages (Brownswood 159.6 %, Cazenove 493.3 %), treated as missing.
      const floor = r.id.startsWith('obesity') ? 610 : r.id === 'youth_unemployment_2011' ? 630 : 632;
      expect(n, r.id).toBeGreaterThanOrEqual(floor);
    }
    for (const r of used.filter((x) => x.level === 'borough')) {
      const v = values(r);
      expect(v.size, r.id).toBe(33);
      expect(countPresent(v.values()), r.id).toBeGreaterThanOrEqual(32);
    }
  });

  it('every ward of areas.csv has a borough among the 33 borough codes, and the ward list matches the data', () => {
    const areas = readLondonCsv(fw.areas.file);
    const boroughs = new Set(readLondonCsv('borough_profiles.csv').rows.map((r) => r[0]));
    const iB = columnIndex(areas, 'borough_code');
    expect(areas.rows.map((r) => r[columnIndex(areas, 'code')]).sort()).toEqual([...wardCodes].sort());
    for (const r of areas.rows) expect(boroughs.has(r[iB]), r[0]).toBe(true);
    expect(new Set(areas.rows.map((r) => r[iB])).size).toBe(33);
    expect(areas.rows.find((r) => r[0] === CITY)![iB]).toBe('E09000001');
  });

  it('is accepted by the engine: no errors; excluded = no-public-source rows and the absent PAS drop-ins', () => {
    const { loaded, problems } = validateFramework(join(LONDON, 'framework.yaml'));
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    const excluded = new Set(loaded!.inputs.excluded.map((e) => e.id));
    expect(excluded).toEqual(new Set(rows.filter((r) => r.status === 'no-public-source' || r.optional === 'yes').map((r) => r.id)));
  });
});

describe('London data dictionary (README.md)', () => {
  const readme = readFileSync(join(LONDON, 'README.md'), 'utf-8');
  it('documents every indicator, every pas.csv column and the OGL attribution', () => {
    for (const r of rows) expect(readme.includes(`\`${r.id}\``), r.id).toBe(true);
    for (const r of rows.filter((x) => x.file === 'pas.csv')) expect(readme.includes(`| \`${r.column}\` |`), r.column).toBe(true);
    expect(readme).toContain('Contains public sector information licensed under the Open Government Licence v3.0. Contains OS data © Crown copyright and database right.');
  });
});

describe('PAS drop-in', () => {
  it('pas.template.csv lists all 633 wards with every declared pas.csv column and no values', () => {
    const t = readLondonCsv('pas.template.csv');
    expect(t.header).toEqual(['code', 'name', ...new Set(rows.filter((r) => r.file === 'pas.csv').map((r) => r.column))]);
    expect(t.rows.map((r) => r[0]).sort()).toEqual([...wardCodes].sort());
    for (const r of t.rows) expect(r.slice(2).every((c) => c === '')).toBe(true);
  });

  it('a supplied pas.csv (synthetic values, in a temporary copy) brings the PAS indicators and the police measure into the run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wardrank-pas-'));
    try {
      for (const f of readdirSync(LONDON)) if (f !== 'sources') copyFileSync(join(LONDON, f), join(dir, f));
      const template = readLondonCsv('pas.template.csv');
      // Synthetic survey shares, generated: 40 + (ward index × 7 + column × 13) mod 50.
      const cell = (i: number, j: number) => String(40 + ((i * 7 + j * 13) % 50));
      const synthetic = template.rows.map((r, i) => [r[0], r[1], ...r.slice(2).map((_, j) => cell(i, j))]);
      writeFileSync(join(dir, 'pas.csv'), formatCsv(template.header, synthetic));
      const { loaded, problems } = validateFramework(join(dir, 'framework.yaml'));
      expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
      const excluded = new Set(loaded!.inputs.excluded.map((e) => e.id));
      for (const r of rows.filter((x) => x.file === 'pas.csv')) expect(excluded.has(r.id), r.id).toBe(false);
      expect(loaded!.inputs.data.pas_police_good_job.values.length).toBe(633);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
