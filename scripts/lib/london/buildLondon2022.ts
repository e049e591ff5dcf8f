/**
 * All derived tables of the current London index (December 2022 wards) from the vendored
 * sources in data/london/sources/, the base areas (data/london/areas.csv, written by the geo
 * build) and the 2013 → 2022 crosswalk: a pure function of its inputs, so two builds give
 * byte-identical files.
 */
import { InputError } from '../../../src/core/errors.ts';
import { columnIndex, parseCsv, type CsvTable } from '../../../src/io/csv.ts';
import { parseNumberCell } from '../../../src/io/numbers.ts';
import { buildBoroughProfiles } from './boroughProfiles.ts';
import type { BuiltTable } from './builtTable.ts';
import { buildCarriedWards } from './carriedWards.ts';
import { atlasCrosswalk, CARRIED_2022 } from './carried2022.ts';
import { buildChildPoverty2022 } from './childPoverty2022.ts';
import { buildCrimeWards2022, WINDOW_2022 } from './crimeWards2022.ts';
import { readGlaWardTable } from './glaWardTable.ts';
import { buildIod2025Wards, readIod2025 } from './iod2025Wards.ts';
import { readVerifiedSource } from './loadSources.ts';
import { readLsoaWardLookup } from './lsoaWards.ts';
import { monthlySeriesCsv, SERIES_2022 } from './monthlyCrime.ts';
import { readMpsWardCrime } from './mpsWardCrime.ts';
import { buildPasBoroughs, parsePasCsv, readPasDashboard } from './pasBorough.ts';
import { LONDON_SOURCES_2022 } from './sources.ts';

export interface BaseAreas2022 {
  codes: string[];
  names: string[];
  boroughCodes: string[];
  boroughNames: string[];
  population: Float64Array;
  workdayPopulation: Float64Array;
}

/** The base areas as the geo build wrote them (areas.csv). */
export function readBaseAreas(table: CsvTable): BaseAreas2022 {
  const col = (c: string) => columnIndex(table, c);
  const num = (c: string) => {
    const i = col(c);
    return Float64Array.from(table.rows, (r, k) => {
      const p = parseNumberCell(r[i]);
      if (!p.ok) throw new InputError(p.problem, { file: table.file, row: k + 2, column: c, expected: p.expected });
      return p.value;
    });
  };
  const [code, name] = [col('code'), col('name')];
  const codes = table.rows.map((r) => r[code]);
  const boroughs = new Map<string, string>();
  const [bc, bn] = [col('borough_code'), col('borough_name')];
  for (const r of table.rows) boroughs.set(r[bc], r[bn]);
  const boroughCodes = [...boroughs.keys()].sort();
  return {
    codes,
    names: table.rows.map((r) => r[name]),
    boroughCodes,
    boroughNames: boroughCodes.map((c) => boroughs.get(c)!),
    population: num('population'),
    workdayPopulation: num('workday_population'),
  };
}

export interface LondonTables2022 {
  iod: BuiltTable;
  crime: BuiltTable;
  carried: BuiltTable;
  childPoverty: BuiltTable;
  pas: BuiltTable;
  boroughs: BuiltTable;
  /** monthly_crime.csv text (contract 1). */
  monthly: string;
}

export function buildLondonTables2022(sourcesDir: string, areasCsv: CsvTable, crosswalk: CsvTable): LondonTables2022 {
  const csv = (id: string) => {
    const s = LONDON_SOURCES_2022.find((x) => x.id === id)!;
    return parseCsv(readVerifiedSource(sourcesDir, s), { file: s.vendored });
  };
  const areas = readBaseAreas(areasCsv);
  const lookup = readLsoaWardLookup(csv('lsoaWard'));
  const iod = buildIod2025Wards(readIod2025(csv('iod2025')), lookup, areas.codes, areas.names);
  const mpsCrime = readMpsWardCrime(csv('crime'));
  const crime = buildCrimeWards2022(mpsCrime, areas);
  const atlas = readGlaWardTable(csv('atlas'), { codeColumn: 'New Code', skipRows: 1 });
  const profiles = readGlaWardTable(csv('wardProfiles'), { codeColumn: 'New code' });
  const carried = buildCarriedWards(atlas, profiles, atlasCrosswalk(crosswalk, atlas, areas.codes), areas.names, CARRIED_2022, { label: '2022', file: 'carried_wards.csv' });
  const childPoverty = buildChildPoverty2022(csv('childPoverty'), areas.codes, areas.names);
  const pasSource = LONDON_SOURCES_2022.find((x) => x.id === 'pas')!;
  const pasTable = parsePasCsv(readVerifiedSource(sourcesDir, pasSource), pasSource.vendored);
  const pas = buildPasBoroughs(readPasDashboard(pasTable, new Map(areas.boroughCodes.map((c, i) => [c, areas.boroughNames[i]]))), areas.boroughCodes, areas.boroughNames);
  const boroughs = buildBoroughProfiles(csv('boroughProfiles'));
  const monthly = monthlySeriesCsv(mpsCrime, SERIES_2022, WINDOW_2022.from, WINDOW_2022.to);
  return { iod, crime, carried, childPoverty, pas, boroughs, monthly };
}
