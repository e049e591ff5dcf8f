/**
 * The current London index (data/london/, ONS December 2022 wards) checked against the raw
 * sources vendored in data/london/sources/, recomputed here with plain loops over the parsed CSVs
 * and against figures read off the raw files by hand: determinism, crime counts of named wards,
 * populations against borough totals, PAS values, the IoD 2025 score from its domain ranks, the
 * workday population and central flag, the monthly series, and no 2018 ward code anywhere.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { columnIndex, parseCsv, type CsvTable } from '../../src/io/csv.ts';
import { sha256File, sha256Hex } from '../../src/shared/sha256.ts';
import { loadFramework, validateFramework } from '../../src/io/loadFramework.ts';
import { run } from '../../src/core/run.ts';
import { resultsCsv } from '../../src/io/writeOutputs.ts';
import { buildLondonTables2022, type LondonTables2022 } from '../../scripts/lib/london/buildLondon2022.ts';
import { formatBuiltTable } from '../../scripts/lib/london/builtTable.ts';
import { readVerifiedSource } from '../../scripts/lib/london/loadSources.ts';
import { LONDON_SOURCES_2022 } from '../../scripts/lib/london/sources.ts';
import { exponentialTransform, IMD_DOMAINS, imdScoreFromRanks } from '../../scripts/lib/london/iod2025Wards.ts';
import { parsePasCsv } from '../../scripts/lib/london/pasBorough.ts';
import { CENTRAL_MIN_PTAL_SCORE, WORKDAY_MIN_SHARE } from '../../scripts/lib/london/workdayPopulation.ts';
import { TREND_MIN_BASE } from '../../scripts/lib/london/crimeWards.ts';
import { numberColumn, sum } from './london.ts';

const DIR = resolve(import.meta.dirname, '../../data/london');
const DIR_2018 = resolve(import.meta.dirname, '../../data/london-2018');
const read = (file: string, dir = DIR) => parseCsv(readFileSync(join(dir, file), 'utf-8'), { file });
const raw = (id: string): CsvTable => {
  const s = LONDON_SOURCES_2022.find((x) => x.id === id)!;
  const text = readVerifiedSource(join(DIR, 'sources'), s);
  return id === 'pas' ? parsePasCsv(text, s.vendored) : parseCsv(text, { file: s.vendored });
};
const CITY = 'E09000001';
const WEST_END = 'E05013808';
const FAIRFIELD = 'E05011468';
const HEATHROW_VILLAGES = 'E05013570';

let built: LondonTables2022;
let areas: CsvTable;
let rawCrime: CsvTable;

beforeAll(() => {
  areas = read('areas.csv');
  built = buildLondonTables2022(join(DIR, 'sources'), areas, read('crosswalk_wards2013_to_wards2022.csv'));
  rawCrime = raw('crime');
});

describe('determinism (data/london)', () => {
  it('building twice gives byte-identical tables and monthly series, equal to the committed files and the manifest', () => {
    const again = buildLondonTables2022(join(DIR, 'sources'), areas, read('crosswalk_wards2013_to_wards2022.csv'));
    const manifest = JSON.parse(readFileSync(join(DIR, 'data-manifest.json'), 'utf-8')) as { outputs: { file: string; sha256: string }[] };
    for (const key of ['iod', 'crime', 'carried', 'childPoverty', 'pas', 'boroughs'] as const) {
      const a = sha256Hex(formatBuiltTable(built[key]));
      expect(sha256Hex(formatBuiltTable(again[key]))).toBe(a);
      expect(sha256File(join(DIR, built[key].file)), `${built[key].file} is stale: run npm run data:london`).toBe(a);
      expect(manifest.outputs.find((o) => o.file === built[key].file)?.sha256).toBe(a);
    }
    expect(sha256Hex(again.monthly)).toBe(sha256Hex(built.monthly));
    expect(sha256File(join(DIR, 'monthly_crime.csv'))).toBe(sha256Hex(built.monthly));
  });
});

/** Σ over the raw crime rows of one ward and minor (or major) category, months 202404..202603. */
function rawCount(ward: string, match: (major: string, minor: string) => boolean, from = '202404', to = '202603'): number {
  const [iW, iMaj, iMin] = ['WardCode', 'MajorText', 'MinorText'].map((c) => columnIndex(rawCrime, c));
  const months = rawCrime.header.map((h, i) => [h, i] as const).filter(([h]) => /^\d{6}$/.test(h) && h >= from && h <= to);
  let s = 0;
  for (const r of rawCrime.rows) {
    if (r[iW] !== ward || !match(r[iMaj], r[iMin])) continue;
    for (const [, i] of months) s += Number(r[i]);
  }
  return s;
}

