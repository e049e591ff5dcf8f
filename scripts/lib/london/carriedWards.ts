/**
 * Ward indicators published on 2013 wards (GLA Ward Profiles and Atlas), carried onto GLA 2018
 * wards through a population-weighted crosswalk (src/geo/crosswalk.ts):
 *  - counts are apportioned: y_j = Σ_i s_ij x_i;
 *  - rates published with their numerator and denominator are not carried as rates: both
 *    counts are carried and the framework divides them (value = numerator / denominator);
 *  - rates published without counts are averaged weighted by the apportioned size of the
 *    population they are a rate of: r_j = Σ_i s_ij P_i r_i / Σ_i s_ij P_i.
 * The method of every column is recorded in its description (and in columns.csv).
 */
import { apportionCounts, apportionRates, type Crosswalk } from '../geo/crosswalk.ts';
import type { GlaWardTable } from './glaWardTable.ts';
import { addColumn, type BuiltTable } from './builtTable.ts';

const ATLAS = 'GLA, Ward Profiles and Atlas (ward-atlas-data.csv, 2013 wards); OGL v3.0';
const PROFILES = 'GLA, Ward Profiles 2015 (2013 wards); OGL v3.0';

/**
 * Largest share of a target's inflow that may come from 2013 wards
 * with a missing rate (their rates are then averaged over the rest).
 */
export const RATE_MAX_MISSING_SHARE = 0.25;

export type CarrySpec =
  | {
      kind: 'count';
      name: string;
      /** Atlas columns averaged (several years → annual mean) or taken as is (one). */
      sources: string[];
      /** Read from the ward profiles 2015 instead of the atlas (a count the atlas lacks, e.g. jobs). */
      fromProfiles?: boolean;
      /**
       * A count of events at a place (not of residents): flagged in the
       * method, since carrying it by residents misplaces town-centre events.
       */
      event?: boolean;
      description: string;
      unit: string;
      period: string;
    }
  | {
      kind: 'rate';
      name: string;
      sources: [string];
      /** Read from the ward profiles 2015 instead of the atlas (where the profiles are more precise). */
      fromProfiles?: boolean;
      /** Name of a count spec (above it in the list) whose source values weigh the average. */
      weight: string;
      description: string;
      unit: string;
      period: string;
    };

const POP = (y: string) => `Population and Age; All ages; ${y}`;
/** Residents of each 2013 ward in 2013: weighs the inflow of missing values (see buildLondonTables). */
export const ATLAS_POPULATION = POP('2013');

