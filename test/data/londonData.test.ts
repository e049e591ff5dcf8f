/**
 * The committed London tables checked against the raw sources (vendored in
 * data/london-2018/sources/), recomputed independently here with plain loops over the parsed CSV:
 * determinism, crime totals per category, coverage per indicator, crosswalk conservation of
 * London totals, and the Arrow copy of the ward table.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { columnIndex, parseCsv, type CsvTable } from '../../src/io/csv.ts';
import { sha256File, sha256Hex } from '../../src/shared/sha256.ts';
import { buildLondonTables, type LondonTables } from '../../scripts/lib/london/buildLondon.ts';
import { toArrowIpc } from '../../src/io/arrow.ts';
import { builtTableColumns, formatBuiltTable } from '../../scripts/lib/london/builtTable.ts';
import { joinWardTables } from '../../scripts/lib/london/joinWardTables.ts';
import { CARRIED } from '../../scripts/lib/london/carriedWards.ts';
import { minorId, TREND_MIN_BASE } from '../../scripts/lib/london/crimeWards.ts';
import { loadLondonSources, readVerifiedSource, type LondonSources } from '../../scripts/lib/london/loadSources.ts';
import { sourceById } from '../../scripts/lib/london/sources.ts';
import { countPresent, LONDON, numberColumn, readLondonCsv, SOURCES, sum } from './london.ts';

const CITY = 'E05009297';
let src: LondonSources;
let crosswalk: CsvTable;
let built: LondonTables;
let rawCrime: CsvTable;

beforeAll(() => {
  src = loadLondonSources(SOURCES);
  crosswalk = readLondonCsv('crosswalk_wards2013_to_wards2018.csv');
  built = buildLondonTables(src, crosswalk);
  rawCrime = parseCsv(readVerifiedSource(SOURCES, sourceById('crime')), { file: 'crime' });
});

describe('determinism', () => {
  it('building twice gives byte-identical tables, equal to the committed files and the manifest', () => {
    const again = buildLondonTables(loadLondonSources(SOURCES), crosswalk);
    const manifest = JSON.parse(readFileSync(join(LONDON, 'data-manifest.json'), 'utf-8')) as { outputs: { file: string; sha256: string }[]; inputs: { file: string; sha256: string }[] };
    for (const key of ['imd', 'crime', 'carried', 'boroughs'] as const) {
      const a = sha256Hex(formatBuiltTable(built[key]));
      expect(sha256Hex(formatBuiltTable(again[key]))).toBe(a);
      expect(sha256File(join(LONDON, built[key].file)), `${built[key].file} is stale: run npm run data:london`).toBe(a);
      expect(manifest.outputs.find((o) => o.file === built[key].file)?.sha256).toBe(a);
    }
    const arrow = (t: LondonTables) => sha256Hex(toArrowIpc(builtTableColumns(joinWardTables('ward_indicators.arrow', [t.imd, t.crime, t.carried]))));
    expect(arrow(again)).toBe(arrow(built));
    expect(sha256File(join(LONDON, 'ward_indicators.arrow'))).toBe(arrow(built));
    expect(manifest.inputs.find((i) => i.file === 'crosswalk_wards2013_to_wards2018.csv')?.sha256).toBe(sha256File(join(LONDON, 'crosswalk_wards2013_to_wards2018.csv')));
  });
});

describe('crime_wards.csv', () => {
  it('sum over wards of every minor category equals the raw file total for that category', () => {
    const iMinor = columnIndex(rawCrime, 'MinorText');
    const months = rawCrime.header.map((h, i) => [h, i] as const).filter(([h]) => /^\d{6}$/.test(h));
    expect(months).toHaveLength(24);
    const raw = new Map<string, number>();
    let all = 0;
    for (const r of rawCrime.rows) {
      let s = 0;
      for (const [, i] of months) s += Number(r[i]);
      raw.set(r[iMinor], (raw.get(r[iMinor]) ?? 0) + s);
      all += s;
    }
    expect(raw.size).toBe(54);
    expect(all).toBe(1586823); // London total stated in the provenance note
    const table = readLondonCsv('crime_wards.csv');
    for (const [minor, total] of raw) expect(sum(numberColumn(table, `${minorId(minor)}_24m`).values()), minor).toBe(total);
    expect(sum(numberColumn(table, 'all_crime_24m').values())).toBe(all);
    expect(sum(numberColumn(table, 'knife_offences_24m').values())).toBe(raw.get('Possession of Article with Blade or Point')! + raw.get('Other Knife Offences')!);
  });

  it('covers the 632 MPS wards; the City of London is missing, never zero', () => {
    const table = readLondonCsv('crime_wards.csv');
    expect(table.rows).toHaveLength(633);
    for (const c of table.header.filter((h) => h.endsWith('_24m') || h.endsWith('_rate'))) {
      const v = numberColumn(table, c);
      expect(countPresent(v.values()), c).toBe(632);
      expect(v.get(CITY), c).toBeNaN();
    }
  });

  it('violence with injury rate for Abbey (E05000026) is its 24-month count / 14,370 × 1000 / 2', () => {
    const iWard = columnIndex(rawCrime, 'WardCode');
    const iMinor = columnIndex(rawCrime, 'MinorText');
    const row = rawCrime.rows.find((r) => r[iWard] === 'E05000026' && r[iMinor] === 'Violence with Injury')!;
    const n = row.slice(5).reduce((a, b) => a + Number(b), 0);
    const rate = numberColumn(readLondonCsv('crime_wards.csv'), 'violence_with_injury_rate').get('E05000026')!;
    expect(rate).toBeCloseTo((n / 14370) * 500, 5);
  });

  it('the trend is missing exactly where the previous 12 months have fewer than the guard count', () => {
    const table = readLondonCsv('crime_wards.csv');
    const prev = numberColumn(table, 'robbery_personal_prev12');
    const last = numberColumn(table, 'robbery_personal_last12');
    const change = numberColumn(table, 'robbery_personal_change_pct');
    let guarded = 0;
    for (const [code, p] of prev) {
      if (code === CITY) continue;
      if (p < TREND_MIN_BASE) {
        guarded++;
        expect(change.get(code)).toBeNaN();
      } else expect(change.get(code)).toBeCloseTo((100 * (last.get(code)! - p)) / p, 5);
    }
    expect(guarded).toBeGreaterThan(0);
    expect(countPresent(numberColumn(table, 'vap_change_pct').values())).toBe(632); // every MPS ward has ≥ 62 VAP offences a year
  });
});

describe('imd_wards.csv', () => {
  it('has 633 areas with the City named "City of London" and populations summing to the IoD 2019 London total', () => {
    const t = readLondonCsv('imd_wards.csv');
    expect(t.rows).toHaveLength(633);
    const name = t.rows.find((r) => r[0] === CITY)![columnIndex(t, 'name')];
    expect(name).toBe('City of London');
    expect(sum(numberColumn(t, 'population').values())).toBeCloseTo(8662622, 3);
    for (const c of ['imd_average_score', 'income_score', 'employment_score', 'idaci_score']) expect(countPresent(numberColumn(t, c).values())).toBe(633);
  });
});

describe('carried_wards.csv (2013 wards → 2018 wards)', () => {
  it('preserves the London total of every apportioned count within 0.1 %', () => {
    // Independent read of the atlas: plain CSV parse of the Latin-1 text, ward rows by code.
    const atlas = parseCsv(readVerifiedSource(SOURCES, sourceById('atlas')), { file: 'atlas' });
    const iCode = columnIndex(atlas, 'New Code');
    const wardRows = atlas.rows.filter((r) => r[iCode].startsWith('E05') || r[iCode] === 'E09000001');
    expect(wardRows).toHaveLength(625);
    const carried = readLondonCsv('carried_wards.csv');
    for (const spec of CARRIED.filter((s) => s.kind === 'count')) {
      let total = 0;
      for (const c of spec.sources) {
        const i = columnIndex(atlas, c);
        for (const r of wardRows) total += Number(r[i]);
      }
      total /= spec.sources.length;
      const out = sum(numberColumn(carried, spec.name).values());
      expect(Math.abs(out / total - 1), spec.name).toBeLessThan(0.001);
    }
  });

  it('keeps every carried rate within the range of the published 2013-ward values (a weighted mean cannot leave it)', () => {
    const carried = readLondonCsv('carried_wards.csv');
    for (const spec of CARRIED.filter((s) => s.kind === 'rate')) {
      const table = spec.fromProfiles ? src.wardProfiles : src.atlas;
      const source = table.column(spec.sources[0]).filter((v) => !Number.isNaN(v));
      const lo = Math.min(...source);
      const hi = Math.max(...source);
      for (const v of numberColumn(carried, spec.name).values())
        if (!Number.isNaN(v)) expect(v >= lo - 1e-6 && v <= hi + 1e-6, spec.name).toBe(true);
    }
  });

  it('agrees with the GLA ward profiles 2015 (an independent file) for wards the 2018 boundaries left unchanged', () => {
    const cw = new Map<string, string[]>();
    const [iS, iT] = ['source_code', 'target_code'].map((c) => columnIndex(crosswalk, c));
    for (const r of crosswalk.rows) cw.set(r[iS], [...(cw.get(r[iS]) ?? []), r[iT]]);
    const unchanged = [...cw].filter(([s, t]) => t.length === 1 && t[0] === s).map(([s]) => s);
    expect(unchanged.length).toBeGreaterThan(300);
    const carried = readLondonCsv('carried_wards.csv');
    const pairs: [string, string][] = [
      ['turnout_mayoral_2012', 'Turnout at Mayoral election - 2012'],
      ['gcse_capped_score_2014', 'Average GCSE capped point scores - 2014'],
      ['obesity_year6_pct_2011_14', '% children in year 6 who are obese- 2011/12 to 2013/14'],
    ];
    for (const [ours, theirs] of pairs) {
      const mine = numberColumn(carried, ours);
      const prof = src.wardProfiles.column(theirs);
      const index = new Map(src.wardProfiles.codes.map((c, i) => [c, i]));
      let checked = 0;
      for (const code of unchanged) {
        const t = mine.get(code)!;
        // A 2013 ward kept whole may still receive slivers of a neighbour: only fully unchanged targets compare.
        const inflow = [...cw].filter(([, ts]) => ts.includes(code));
        if (inflow.length !== 1 || Number.isNaN(t) || !index.has(code)) continue;
        expect(Math.abs(t - prof[index.get(code)!]), `${ours} ${code}`).toBeLessThanOrEqual(0.05 + 1e-9);
        checked++;
      }
      expect(checked).toBeGreaterThan(300);
    }
  });
});

describe('borough_profiles.csv', () => {
  it('has the 33 boroughs keyed by code; the City lacks the values the GLA did not publish for it', () => {
    const t = readLondonCsv('borough_profiles.csv');
    expect(t.rows).toHaveLength(33);
    expect(new Set(t.rows.map((r) => r[0])).size).toBe(33);
    const neet = numberColumn(t, 'proportion_of_16_18_year_olds_who_are_neet_pc_2014');
    expect(neet.get('E09000001')).toBeNaN();
    expect(neet.get('E09000002')).toBe(5.7); // Barking and Dagenham, as published
    expect(countPresent(numberColumn(t, 'life_satisfaction_score_2011_14_out_of_10').values())).toBe(33);
  });
});

describe('ward_indicators.arrow', () => {
  it('holds the joined ward tables: same values as the CSVs, nulls where missing', () => {
    const table = tableFromIPC(readFileSync(join(LONDON, 'ward_indicators.arrow')));
    expect(table.numRows).toBe(633);
    const codes = table.getChild('code')!.toArray() as string[];
    const csv = numberColumn(readLondonCsv('crime_wards.csv'), 'violence_with_injury_rate');
    const col = table.getChild('violence_with_injury_rate')!;
    codes.forEach((code, i) => {
      const v = col.get(i) as number | null;
      if (code === CITY) expect(v).toBeNull();
      else expect(v).toBe(csv.get(code));
    });
    expect(table.getChild('life_expectancy_2009_13')).toBeTruthy();
    expect(table.getChild('idaci_score')).toBeTruthy();
  });
});