describe('crime_wards.csv (MPS Apr 2024 – Mar 2026, 2022 wards)', () => {
  const crime = () => read('crime_wards.csv');
  // Expected counts read off the raw file (24 months 202404..202603) independently of the build.
  const expected: [string, string, number, number, number][] = [
    // ward, name, violence with injury, robbery of personal property, possession of weapons
    [WEST_END, 'West End', 1565, 2465, 96],
    [FAIRFIELD, 'Fairfield', 863, 376, 89],
    [HEATHROW_VILLAGES, 'Heathrow Villages', 552, 79, 82],
  ];
  it.each(expected)('counts for %s (%s) equal the raw file summed over the 24 complete months', (code, _name, vwi, rob, weap) => {
    const t = crime();
    const get = (c: string) => numberColumn(t, c).get(code);
    expect(rawCount(code, (_, m) => m === 'VIOLENCE WITH INJURY')).toBe(vwi);
    expect(rawCount(code, (_, m) => m === 'ROBBERY OF PERSONAL PROPERTY')).toBe(rob);
    expect(rawCount(code, (_, m) => m === 'POSSESSION OF WEAPONS')).toBe(weap);
    expect(get('violence_with_injury_24m')).toBe(vwi);
    expect(get('robbery_personal_24m')).toBe(rob);
    expect(get('weapon_possession_24m')).toBe(weap);
    const pop = numberColumn(t, 'population').get(code)!;
    expect(get('violence_with_injury_rate')).toBeCloseTo((vwi / pop) * 500, 5);
    // Trend: Apr 2025–Mar 2026 vs Apr 2024–Mar 2025, all violence against the person.
    const prev = rawCount(code, (maj) => maj === 'VIOLENCE AGAINST THE PERSON', '202404', '202503');
    const last = rawCount(code, (maj) => maj === 'VIOLENCE AGAINST THE PERSON', '202504', '202603');
    expect(get('vap_prev12')).toBe(prev);
    expect(get('vap_last12')).toBe(last);
    expect(get('vap_change_pct')).toBeCloseTo((100 * (last - prev)) / prev, 5);
  });

  it('drops the partial first month (Mar 2024: 47 offences in all London) and keeps every other offence', () => {
    const i = rawCrime.header.indexOf('202403');
    expect(sum(rawCrime.rows.map((r) => Number(r[i])))).toBe(47);
    const all = numberColumn(crime(), 'all_crime_24m');
    let total = 0;
    for (const r of rawCrime.rows) for (let m = 0; m < rawCrime.header.length; m++) if (/^\d{6}$/.test(rawCrime.header[m]) && rawCrime.header[m] !== '202403') total += Number(r[m]);
    expect(sum(all.values())).toBe(total);
  });

  it('the City of London is missing (never zero); the 679 MPS wards all have counts', () => {
    const v = numberColumn(crime(), 'violence_with_injury_24m');
    expect(Number.isNaN(v.get(CITY))).toBe(true);
    expect([...v].filter(([c, x]) => c !== CITY && Number.isFinite(x)).length).toBe(679);
  });

  it('Heathrow Villages, listed under "Aviation Security (SO18)", is a Hillingdon ward', () => {
    const iB = columnIndex(rawCrime, 'LookUp_BoroughName');
    expect(new Set(rawCrime.rows.filter((r) => r[columnIndex(rawCrime, 'WardCode')] === HEATHROW_VILLAGES).map((r) => r[iB]))).toEqual(new Set(['Aviation Security (SO18)']));
    const row = areas.rows.find((r) => r[0] === HEATHROW_VILLAGES)!;
    expect([row[columnIndex(areas, 'borough_code')], row[columnIndex(areas, 'borough_name')]]).toEqual(['E09000017', 'Hillingdon']);
  });

  it('the trend is missing exactly where the earlier 12 months hold fewer offences than the guard', () => {
    const t = crime();
    const prev = numberColumn(t, 'robbery_personal_prev12');
    const ch = numberColumn(t, 'robbery_personal_change_pct');
    for (const [code, p] of prev) expect(Number.isNaN(ch.get(code)!), code).toBe(Number.isNaN(p) || p < TREND_MIN_BASE);
  });
});