/** What is carried. Counts first: rates name a count as their weight. */
export const CARRIED: CarrySpec[] = [
  {
    kind: 'count',
    name: 'population_2011',
    sources: [POP('2011')],
    description: 'Residents (GLA ward population estimate)',
    unit: 'persons',
    period: '2011',
  },
  {
    kind: 'count',
    name: 'population_2013',
    sources: [POP('2013')],
    description: 'Residents (GLA ward population estimate)',
    unit: 'persons',
    period: '2013',
  },
  {
    kind: 'count',
    name: 'children_0_15_2013',
    sources: ['Population and Age; Aged 0-15; 2013'],
    description: 'Children aged 0-15',
    unit: 'persons',
    period: '2013',
  },
  {
    kind: 'count',
    name: 'working_age_16_64_2013',
    sources: ['Population and Age; Aged 16-64; 2013'],
    description: 'Residents aged 16-64',
    unit: 'persons',
    period: '2013',
  },
  {
    kind: 'count',
    name: 'economically_active_2011',
    sources: ['Employment; Economic Activity (Numbers) - 2011 Census; Economically active: Total'],
    description: 'Economically active residents 16-74 (Census 2011)',
    unit: 'persons',
    period: '2011 Census',
  },
  {
    kind: 'count',
    name: 'ambulance_assault_per_year_2012_14',
    sources: [
      'Ambulance; Assault Incidents attended by Ambulance; 2012',
      'Ambulance; Assault Incidents attended by Ambulance; 2013',
      'Ambulance; Assault Incidents attended by Ambulance; 2014',
    ],
    description: 'Assault incidents attended by the London Ambulance Service, annual mean',
    unit: 'incidents per year',
    period: '2012-2014',
  },
  {
    kind: 'count',
    name: 'ambulance_weapon_injury_per_year_2012_14',
    sources: [
      'Ambulance; All weapon injuries; 2012',
      'Ambulance; All weapon injuries; 2013',
      'Ambulance; All weapon injuries; 2014',
    ],
    description: 'Weapon injuries (gun, knife, other) attended by the London Ambulance Service, annual mean',
    unit: 'incidents per year',
    period: '2012-2014',
  },
  {
    kind: 'count',
    name: 'ambulance_alcohol_per_year_2012_14',
    sources: [
      'Binge Drinking; Number of ambulance call outs for alcohol related illness; 2012',
      'Binge Drinking; Number of ambulance call outs for alcohol related illness; 2013',
      'Binge Drinking; Number of ambulance call outs for alcohol related illness; 2014',
    ],
    description: 'London Ambulance Service call-outs for alcohol-related illness, annual mean',
    unit: 'call-outs per year',
    period: '2012-2014',
  },
  {
    kind: 'count',
    name: 'deliberate_fires_per_year_2012_14',
    sources: ['Fires; Deliberate Fires; 2012', 'Fires; Deliberate Fires; 2013', 'Fires; Deliberate Fires; 2014'],
    description: 'Deliberate fires attended by the London Fire Brigade, annual mean',
    unit: 'fires per year',
    period: '2012-2014',
  },
  {
    kind: 'count',
    name: 'children_out_of_work_households_2014',
    sources: ['Out-of-Work Families; Numbers children (0-18) living in Out-of-work Benefit Claimant Households; 2014'],
    description: 'Children 0-18 living in out-of-work benefit claimant households (DWP)',
    unit: 'children',
    period: '2014',
  },
  {
    kind: 'count',
    name: 'children_0_18_2014',
    sources: ['Out-of-Work Families; Children aged 0-18 (2014);'],
    description: 'Children aged 0-18 (denominator of the out-of-work households rate)',
    unit: 'children',
    period: '2014',
  },
  {
    kind: 'rate',
    name: 'child_poverty_under16_pct_2012',
    sources: ['Children in Poverty; % of children aged under 16 in poverty; 2012'],
    weight: 'children_0_15_2013',
    description: 'Children under 16 in poverty (HMRC children in low-income families local measure)',
    unit: '%',
    period: '2012 (August)',
  },
  {
    kind: 'rate',
    name: 'out_of_work_benefits_rate_2014',
    sources: ['Benefits claimants; DWP Working-age client group (rates); 2014'],
    weight: 'working_age_16_64_2013',
    description: 'Working-age residents claiming key out-of-work benefits (DWP working-age client group)',
    unit: '% of working-age residents',
    period: '2014 (May)',
  },
  {
    kind: 'rate',
    name: 'jsa_rate_2015',
    sources: ['Jobseekers Allowance; JSA Claimant Rate; 2015'],
    weight: 'working_age_16_64_2013',
    description: "Jobseeker's Allowance claimant rate",
    unit: '% of working-age residents',
    period: '2015',
  },
  {
    kind: 'rate',
    name: 'unemployment_pct_2011',
    sources: ['Employment; Economic Activity (Percentages) - 2011 Census; Economically active: % Unemployed'],
    weight: 'economically_active_2011',
    description: 'Unemployed, % of economically active residents 16-74 (Census 2011)',
    unit: '%',
    period: '2011 Census',
  },
  {
    kind: 'rate',
    name: 'youth_unemployment_pct_2011',
    sources: ['Employment; Economic Activity (Percentages) - 2011 Census; Aged 16 to 24: % Unemployed'],
    weight: 'population_2011',
    description:
      'Unemployed residents aged 16-24, % (Census 2011); weighted by all residents because the 16-24 base is not published',
    unit: '%',
    period: '2011 Census',
  },
  {
    kind: 'rate',
    name: 'gcse_capped_score_2014',
    sources: ['GCSE; Average GCSE capped point scores; 2014'],
    weight: 'children_0_15_2013',
    description: 'Average capped GCSE point score of pupils resident in the ward (higher = better)',
    unit: 'points',
    period: '2014',
  },
  {
    kind: 'rate',
    name: 'absence_overall_pct_2013',
    sources: ['Pupil Absence; Overall Absence in All Schools (%); 2013'],
    weight: 'children_0_15_2013',
    description: 'Overall absence of resident pupils, % of half-days',
    unit: '%',
    period: '2013',
  },
  {
    kind: 'rate',
    name: 'absence_unauthorised_pct_2013',
    // The atlas rounds this to whole per cent for 33 wards; the ward profiles give one decimal for all.
    sources: ['Unauthorised Absence in All Schools (%) - 2013'],
    fromProfiles: true,
    weight: 'children_0_15_2013',
    description: 'Unauthorised absence of resident pupils, % of half-days',
    unit: '%',
    period: '2013',
  },
  {
    kind: 'rate',
    name: 'life_expectancy_2009_13',
    sources: ['Life Expectancy; Life expectancy at birth (all persons); 2009-2013'],
    weight: 'population_2013',
    description: 'Life expectancy at birth, all persons (ONS/GLA)',
    unit: 'years',
    period: '2009-2013',
  },
  {
    kind: 'rate',
    name: 'obesity_year6_pct_2011_14',
    sources: ['Childhood Obesity Prevalence; Year 6 (age 10-11); 2011/12 to 2013/14: % obese'],
    weight: 'children_0_15_2013',
    description: 'Obese children in Year 6 (NCMP)',
    unit: '%',
    period: '2011/12-2013/14',
  },
  {
    kind: 'rate',
    name: 'obesity_reception_pct_2011_14',
    sources: ['Childhood Obesity Prevalence; Reception (age 4-5 years); 2011/12 to 2013/14: % obese'],
    weight: 'children_0_15_2013',
    description: 'Obese children in Reception (NCMP)',
    unit: '%',
    period: '2011/12-2013/14',
  },
  {
    kind: 'rate',
    name: 'bad_health_pct_2011',
    sources: ['Health and Disability; General Health - 2011 Census; % People with Bad or Very Bad Health'],
    weight: 'population_2011',
    description: 'Residents in bad or very bad health (Census 2011)',
    unit: '%',
    period: '2011 Census',
  },
  {
    kind: 'rate',
    name: 'subjective_wellbeing_2011_13',
    sources: ['Happiness and Well-being; Subjective well-being average score, 2011/12 and 2012/13;'],
    weight: 'population_2013',
    description:
      'Subjective well-being average score (GLA modelled ward estimate from the ONS APS well-being questions)',
    unit: 'score',
    period: '2011/12-2012/13',
  },
  {
    kind: 'rate',
    name: 'turnout_mayoral_2012',
    sources: ['Election turnout; Turnout Mayoral election; 2012'],
    weight: 'population_2013',
    description:
      'Turnout at the 2012 Mayor of London election (weighted by residents: electorates are not published here)',
    unit: '%',
    period: 'May 2012',
  },
];

