/**
 * Ward-level Indices of Deprivation 2019 for London on GLA 2018 wards (GLA "ward level summary
 * measures", cleaned by A. Ballatore): the base list of 633 areas (632 wards + the City of
 * London as one area) and their mid-2015 populations, which are the IoD 2019 denominators
 * (they sum to the 4,835 London LSOAs' mid-2015 totals, 8,662,622).
 */
import { InputError } from '../../../src/core/errors.ts';
import { columnIndex, type CsvTable } from '../../../src/io/csv.ts';
import { csvNumberColumn } from '../../../src/io/csvNumberColumn.ts';
import { addColumn, type BuiltTable } from './builtTable.ts';

export const CITY_OF_LONDON_WARD = 'E05009297';
const SOURCE = 'GLA, Indices of Deprivation 2019 ward level summary measures for London (MHCLG IoD 2019); OGL v3.0';

/** Numeric IMD columns kept, with their meaning. Scores: higher = more deprived; ranks: 1 = most deprived in London. */
const IMD_COLUMNS: [string, string, string][] = [
  ['population', 'Total population, mid-2015 (IoD 2019 denominator, excluding prisoners)', 'persons'],
  ['working_age_population', 'Working-age population 18-59/64, mid-2015 (employment domain denominator)', 'persons'],
  ['child_population', 'Dependent children aged 0-15, mid-2015 (IDACI denominator)', 'persons'],
  ['16_59_population', 'Population aged 16-59, mid-2015', 'persons'],
  ['old_age_population', 'Population aged 60+, mid-2015 (IDAOPI denominator)', 'persons'],
  ['imd_average_score', 'IMD 2019 population-weighted average LSOA score (higher = more deprived)', 'score'],
  ['imd_average_score_rank', 'Rank of IMD average score within London (1 = most deprived)', 'rank'],
  ['imd_average_rank', 'Population-weighted average of LSOA IMD ranks (1 = most deprived in England)', 'rank'],
  ['imd_average_rank_rank', 'Rank of IMD average rank within London (1 = most deprived)', 'rank'],
  ['imd_extent_pc', 'IMD extent: share of population in the most deprived 30 % of LSOAs (sliding scale)', 'proportion'],
  ['imd_extent_rank', 'Rank of IMD extent within London (1 = most deprived)', 'rank'],
  ['rank_of_worst_lsoa', "England rank of the ward's most deprived LSOA", 'rank'],
  ['number_of_lsoas', 'Number of LSOAs in the ward', 'count'],
  ['lsoas_in_worst_5pc', 'LSOAs in the most deprived 5 % in England', 'count'],
  ['lsoas_in_worst_10pc', 'LSOAs in the most deprived 10 % in England', 'count'],
  ['lsoas_in_worst_20pc', 'LSOAs in the most deprived 20 % in England', 'count'],
  ['lsoas_in_worst_50pc', 'LSOAs in the most deprived 50 % in England', 'count'],
  ['income_scale', 'Income deprivation: number of income-deprived people', 'persons'],
  ['income_score', 'Income deprivation score: share of population income-deprived', 'proportion'],
  ['income_rank', 'Rank of income score within London (1 = most deprived)', 'rank'],
  ['employment_scale', 'Employment deprivation: number of employment-deprived people', 'persons'],
  [
    'employment_score',
    'Employment deprivation score: share of working-age population involuntarily out of work',
    'proportion',
  ],
  ['employment_rank', 'Rank of employment score within London (1 = most deprived)', 'rank'],
  ['idaci_scale', 'IDACI: number of children 0-15 in income-deprived families', 'persons'],
  [
    'idaci_score',
    'Income Deprivation Affecting Children Index: share of children 0-15 in income-deprived families',
    'proportion',
  ],
  ['idaci_score_rank', 'Rank of IDACI score within London (1 = most deprived)', 'rank'],
  ['idaopi_scale', 'IDAOPI: number of people 60+ income-deprived', 'persons'],
  [
    'idaopi_score',
    'Income Deprivation Affecting Older People Index: share of people 60+ income-deprived',
    'proportion',
  ],
  ['idaopi_score_rank', 'Rank of IDAOPI score within London (1 = most deprived)', 'rank'],
];

/** The IMD table: code, name, borough_name and the numeric columns, sorted by code. */
export function buildImdWards(table: CsvTable): BuiltTable {
  const iCode = columnIndex(table, 'ward_code');
  const iGss = columnIndex(table, 'GSS');
  const iName = columnIndex(table, 'ward_name');
  const iBorough = columnIndex(table, 'borough');
  const order = table.rows.map((_, r) => r).sort((a, b) => (table.rows[a][iCode] < table.rows[b][iCode] ? -1 : 1));
  const codes: string[] = [];
  for (const r of order) {
    const code = table.rows[r][iCode].trim();
    if (code !== table.rows[r][iGss].trim()) {
      throw new InputError(`ward_code ${code} differs from GSS ${table.rows[r][iGss]}`, {
        file: table.file,
        row: r + 2,
        column: 'GSS',
        expected: 'the same code in both columns',
      });
    }
    if (codes.length && codes[codes.length - 1] === code) {
      throw new InputError(`ward ${code} appears twice`, {
        file: table.file,
        row: r + 2,
        column: 'ward_code',
        expected: 'one row per ward',
      });
    }
    codes.push(code);
  }
  // The GLA files name the merged City polygon after one of its wards; it stands for the whole City.
  const names = order.map((r, k) =>
    codes[k] === CITY_OF_LONDON_WARD ? 'City of London' : table.rows[r][iName].trim(),
  );
  const boroughs = order.map((r) => table.rows[r][iBorough].trim());
  const out: BuiltTable = {
    file: 'imd_wards.csv',
    codes,
    names,
    labels: [{ name: 'borough_name', values: boroughs }],
    columns: [],
    values: {},
  };
  for (const [col, description, unit] of IMD_COLUMNS) {
    const values = csvNumberColumn(table, order, col);
    addColumn(
      out,
      {
        name: col,
        description,
        unit,
        period: col.includes('population') ? 'mid-2015' : 'IoD 2019 (data mostly 2015/16)',
        source: SOURCE,
        method: 'as published',
      },
      values,
    );
  }
  return out;
}