describe('monthly_crime.csv (contract 1)', () => {
  it('has every ward × series × month of the 24 months, zeros explicit, no City, and sums to the 24-month counts', () => {
    const m = read('monthly_crime.csv');
    expect(m.header).toEqual(['area_code', 'series', 'month', 'count']);
    const wards = new Set(m.rows.map((r) => r[0]));
    expect(wards.size).toBe(679);
    expect(wards.has(CITY)).toBe(false);
    const months = [...new Set(m.rows.map((r) => r[2]))];
    expect(months.length).toBe(24);
    expect([months[0], months[23]]).toEqual(['2024-04', '2026-03']);
    expect(new Set(m.rows.map((r) => r[1]))).toEqual(new Set(['violence_with_injury', 'violence_against_the_person', 'robbery_personal', 'weapon_possession', 'sexual_offences']));
    expect(m.rows.length).toBe(679 * 5 * 24);
    const byWard = new Map<string, number>();
    for (const r of m.rows) if (r[1] === 'violence_with_injury') byWard.set(r[0], (byWard.get(r[0]) ?? 0) + Number(r[3]));
    const vwi = numberColumn(read('crime_wards.csv'), 'violence_with_injury_24m');
    for (const [w, s] of byWard) expect(s, w).toBe(vwi.get(w));
    expect(m.rows.some((r) => r[3] === '0')).toBe(true);
  });

  it('data/london-2018 has its own: 632 wards × 5 series × Sep 2020 – Aug 2022', () => {
    const m = read('monthly_crime.csv', DIR_2018);
    expect(m.rows.length).toBe(632 * 5 * 24);
    const months = [...new Set(m.rows.map((r) => r[2]))];
    expect([months[0], months[23]]).toEqual(['2020-09', '2022-08']);
    const vwi = numberColumn(read('crime_wards.csv', DIR_2018), 'violence_with_injury_24m');
    const s = new Map<string, number>();
    for (const r of m.rows) if (r[1] === 'violence_with_injury') s.set(r[0], (s.get(r[0]) ?? 0) + Number(r[3]));
    for (const [w, v] of s) expect(v, w).toBe(vwi.get(w));
  });
});