/** Values outside [lo, hi] become NaN; returns the labels (area codes) of the rejected values, with the value. */
export function rejectOutside(
  x: Float64Array,
  lo: number,
  hi: number,
  labels: readonly string[],
): { values: Float64Array; rejected: string[] } {
  const values = x.slice();
  const rejected: string[] = [];
  for (let i = 0; i < x.length; i++) {
    if (x[i] < lo || x[i] > hi) {
      rejected.push(`${labels[i]}: ${Number(x[i].toPrecision(4))}`);
      values[i] = NaN;
    }
  }
  return { values, rejected };
}

/** Annual mean of several year columns; a year missing makes the mean missing. */
function meanOf(columns: Float64Array[]): Float64Array {
  const out = new Float64Array(columns[0].length);
  for (let i = 0; i < out.length; i++) {
    let s = 0;
    for (const c of columns) s += c[i];
    out[i] = s / columns.length;
  }
  return out;
}

/**
 * Builds the carried table on the crosswalk's targets. The crosswalk's source codes must be
 * the atlas codes in atlas order (crosswalkFromRows with `sourceCodes: atlas.codes`).
 */
export function buildCarriedWards(
  atlas: GlaWardTable,
  profiles: GlaWardTable,
  cw: Crosswalk,
  targetNames: string[],
  specs: CarrySpec[] = CARRIED,
  /** Target vintage named in the methods, and the output file name. */
  target: { label: string; file: string } = { label: '2018', file: 'carried_wards.csv' },
): BuiltTable {
  if (cw.sourceCodes.join() !== atlas.codes.join())
    throw new Error('crosswalk source codes must be the atlas codes in atlas order');
  const profileRow = new Map(profiles.codes.map((c, i) => [c, i]));
  // A ward profiles column in atlas order (NaN for a ward the profiles lack).
  const fromProfiles = (name: string) => {
    const v = profiles.column(name);
    return Float64Array.from(atlas.codes, (c) => (profileRow.has(c) ? v[profileRow.get(c)!] : NaN));
  };
  const t: BuiltTable = {
    file: target.file,
    codes: cw.targetCodes,
    names: targetNames,
    labels: [],
    columns: [],
    values: {},
  };
  const sourceValues = new Map<string, Float64Array>();
  for (const spec of specs) {
    const profilesSpec = spec.fromProfiles === true;
    const src = spec.sources.map((c) => (profilesSpec ? fromProfiles(c) : atlas.column(c)));
    const raw = src.length === 1 ? src[0] : meanOf(src);
    // A percentage outside 0–100 is a publisher error (the atlas has 2011 youth unemployment of 493 % in
    // Cazenove): it is treated as missing, and the method says how many and which.
    const { values: x, rejected } = spec.unit.startsWith('%')
      ? rejectOutside(raw, 0, 100, atlas.codes)
      : { values: raw, rejected: [] };
    const rejectedNote = rejected.length
      ? `; ${rejected.length} 2013-ward value(s) outside 0–100 % treated as missing (publisher errors: ${rejected.join(', ')})`
      : '';
    sourceValues.set(spec.name, x);
    const from = spec.sources.map((s) => `"${s}"`).join(' + ');
    if (spec.kind === 'count') {
      addColumn(
        t,
        {
          name: spec.name,
          description: spec.description,
          unit: spec.unit,
          period: spec.period,
          source: profilesSpec ? PROFILES : ATLAS,
          method: `count apportioned by the 2013→${target.label} population crosswalk (y_j = Σ s_ij x_i)${src.length > 1 ? `; annual mean of ${from}` : `; from ${from}`}${spec.event ? '; CARRIED EVENT COUNT: events happen at places, not where residents live, so a redrawn ward may inherit events of a neighbouring town centre' : ''}`,
        },
        apportionCounts(cw, x),
      );
    } else {
      const w = sourceValues.get(spec.weight);
      if (!w) throw new Error(`rate ${spec.name}: weight ${spec.weight} must be a count listed before it`);
      addColumn(
        t,
        {
          name: spec.name,
          description: spec.description,
          unit: spec.unit,
          period: spec.period,
          source: profilesSpec ? PROFILES : ATLAS,
          method: `rate published without counts: mean of 2013-ward rates weighted by apportioned ${spec.weight} (r_j = Σ s_ij P_i r_i / Σ s_ij P_i); missing if > ${RATE_MAX_MISSING_SHARE * 100} % of inflow (weighted by 2013 residents) is from wards with no value; from ${from}${rejectedNote}`,
        },
        apportionRates(cw, x, w, { maxMissingShare: RATE_MAX_MISSING_SHARE }),
      );
    }
  }
  return t;
}
