/**
 * Ward crime table for the current index from the MPS ward-level recorded crime product on
 * December 2022 wards (file months Mar 2024 – Mar 2026). The MPS now publishes a new taxonomy
 * (upper-case names; possession of weapons no longer split into blade / firearm / other;
 * stalking and harassment and death or serious injury by illegal driving split out of
 * violence against the person). Every category the framework uses is mapped here by name,
 * explicitly (`CATEGORIES_2022`); the 2018-index indicators that can no longer be built are
 * listed in `NOT_BUILDABLE_2022`.
 *
 * Window: the 24 complete months Apr 2024 – Mar 2026. The file's first month (Mar 2024) is
 * partial (47 offences in all London) and is dropped.
 * Rates: count / denominator × 1000 / 2 (24 months → per year). Two denominators are written:
 * `population` (ONS mid-2022 residents, the default) and `workday_population` (residents + jobs
 * − employed residents; see workdayPopulation.ts).
 * Trend: Apr 2025 – Mar 2026 against Apr 2024 – Mar 2025 (no lockdown in either year), guarded
 * by the same minimum base count as the 2018 index.
 * The City of London is policed by the City of London Police: missing, never zero.
 * Heathrow Villages (E05013570) is labelled "Aviation Security (SO18)" in the file's borough
 * column; the build keys on ward codes and takes boroughs from the ONS ward geography, where it
 * is in Hillingdon (E09000017).
 */
import { InputError } from '../../../src/core/errors.ts';
import { guardedPercentChange } from './guardedPercentChange.ts';
import { sumWardCrime, unmatchedCrimeWards, type MpsCategory, type MpsWardCrime } from './mpsWardCrime.ts';
import { addColumn, type BuiltTable } from './builtTable.ts';
import { TREND_MIN_BASE, slug } from './crimeWards.ts';

const SOURCE =
  'Metropolitan Police Service, Recorded Crime: Geographic Breakdown, ward level (London Datastore); OGL v3.0';

/** First and last month used (YYYYMM); the first file month, 202403, is partial and dropped. */
export const WINDOW_2022 = { from: '202404', to: '202603', dropped: '202403' } as const;
export const TREND_2022 = { prev: ['202404', '202503'], last: ['202504', '202603'] } as const;

/**
 * Column id → the 2022 MPS categories summed, with the 2018-index category it continues.
 * `major` entries take every minor category of that major category.
 */
export const CATEGORIES_2022: { id: string; major?: string; minors?: string[]; was: string; note?: string }[] = [
  { id: 'violence_with_injury', minors: ['VIOLENCE WITH INJURY'], was: 'Violence with Injury' },
  {
    id: 'violence_without_injury',
    minors: ['VIOLENCE WITHOUT INJURY'],
    was: 'Violence without Injury',
    note: 'not comparable with 2018: stalking and harassment are now a separate category',
  },
  {
    id: 'stalking_harassment',
    minors: ['STALKING AND HARASSMENT'],
    was: '(within Violence without Injury)',
    note: 'new category',
  },
  { id: 'homicide', minors: ['HOMICIDE'], was: 'Homicide' },
  {
    id: 'death_serious_injury_driving',
    minors: ['DEATH SERIOUS INJURY ILLEGAL DRIVING'],
    was: '(not in Violence Against the Person)',
    note: 'new category, not used',
  },
  { id: 'robbery_personal', minors: ['ROBBERY OF PERSONAL PROPERTY'], was: 'Robbery of Personal Property' },
  { id: 'robbery_business', minors: ['ROBBERY OF BUSINESS PROPERTY'], was: 'Robbery of Business Property' },
  {
    id: 'weapon_possession',
    minors: ['POSSESSION OF WEAPONS'],
    was: 'Possession of Article with Blade or Point + Other Knife Offences + Possession of Firearms Offences + Possession of Firearm with Intent + Other Firearm Offences + Possession of Other Weapon',
    note: 'one category now: blade, firearm and other weapons together',
  },
  { id: 'rape', minors: ['RAPE'], was: 'Rape' },
  { id: 'other_sexual_offences', minors: ['OTHER SEXUAL OFFENCES'], was: 'Other Sexual Offences' },
  { id: 'drug_trafficking', minors: ['TRAFFICKING OF DRUGS'], was: 'Drug Trafficking' },
  { id: 'drug_possession', minors: ['POSSESSION OF DRUGS'], was: 'Possession of Drugs' },
  { id: 'public_fear_alarm_distress', minors: ['PUBLIC FEAR ALARM OR DISTRESS'], was: 'Public Fear Alarm or Distress' },
  {
    id: 'racially_religiously_aggravated_public_fear',
    minors: ['RACE OR RELIGIOUS AGG PUBLIC FEAR'],
    was: 'Racially or Religiously Aggravated Public Fear, Alarm or Distress',
  },
  { id: 'violent_disorder', minors: ['VIOLENT DISORDER'], was: 'Violent Disorder' },
  {
    id: 'other_public_order',
    minors: ['OTHER OFFENCES PUBLIC ORDER'],
    was: 'Other Offences Against the State, or Public Order',
  },
  {
    id: 'major_violence_against_the_person',
    major: 'VIOLENCE AGAINST THE PERSON',
    was: 'Violence Against the Person',
    note: 'now also holds stalking and harassment and death or serious injury by illegal driving',
  },
  { id: 'major_sexual_offences', major: 'SEXUAL OFFENCES', was: 'Sexual Offences' },
  { id: 'major_arson_and_criminal_damage', major: 'ARSON AND CRIMINAL DAMAGE', was: 'Arson and Criminal Damage' },
];