describe('populations (areas.csv)', () => {
  it('Census 2021 ward populations sum to each borough total of the raw LSOA file (and London to 8,799,769)', () => {
    const lookup = raw('lsoaWard');
    const census = raw('census2021');
    const [iL, iB] = ['LSOA21CD', 'LAD25CD'].map((c) => columnIndex(lookup, c));
    const boroughOf = new Map(lookup.rows.filter((r) => r[iB].startsWith('E09')).map((r) => [r[iL], r[iB]]));
    const [cL, cD] = ['LSOA21CD', 'LSOA21Denom'].map((c) => columnIndex(census, c));
    const lsoaPop = new Map<string, number>();
    for (const r of census.rows) if (boroughOf.has(r[cL])) lsoaPop.set(r[cL], Number(r[cD]));
    const boroughTotal = new Map<string, number>();
    for (const [l, b] of boroughOf) boroughTotal.set(b, (boroughTotal.get(b) ?? 0) + lsoaPop.get(l)!);
    const [aB, aC] = ['borough_code', 'population_census2021'].map((c) => columnIndex(areas, c));
    const wardSum = new Map<string, number>();
    for (const r of areas.rows) wardSum.set(r[aB], (wardSum.get(r[aB]) ?? 0) + Number(r[aC]));
    expect(wardSum.size).toBe(33);
    for (const [b, t] of boroughTotal) expect(wardSum.get(b), b).toBe(t);
    expect(sum(wardSum.values())).toBe(8_799_769);
  });

  it('mid-2022 populations (the default denominator) sum to the IoD 2025 London total 8,869,043', () => {
    expect(sum(numberColumn(areas, 'population').values())).toBe(8_869_043);
    const iod = numberColumn(read('iod2025_wards.csv'), 'population_mid2022');
    for (const [c, p] of numberColumn(areas, 'population')) expect(iod.get(c), c).toBe(p);
  });

  it('workday population = residents + jobs 2013 − employed residents 2011 (carried), clamped at half the residents; central flag by its rule', () => {
    const carried = read('carried_wards.csv');
    const jobs = numberColumn(carried, 'jobs_2013');
    const employed = numberColumn(carried, 'in_employment_16_74_2011');
    const pop13 = numberColumn(carried, 'population_2013');
    const ptal = numberColumn(carried, 'ptal_score_2014');
    const workday = numberColumn(areas, 'workday_population');
    const central = numberColumn(areas, 'central_activity');
    let clamped = 0;
    for (const [c, r] of numberColumn(areas, 'population')) {
      const w = r + jobs.get(c)! - employed.get(c)!;
      const expected = w < WORKDAY_MIN_SHARE * r ? WORKDAY_MIN_SHARE * r : w;
      if (w < WORKDAY_MIN_SHARE * r) clamped++;
      if (Number.isNaN(w)) expect(Number.isNaN(workday.get(c)!), c).toBe(true);
      else expect(workday.get(c)!, c).toBeCloseTo(expected, 3);
      expect(central.get(c), c).toBe(jobs.get(c)! > pop13.get(c)! && ptal.get(c)! >= CENTRAL_MIN_PTAL_SCORE ? 1 : 0);
    }
    expect(clamped).toBeLessThanOrEqual(2);
    // West End: 11,430 residents, far more workers; the City: flagged too.
    expect(workday.get(WEST_END)! / numberColumn(areas, 'population').get(WEST_END)!).toBeGreaterThan(10);
    expect(central.get(WEST_END)).toBe(1);
    expect(central.get(CITY)).toBe(1);
    // The crime table carries the same two denominators.
    const crime = read('crime_wards.csv');
    for (const [c, w] of numberColumn(crime, 'workday_population')) expect(Number.isNaN(w) ? NaN : w).toEqual(workday.get(c));
  });
});

describe('IoD 2025', () => {
  it('recomputes the published IMD 2025 score of every London LSOA from its seven domain ranks, to the published rounding (±0.0005)', () => {
    const t = raw('iod2025');
    const iScore = columnIndex(t, 'Index of Multiple Deprivation (IMD) Score');
    const iRanks = IMD_DOMAINS.map(([c]) => columnIndex(t, c));
    let worst = 0;
    for (const r of t.rows) {
      const score = imdScoreFromRanks(iRanks.map((i) => Number(r[i])));
      worst = Math.max(worst, Math.abs(score - Number(r[iScore])));
    }
    expect(t.rows.length).toBe(4994);
    expect(worst).toBeLessThanOrEqual(0.0005 + 1e-9);
    // The transformation's ends: the most deprived rank maps to 100, the least to ~0.
    expect(exponentialTransform(1, 33_755)).toBeCloseTo(100, 9);
    expect(exponentialTransform(33_755, 33_755)).toBeLessThan(0.01);
  });

  it('ward income score = Σ (mid-2022 residents × LSOA score) / Σ residents over its LSOAs (hand loop, West End)', () => {
    const t = raw('iod2025');
    const lookup = raw('lsoaWard');
    const lsoas = new Set(lookup.rows.filter((r) => r[columnIndex(lookup, 'WD25CD')] === WEST_END).map((r) => r[columnIndex(lookup, 'LSOA21CD')]));
    const [iL, iS, iP, iD] = ['LSOA code (2021)', 'Income Score (rate)', 'Total population: mid 2022', 'Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)'].map((c) => columnIndex(t, c));
    let num = 0;
    let den = 0;
    let d1 = 0;
    for (const r of t.rows) {
      if (!lsoas.has(r[iL])) continue;
      num += Number(r[iP]) * Number(r[iS]);
      den += Number(r[iP]);
      if (r[iD] === '1') d1++;
    }
    const w = read('iod2025_wards.csv');
    expect(numberColumn(w, 'income_score').get(WEST_END)).toBeCloseTo(num / den, 6);
    expect(numberColumn(w, 'imd_decile1_share').get(WEST_END)).toBeCloseTo(d1 / lsoas.size, 6);
    expect(numberColumn(w, 'number_of_lsoas').get(WEST_END)).toBe(lsoas.size);
  });
});

