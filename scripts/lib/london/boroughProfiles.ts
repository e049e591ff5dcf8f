/**
 * Borough-level stand-ins from the GLA London Borough Profiles (the release A. Ballatore
 * cleaned as "2015"; its columns carry their own years, 2011–2017). 33 boroughs keyed by
 * borough GSS code. Empty cells (mostly the City of London) stay missing.
 */
import { InputError } from '../../../src/core/errors.ts';
import { columnIndex, type CsvTable } from '../../../src/io/csv.ts';
import { csvNumberColumn } from '../../../src/io/csvNumberColumn.ts';
import { addColumn, type BuiltTable } from './builtTable.ts';

const SOURCE = 'GLA, London Borough Profiles (London Datastore; cleaned by A. Ballatore); OGL v3.0';

/** [source column, description, unit, period, underlying source]. Column names are kept as published. */
export const BOROUGH_COLUMNS: [string, string, string, string, string][] = [
  ['gla_population_estimate_2017', 'GLA population estimate', 'persons', '2017', 'GLA population projections'],
  [
    'youth_unemployment_claimant_rate_18_24_dec_15',
    'Claimant rate, residents aged 18-24',
    '%',
    'Dec 2015',
    'ONS/DWP claimant count',
  ],
  [
    'proportion_of_16_18_year_olds_who_are_neet_pc_2014',
    '16-18 year olds not in education, employment or training (NEET)',
    '%',
    '2014',
    'DfE NEET statistics',
  ],
  [
    'rates_of_children_looked_after_2016',
    'Children looked after per 10,000 children under 18',
    'per 10,000 children',
    '2016 (31 March)',
    'DfE children looked after',
  ],
  [
    'teenage_conception_rate_2014',
    'Conceptions per 1,000 women aged 15-17',
    'per 1,000 women 15-17',
    '2014',
    'ONS conception statistics',
  ],
  [
    'mortality_rate_from_causes_considered_preventable_2012_14',
    'Directly age-standardised mortality from causes considered preventable',
    'per 100,000',
    '2012-14',
    'PHE Public Health Outcomes Framework',
  ],
  [
    'life_satisfaction_score_2011_14_out_of_10',
    'ONS personal well-being: mean life satisfaction',
    'score 0-10',
    '2011/12-2013/14',
    'ONS Annual Population Survey',
  ],
  [
    'worthwhileness_score_2011_14_out_of_10',
    'ONS personal well-being: mean "things I do are worthwhile"',
    'score 0-10',
    '2011/12-2013/14',
    'ONS Annual Population Survey',
  ],
  [
    'happiness_score_2011_14_out_of_10',
    'ONS personal well-being: mean happiness yesterday',
    'score 0-10',
    '2011/12-2013/14',
    'ONS Annual Population Survey',
  ],
  [
    'anxiety_score_2011_14_out_of_10',
    'ONS personal well-being: mean anxiety yesterday (higher = more anxious)',
    'score 0-10',
    '2011/12-2013/14',
    'ONS Annual Population Survey',
  ],
  [
    'pc_adults_that_volunteered_in_past_12_months_2010_11_to_2012_13',
    'Adults who volunteered in the past 12 months',
    '%',
    '2010/11-2012/13',
    'Cabinet Office / DCMS Taking Part & Active People surveys',
  ],
  [
    'turnout_at_2014_local_elections',
    'Turnout at the 2014 borough council elections',
    '%',
    'May 2014',
    'London borough council elections 2014 (GLA)',
  ],
  [
    'unemployment_rate_2015',
    'Unemployment rate (model-based, residents 16+)',
    '%',
    '2015',
    'ONS Annual Population Survey',
  ],
  ['employment_rate_pc_2015', 'Employment rate, residents 16-64', '%', '2015', 'ONS Annual Population Survey'],
  [
    'proportion_of_the_working_age_population_who_claim_out_of_work_benefits_pc_may_2016',
    'Working-age residents claiming out-of-work benefits',
    '%',
    'May 2016',
    'DWP benefit statistics',
  ],
  [
    'pc_children_living_in_out_of_work_households_2015',
    'Children living in out-of-work households',
    '%',
    '2015',
    'ONS household statistics',
  ],
  [
    'achievement_of_5_or_more_a_c_grades_at_gcse_or_equivalent_including_english_and_maths_2013_14',
    'Pupils with 5+ GCSEs at A*-C incl. English and maths',
    '%',
    '2013/14',
    'DfE',
  ],
  [
    'childhood_obesity_prevalance_pc_2015_16',
    'Obese children (Year 6)',
    '%',
    '2015/16',
    'NHS National Child Measurement Programme',
  ],
  ['male_life_expectancy_2012_14', 'Male life expectancy at birth', 'years', '2012-14', 'ONS'],
  ['female_life_expectancy_2012_14', 'Female life expectancy at birth', 'years', '2012-14', 'ONS'],
  ['crime_rates_per_thousand_population_2014_15', 'Recorded crime per 1,000 residents', 'per 1,000', '2014/15', 'MPS'],
  [
    'ambulance_incidents_per_hundred_population_2014',
    'Ambulance incidents per 100 residents',
    'per 100',
    '2014',
    'London Ambulance Service',
  ],
  ['modelled_household_median_income_estimates_2012_13', 'Modelled median household income', '£', '2012/13', 'GLA'],
  [
    'proportion_of_working_age_people_with_no_qualifications_pc_2015',
    'Working-age people with no qualifications',
    '%',
    '2015',
    'ONS Annual Population Survey',
  ],
];

export function buildBoroughProfiles(table: CsvTable): BuiltTable {
  const iCode = columnIndex(table, 'gss');
  const iName = columnIndex(table, 'name');
  const order = table.rows.map((_, r) => r).sort((a, b) => (table.rows[a][iCode] < table.rows[b][iCode] ? -1 : 1));
  const codes = order.map((r) => table.rows[r][iCode].trim());
  for (let k = 0; k < codes.length; k++) {
    if (!/^E09\d{6}$/.test(codes[k]) || (k > 0 && codes[k] === codes[k - 1])) {
      throw new InputError(`"${codes[k]}" is not a unique London borough code`, {
        file: table.file,
        row: order[k] + 2,
        column: 'gss',
        expected: 'one row per borough, code E09……',
      });
    }
  }
  const out: BuiltTable = {
    file: 'borough_profiles.csv',
    codes,
    names: order.map((r) => table.rows[r][iName].trim()),
    labels: [],
    columns: [],
    values: {},
  };
  for (const [col, description, unit, period, underlying] of BOROUGH_COLUMNS) {
    const values = csvNumberColumn(table, order, col);
    addColumn(
      out,
      {
        name: col,
        description,
        unit,
        period,
        source: `${SOURCE}; originally ${underlying}`,
        method: 'as published (borough level; the engine gives each ward its borough value)',
      },
      values,
    );
  }
  return out;
}
