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

/**
 * columns.csv rows for areas.csv (written by the geo build): file, column, description, unit, period, source, method.
 */
export const AREAS_COLUMNS_2022: string[][] = [
  [
    'areas.csv',
    'code',
    'Area code: December 2022 ward code (WD22CD), or E09000001 for the City of London as one area',
    'code',
    'December 2022 wards',
    'ONS Wards (December 2022) Boundaries UK BGC; ONS LAD (May 2021) BGC for the City; OGL v3.0',
    'as published',
  ],
  [
    'areas.csv',
    'name',
    'Ward name (WD22NM); "City of London" for the City',
    'text',
    'December 2022 wards',
    'ONS; OGL v3.0',
    'as published',
  ],
  [
    'areas.csv',
    'borough_code',
    'Borough (local authority district) code',
    'code',
    'December 2022',
    'ONS (LAD22CD); OGL v3.0',
    'as published',
  ],
  ['areas.csv', 'borough_name', 'Borough name', 'text', 'December 2022', 'ONS (LAD22NM); OGL v3.0', 'as published'],
  [
    'areas.csv',
    'inner_outer',
    'Inner or Outer London (ONS statistical definition)',
    'inner | outer',
    '2015',
    'GLA London Borough Profiles (inner_outer_london); OGL v3.0',
    'by borough',
  ],
  [
    'areas.csv',
    'population',
    'Residents, mid-2022: the default denominator',
    'persons',
    'mid-2022',
    'ONS mid-2022 small-area population estimates, as the IoD 2025 File 7 denominators (MHCLG); OGL v3.0',
    "sum over the ward's LSOAs 2021 (ONS LSOA 2021 → ward 2025 best-fit lookup; City wards merged)",
  ],
  [
    'areas.csv',
    'population_census2021',
    'Census 2021 usual residents (check on the default denominator)',
    'persons',
    'Census 2021 (21 March 2021)',
    'ONS Census 2021 postcode estimates via the LSOA 2011 ↔ 2021 lookup (LSOA21Denom); OGL v3.0',
    "sum over the ward's LSOAs 2021 (best-fit lookup)",
  ],
  [
    'areas.csv',
    'workday_population',
    'Workday population estimate: residents + jobs − employed residents (alternative denominator)',
    'persons',
    'residents mid-2022; jobs 2013; employed residents Census 2011',
    'ONS mid-2022; GLA Ward Profiles 2015 (BRES jobs 2013); GLA Ward Atlas (Census 2011 in employment 16-74); OGL v3.0',
    'population + jobs_2013 − in_employment_16_74_2011 (both carried from 2013 wards by the population crosswalk); set to half the residents where lower (2 wards); missing where jobs are not published (2 wards)',
  ],
  [
    'areas.csv',
    'central_activity',
    'Central activity / night-time economy flag (1 = yes)',
    '0/1',
    'jobs and residents 2013; PTAL 2014',
    'GLA Ward Profiles 2015 and Ward Atlas (carried from 2013 wards); OGL v3.0',
    '1 where jobs_2013 > population_2013 and ptal_score_2014 ≥ 6 (PTAL 5 or better), else 0',
  ],
  [
    'areas.csv',
    'lon',
    'Label point longitude (inside the ward)',
    'degrees (WGS84)',
    'December 2022 wards',
    'derived from the ward polygon',
    'centroid if inside, else midpoint of the widest interior stretch of its latitude line',
  ],
  [
    'areas.csv',
    'lat',
    'Label point latitude (inside the ward)',
    'degrees (WGS84)',
    'December 2022 wards',
    'derived from the ward polygon',
    'as lon',
  ],
];

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
  const carried = buildCarriedWards(
    atlas,
    profiles,
    atlasCrosswalk(crosswalk, atlas, areas.codes),
    areas.names,
    CARRIED_2022,
    { label: '2022', file: 'carried_wards.csv' },
  );
  const childPoverty = buildChildPoverty2022(csv('childPoverty'), areas.codes, areas.names);
  const pasSource = LONDON_SOURCES_2022.find((x) => x.id === 'pas')!;
  const pasTable = parsePasCsv(readVerifiedSource(sourcesDir, pasSource), pasSource.vendored);
  const pas = buildPasBoroughs(
    readPasDashboard(pasTable, new Map(areas.boroughCodes.map((c, i) => [c, areas.boroughNames[i]]))),
    areas.boroughCodes,
    areas.boroughNames,
  );
  const boroughs = buildBoroughProfiles(csv('boroughProfiles'));
  const monthly = monthlySeriesCsv(mpsCrime, SERIES_2022, WINDOW_2022.from, WINDOW_2022.to);
  return { iod, crime, carried, childPoverty, pas, boroughs, monthly };
}