describe('PAS (MOPAC dashboard, borough level)', () => {
  // Read off the raw file by hand: "0,47" → 0.47. Westminster is "City of Westminster" there;
  // Richmond is "Richmond upon Thames" in Mar 2023 and "Richmond Upon Thames" from Jun 2023.
  const expected: [string, string, number, number, number, number][] = [
    // code, borough, good job Dec 2023, trust Dec 2023, good job mean of 4 quarters 2023, trust mean of 4 quarters 2023
    ['E09000003', 'Barnet', 0.47, 0.7, (0.48 + 0.48 + 0.47 + 0.47) / 4, (0.74 + 0.73 + 0.72 + 0.7) / 4],
    ['E09000033', 'Westminster', 0.6, 0.78, (0.56 + 0.59 + 0.61 + 0.6) / 4, (0.75 + 0.74 + 0.77 + 0.78) / 4],
    ['E09000027', 'Richmond upon Thames', 0.49, 0.66, (0.53 + 0.53 + 0.49 + 0.49) / 4, (0.69 + 0.69 + 0.64 + 0.66) / 4],
  ];
  it.each(expected)('%s (%s) equals the raw file', (code, name, good, trust, good4, trust4) => {
    const t = read('pas_boroughs.csv');
    expect(t.rows.find((r) => r[0] === code)![1]).toBe(name);
    expect(numberColumn(t, 'pas_good_job').get(code)).toBe(good);
    expect(numberColumn(t, 'pas_trust').get(code)).toBe(trust);
    expect(numberColumn(t, 'pas_good_job_4q_mean').get(code)).toBeCloseTo(good4, 6);
    expect(numberColumn(t, 'pas_trust_4q_mean').get(code)).toBeCloseTo(trust4, 6);
  });

  it('covers the 32 MPS boroughs; the City (not surveyed) is missing', () => {
    const t = read('pas_boroughs.csv');
    const v = numberColumn(t, 'pas_good_job');
    expect([...v.values()].filter(Number.isFinite).length).toBe(32);
    expect(Number.isNaN(v.get(CITY)!)).toBe(true);
  });
});

describe('no 2018 ward code in the current index', () => {
  // Wards that boundary reviews left unchanged keep their code (e.g. Tower Hamlets 2014, Southwark
  // 2018): such a code is a current ward too. What must never appear is an abolished 2018 ward,
  // e.g. Coldharbour (E05000420) or the GLA's merged-City code E05009297.
  it('every ward code in data/london is a December 2022 ward (or the City, E09000001); no abolished 2018 ward appears', () => {
    const lookup = raw('lsoaWard');
    const [iW, iB] = ['WD25CD', 'LAD25CD'].map((c) => columnIndex(lookup, c));
    const current = new Set(lookup.rows.filter((r) => r[iB].startsWith('E09')).map((r) => r[iW]));
    expect(current.size).toBe(684);
    const old = new Set(read('areas.csv', DIR_2018).rows.map((r) => r[0]));
    const abolished = new Set([...old].filter((c) => !current.has(c)));
    expect(old.size).toBe(633);
    expect(abolished.has('E05000420')).toBe(true);
    expect(abolished.has('E05000649')).toBe(true);
    expect(abolished.has('E05009297')).toBe(true);
    const files = readdirSync(DIR).filter((f) => /\.(csv|geojson|topojson)$/.test(f) && !f.startsWith('crosswalk_') && f !== 'columns.csv' && f !== 'indicators.csv');
    expect(files).toEqual(expect.arrayContaining(['areas.csv', 'crime_wards.csv', 'monthly_crime.csv', 'wards.geojson', 'adjacency.csv', 'iod2025_wards.csv']));
    for (const f of files) {
      const codes = new Set(readFileSync(join(DIR, f), 'utf-8').match(/E05\d{6}/g) ?? []);
      expect([...codes].filter((c) => abolished.has(c)), f).toEqual([]);
      expect([...codes].filter((c) => !current.has(c)), f).toEqual([]);
    }
    // The crosswalk's source side is 2013 wards by design; its targets are current areas.
    const cw = read('crosswalk_wards2013_to_wards2022.csv');
    expect(cw.rows.filter((r) => !current.has(r[1]) && r[1] !== CITY)).toEqual([]);
  });
});