/** Indicators of the 2018 index that the 2022 product cannot give. */
export const NOT_BUILDABLE_2022: { id: string; why: string }[] = [
  {
    id: 'knife_offences',
    why: 'possession of weapons is no longer split: "Possession of Article with Blade or Point" and "Other Knife Offences" are not published separately',
  },
  {
    id: 'firearm_offences',
    why: 'possession of weapons is no longer split: the three firearm categories are not published separately',
  },
  {
    id: 'other_weapon_possession',
    why: 'possession of weapons is no longer split: "Possession of Other Weapon" is not published separately',
  },
];

/** Columns that get an annualised rate per 1,000 residents in the table (the framework derives its own from counts). */
export const RATE_COLUMNS_2022 = [
  'violence_with_injury',
  'robbery_personal',
  'weapon_possession',
  'major_sexual_offences',
  'homicide',
  'major_violence_against_the_person',
  'all_crime',
];

export const TRENDS_2022: { id: string; label: string; include: (c: MpsCategory) => boolean }[] = [
  {
    id: 'vap',
    label: 'violence against the person (all minor categories)',
    include: (c) => c.major === 'VIOLENCE AGAINST THE PERSON',
  },
  {
    id: 'robbery_personal',
    label: 'robbery of personal property',
    include: (c) => c.minor === 'ROBBERY OF PERSONAL PROPERTY',
  },
];

export function monthLabel(yyyymm: string): string {
  return `${yyyymm.slice(0, 4)}-${yyyymm.slice(4)}`;
}

function includeOf(c: (typeof CATEGORIES_2022)[number]): (k: MpsCategory) => boolean {
  return c.major !== undefined ? (k) => k.major === c.major : (k) => c.minors!.includes(k.minor);
}

/** Every mapped category must exist in the file (a renamed category would silently give zeros). */
export function checkCategories(crime: MpsWardCrime): void {
  for (const c of CATEGORIES_2022) {
    const found = crime.categories.some(includeOf(c));
    if (!found)
      throw new InputError(`category ${c.major ?? c.minors!.join(' + ')} (column ${c.id}) is not in the file`, {
        file: crime.file,
        column: 'MinorText',
        expected: 'the MPS category names of CATEGORIES_2022',
      });
  }
}

export interface CrimeAreas2022 {
  codes: string[];
  names: string[];
  population: Float64Array;
  workdayPopulation: Float64Array;
}

