/**
 * What the current (December 2022 wards) index carries from the GLA ward tables on 2013 wards,
 * through the population crosswalk `crosswalk_wards2013_to_wards2022.csv`, and the workday
 * population and central-activity flag derived from it.
 *
 * Kept from the 2018 index's list: the indicators with no current replacement (ambulance and
 * fire events, youth unemployment, life expectancy, childhood obesity, well-being, turnout) and
 * the counts that weigh them. Dropped, because a current source replaces them:
 *  - child poverty 2012 and children in out-of-work households 2014 → DWP children in low-income
 *    families FYE 2023 (native 2022 wards) and IDACI 2025;
 *  - out-of-work benefits 2014, JSA 2015, unemployment 2011 → IoD 2025 employment domain;
 *  - GCSE 2014, pupil absence 2013 → IoD 2025 education: children and young people sub-domain;
 *  - bad health 2011 → IoD 2025 health deprivation and disability domain.
 * Added: jobs in the ward (2013), residents in employment (Census 2011) and the average public
 * transport accessibility score (2014), for the workday population and the central flag.
 * The four event counts (ambulance assaults, weapon injuries, alcohol call-outs, deliberate
 * fires) are carried by residents and flagged as carried event counts (`event: true`): a
 * redrawn ward can inherit events of a neighbouring town centre.
 */
import { columnIndex, type CsvTable } from '../../../src/io/csv.ts';
import { crosswalkFromRows } from '../geo/crosswalkTable.ts';
import type { Crosswalk } from '../geo/crosswalk.ts';
import type { GlaWardTable } from './glaWardTable.ts';
import { ATLAS_POPULATION, CARRIED, type CarrySpec } from './carriedWards.ts';

const KEEP = [
  'population_2011',
  'population_2013',
  'children_0_15_2013',
  'working_age_16_64_2013',
  'economically_active_2011',
  'ambulance_assault_per_year_2012_14',
  'ambulance_weapon_injury_per_year_2012_14',
  'ambulance_alcohol_per_year_2012_14',
  'deliberate_fires_per_year_2012_14',
  'youth_unemployment_pct_2011',
  'life_expectancy_2009_13',
  'obesity_year6_pct_2011_14',
  'obesity_reception_pct_2011_14',
  'subjective_wellbeing_2011_13',
  'turnout_mayoral_2012',
];

const EVENTS = new Set([
  'ambulance_assault_per_year_2012_14',
  'ambulance_weapon_injury_per_year_2012_14',
  'ambulance_alcohol_per_year_2012_14',
  'deliberate_fires_per_year_2012_14',
]);

/** Column names of the carried table used by the workday population and the central flag. */
export const JOBS = 'jobs_2013';
export const EMPLOYED = 'in_employment_16_74_2011';
export const PTAL_SCORE = 'ptal_score_2014';

export const CARRIED_2022: CarrySpec[] = [
  ...CARRIED.filter((s) => KEEP.includes(s.name)).map((s) =>
    s.kind === 'count' && EVENTS.has(s.name) ? { ...s, event: true } : s,
  ),
  {
    kind: 'count',
    name: JOBS,
    sources: ['Number of jobs in area - 2013'],
    fromProfiles: true,
    description: 'Jobs located in the ward (employee jobs and self-employed; ONS BRES via GLA Ward Profiles 2015)',
    unit: 'jobs',
    period: '2013',
  },
  {
    kind: 'count',
    name: EMPLOYED,
    sources: ['Employment; Economic Activity (Numbers) - 2011 Census; In employment (16-74)'],
    description: 'Residents aged 16-74 in employment (Census 2011)',
    unit: 'persons',
    period: '2011 Census',
  },
  {
    kind: 'rate',
    name: PTAL_SCORE,
    sources: ['Average Public Transport Accessibility score - 2014'],
    fromProfiles: true,
    weight: 'population_2013',
    description:
      'Average public transport accessibility level (TfL PTAL on a 1-8 scale: 1 = PTAL 1a … 6 = PTAL 5, 7 = 6a, 8 = 6b), GLA Ward Profiles 2015',
    unit: 'score 1-8',
    period: '2014',
  },
];

/**
 * The crosswalk table (source_code,target_code,share,method) as a Crosswalk whose sources are the
 * atlas codes in atlas order; the atlas's 2013 populations weigh a target's missing inflow.
 */
export function atlasCrosswalk(table: CsvTable, atlas: GlaWardTable, targetCodes: string[]): Crosswalk {
  const cols = ['source_code', 'target_code', 'share', 'method'].map((c) => columnIndex(table, c));
  const rows = table.rows.map((r) => cols.map((i) => r[i].trim()));
  return {
    ...crosswalkFromRows(rows, { file: table.file, sourceCodes: atlas.codes, targetCodes }),
    sourceWeight: atlas.column(ATLAS_POPULATION),
  };
}