describe('the framework', () => {
  it('validates with no errors; excluded = no-public-source rows and the absent pas.csv drop-ins', () => {
    const { loaded, problems } = validateFramework(join(DIR, 'framework.yaml'));
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    const ind = read('indicators.csv');
    const st = columnIndex(ind, 'status');
    const opt = columnIndex(ind, 'optional');
    expect(new Set(loaded!.inputs.excluded.map((e) => e.id))).toEqual(new Set(ind.rows.filter((r) => r[st] === 'no-public-source' || r[opt] === 'yes').map((r) => r[0])));
    expect(loaded!.inputs.areas.codes.length).toBe(680);
    expect(Array.from(loaded!.inputs.areas.flags!.central_activity).filter((x) => x === 1).length).toBeGreaterThan(10);
  });
});

describe('the run (acceptance)', () => {
  it('ranks the 679 wards; the City is listed, unranked, its crime missing (never zero); central_activity is a results column', () => {
    const loaded = loadFramework(join(DIR, 'framework.yaml'));
    const result = run(loaded.framework, loaded.inputs);
    const n = result.areas.codes.length;
    expect(n).toBe(680);
    const ranked = result.areas.codes.filter((_, i) => Number.isFinite(result.rank[i]));
    expect(ranked.length).toBe(679);
    const c = result.areas.codes.indexOf(CITY);
    expect(Number.isNaN(result.rank[c])).toBe(true);
    expect(Number.isNaN(result.categories.violent_crime[c])).toBe(true);
    expect(Number.isNaN(result.raw.violence_with_injury[c])).toBe(true);
    const csv = parseCsv(resultsCsv(result), { file: 'results.csv' });
    const iFlag = columnIndex(csv, 'central_activity');
    expect(csv.rows.find((r) => r[0] === WEST_END)![iFlag]).toBe('1');
    expect(csv.rows.find((r) => r[0] === FAIRFIELD)![iFlag]).toBe('0');
    // Smoothed rare-event rates are in the results beside the crude ones.
    expect(csv.header).toEqual(expect.arrayContaining(['homicide_raw', 'homicide_smoothed', 'weapon_possession_smoothed']));
  });
});

describe('columns.csv', () => {
  it('describes every column of every data/london table (areas.csv included) with a period, a source and a method', () => {
    const dict = read('columns.csv');
    const [f, c, p, src, m] = ['file', 'column', 'period', 'source', 'method'].map((k) => columnIndex(dict, k));
    const described = new Set(dict.rows.map((r) => `${r[f]}:${r[c]}`));
    for (const r of dict.rows) for (const k of [p, src, m]) expect(r[k].trim(), `${r[f]}:${r[c]}`).not.toBe('');
    for (const file of ['areas.csv', 'crime_wards.csv', 'iod2025_wards.csv', 'child_poverty_wards.csv', 'pas_boroughs.csv', 'carried_wards.csv', 'borough_profiles.csv']) {
      const header = read(file).header.filter((h) => file === 'areas.csv' || (h !== 'code' && h !== 'name'));
      for (const h of header) expect(described.has(`${file}:${h}`), `${file}:${h}`).toBe(true);
    }
  });
});

describe('data dictionary (data/london/README.md)', () => {
  it('documents every indicator with its kind, every pas.csv column, the default denominator and the OGL attribution', () => {
    const readme = readFileSync(join(DIR, 'README.md'), 'utf-8');
    const ind = read('indicators.csv');
    for (const r of ind.rows) expect(readme, r[0]).toContain(`| \`${r[0]}\` |`);
    for (const c of read('pas.template.csv').header.slice(2)) expect(readme, c).toContain(`\`${c}\``);
    expect(readme).toContain('Contains public sector information licensed under the Open Government Licence v3.0');
    expect(readme).toContain('`denominator: population`');
    expect(readme).toContain('What changed from the 2018 index');
  });
});