export function buildCrimeWards2022(crime: MpsWardCrime, areas: CrimeAreas2022): BuiltTable {
  const lost = unmatchedCrimeWards(crime, areas.codes);
  if (lost.length)
    throw new InputError(`${lost.length} crime ward codes are not base areas (e.g. ${lost.slice(0, 3).join(', ')})`, {
      file: crime.file,
      column: 'WardCode',
      expected: 'December 2022 ward codes',
    });
  checkCategories(crime);
  const { from, to } = WINDOW_2022;
  if (crime.months[0] !== WINDOW_2022.dropped || crime.months[crime.months.length - 1] !== to) {
    throw new InputError(`months ${crime.months[0]}..${crime.months[crime.months.length - 1]}`, {
      file: crime.file,
      row: 1,
      expected: `${WINDOW_2022.dropped}..${to}`,
    });
  }
  const period = `${monthLabel(from)} to ${monthLabel(to)}`;
  const sum = (include: (c: MpsCategory) => boolean, a: string = from, b: string = to) =>
    sumWardCrime(crime, areas.codes, include, a, b);
  const t: BuiltTable = {
    file: 'crime_wards.csv',
    codes: areas.codes,
    names: areas.names,
    labels: [],
    columns: [],
    values: {},
  };
  addColumn(
    t,
    {
      name: 'population',
      description:
        'Residents, mid-2022 (ONS small-area estimates, the IoD 2025 denominators): default denominator of the crime rates',
      unit: 'persons',
      period: 'mid-2022',
      source: 'MHCLG IoD 2025 File 7 (ONS mid-2022 LSOA population estimates); OGL v3.0',
      method: 'sum of LSOA 2021 populations over the ward (ONS best-fit lookup); = areas.csv population',
    },
    areas.population,
  );
  addColumn(
    t,
    {
      name: 'workday_population',
      description: 'Workday population estimate: residents + jobs − employed residents (alternative denominator)',
      unit: 'persons',
      period: 'residents mid-2022; jobs 2013; employed residents Census 2011',
      source:
        'ONS mid-2022 (IoD 2025); GLA Ward Profiles 2015 (jobs, BRES 2013); GLA Ward Atlas (Census 2011 in employment 16-74)',
      method:
        'population + jobs_2013 − in_employment_2011 (the last two carried from 2013 wards by the population crosswalk); = areas.csv workday_population',
    },
    areas.workdayPopulation,
  );
  const dropNote = `sum of the 24 monthly counts ${period} (the partial month ${monthLabel(WINDOW_2022.dropped)} dropped); absent ward × category rows = 0; City of London missing`;
  const counts = new Map<string, Float64Array>();
  for (const c of CATEGORIES_2022) {
    const v = sum(includeOf(c));
    counts.set(c.id, v);
    const what = c.major ? `${c.major} (all minor categories)` : c.minors!.join(' + ');
    addColumn(
      t,
      {
        name: `${c.id}_24m`,
        description: `${what}${c.note ? ` (${c.note})` : ''}`,
        unit: 'offences in 24 months',
        period,
        source: SOURCE,
        method: `${dropNote}; 2018 index category: ${c.was}`,
      },
      v,
    );
  }
  // Every other minor category under a slug of its name, so the table holds the whole product.
  const mapped = new Set(CATEGORIES_2022.flatMap((c) => c.minors ?? []));
  for (const c of crime.categories) {
    if (mapped.has(c.minor)) continue;
    const id = `${slug(c.major)}__${slug(c.minor)}`;
    addColumn(
      t,
      {
        name: `${id}_24m`,
        description: `${c.major} / ${c.minor}`,
        unit: 'offences in 24 months',
        period,
        source: SOURCE,
        method: dropNote,
      },
      sum((k) => k.major === c.major && k.minor === c.minor),
    );
  }
  const all = sum(() => true);
  counts.set('all_crime', all);
  addColumn(
    t,
    {
      name: 'all_crime_24m',
      description: 'All recorded crime',
      unit: 'offences in 24 months',
      period,
      source: SOURCE,
      method: dropNote,
    },
    all,
  );

  for (const id of RATE_COLUMNS_2022) {
    const n = counts.get(id)!;
    addColumn(
      t,
      {
        name: `${id}_rate`,
        description: `${t.columns.find((c) => c.name === `${id}_24m`)!.description}, per 1,000 residents per year`,
        unit: 'per 1,000 residents per year',
        period,
        source: SOURCE,
        method: `${id}_24m / population × 1000 / 2`,
      },
      Float64Array.from(n, (x, i) => ((x / areas.population[i]) * 1000) / 2),
    );
    addColumn(
      t,
      {
        name: `${id}_rate_workday`,
        description: `${t.columns.find((c) => c.name === `${id}_24m`)!.description}, per 1,000 workday population per year`,
        unit: 'per 1,000 workday population per year',
        period,
        source: SOURCE,
        method: `${id}_24m / workday_population × 1000 / 2`,
      },
      Float64Array.from(n, (x, i) => ((x / areas.workdayPopulation[i]) * 1000) / 2),
    );
  }

  const [p0, p1] = TREND_2022.prev;
  const [l0, l1] = TREND_2022.last;
  for (const tr of TRENDS_2022) {
    const prev = sum(tr.include, p0, p1);
    const cur = sum(tr.include, l0, l1);
    addColumn(
      t,
      {
        name: `${tr.id}_prev12`,
        description: `Offences, ${tr.label}, Apr 2024 – Mar 2025`,
        unit: 'offences in 12 months',
        period: `${monthLabel(p0)} to ${monthLabel(p1)}`,
        source: SOURCE,
        method: 'sum of 12 monthly counts',
      },
      prev,
    );
    addColumn(
      t,
      {
        name: `${tr.id}_last12`,
        description: `Offences, ${tr.label}, Apr 2025 – Mar 2026`,
        unit: 'offences in 12 months',
        period: `${monthLabel(l0)} to ${monthLabel(l1)}`,
        source: SOURCE,
        method: 'sum of 12 monthly counts',
      },
      cur,
    );
    addColumn(
      t,
      {
        name: `${tr.id}_change_pct`,
        description: `Change in offences, ${tr.label}: Apr 2025 – Mar 2026 vs Apr 2024 – Mar 2025`,
        unit: '%',
        period,
        source: SOURCE,
        method: `100 × (last12 − prev12) / prev12; missing where prev12 < ${TREND_MIN_BASE} (small-count guard)`,
      },
      guardedPercentChange(cur, prev, TREND_MIN_BASE),
    );
  }
  return t;
}
