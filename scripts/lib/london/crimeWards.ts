/**
 * Ward crime table from the MPS ward-level recorded crime product (Sep 2020 – Aug 2022,
 * GLA 2018 wards): 24-month counts for every minor and major category, counts for the named
 * knife and firearm proxies, annualised rates per 1,000 residents for the categories the VRU
 * framework uses, and a guarded 12-month trend. The City of London is not in the MPS data and
 * is left missing (never zero).
 *
 * Rate = count / population × 1000 / (months / 12), the population being the mid-2015 IoD 2019
 * denominator (the only population published on 2018 wards here).
 */
import { InputError } from '../../../src/core/errors.ts';
import { guardedPercentChange } from './guardedPercentChange.ts';
import { sumWardCrime, unmatchedCrimeWards, type MpsCategory, type MpsWardCrime } from './mpsWardCrime.ts';
import { addColumn, type BuiltTable } from './builtTable.ts';

const SOURCE =
  'Metropolitan Police Service, Recorded Crime: Geographic Breakdown, ward level (London Datastore); OGL v3.0';

/** Short column ids for the MPS minor categories the framework uses; the others get a slug of their name. */
export const MINOR_IDS: Record<string, string> = {
  'Violence with Injury': 'violence_with_injury',
  'Violence without Injury': 'violence_without_injury',
  Homicide: 'homicide',
  'Robbery of Personal Property': 'robbery_personal',
  'Robbery of Business Property': 'robbery_business',
  'Possession of Article with Blade or Point': 'blade_possession',
  'Other Knife Offences': 'other_knife_offences',
  'Possession of Firearms Offences': 'firearm_possession',
  'Possession of Firearm with Intent': 'firearm_intent',
  'Other Firearm Offences': 'other_firearm_offences',
  'Possession of Other Weapon': 'other_weapon_possession',
  Rape: 'rape',
  'Other Sexual Offences': 'other_sexual_offences',
  'Drug Trafficking': 'drug_trafficking',
  'Possession of Drugs': 'drug_possession',
  'Public Fear Alarm or Distress': 'public_fear_alarm_distress',
  'Racially or Religiously Aggravated Public Fear, Al': 'racially_religiously_aggravated_public_fear',
  'Violent Disorder': 'violent_disorder',
  'Other Offences Against the State, or Public Order': 'other_public_order',
  Arson: 'arson',
  'Criminal Damage': 'criminal_damage',
};

/** Lower-case words joined by underscores: "Theft from Person" → "theft_from_person". */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

export function minorId(minor: string): string {
  return MINOR_IDS[minor] ?? slug(minor);
}

/** Combined groups written as extra count columns (named proxies for MPS flags not in the product). */
export const CRIME_GROUPS: { id: string; minors: string[]; description: string }[] = [
  {
    id: 'knife_offences',
    minors: ['Possession of Article with Blade or Point', 'Other Knife Offences'],
    description:
      'Knife offences: possession of an article with a blade or point + other knife offences (named proxy for the MPS knife crime flag, not in this product)',
  },
  {
    id: 'firearm_offences',
    minors: ['Possession of Firearms Offences', 'Possession of Firearm with Intent', 'Other Firearm Offences'],
    description:
      'Firearm offences: possession of firearms + possession with intent + other firearm offences (named proxy for the MPS gun crime flag, not in this product)',
  },
];

/** Columns that get an annualised rate per 1,000 residents (id of a minor, a group, or major_*). */
export const RATE_COLUMNS = [
  'violence_with_injury',
  'violence_without_injury',
  'homicide',
  'robbery_personal',
  'robbery_business',
  'knife_offences',
  'firearm_offences',
  'other_weapon_possession',
  'rape',
  'other_sexual_offences',
  'drug_trafficking',
  'drug_possession',
  'public_fear_alarm_distress',
  'racially_religiously_aggravated_public_fear',
  'violent_disorder',
  'other_public_order',
  'major_violence_against_the_person',
  'major_arson_and_criminal_damage',
  'all_crime',
];

/** Trends: last 12 months vs the previous 12, guarded by a minimum base count. */
export const TRENDS: { id: string; label: string; include: (c: MpsCategory) => boolean }[] = [
  {
    id: 'vap',
    label: 'violence against the person (all minor categories)',
    include: (c) => c.major === 'Violence Against the Person',
  },
  {
    id: 'robbery_personal',
    label: 'robbery of personal property',
    include: (c) => c.minor === 'Robbery of Personal Property',
  },
];

/** Smallest previous-12-month count for which a percentage change is reported. */
export const TREND_MIN_BASE = 30;

function monthLabel(yyyymm: string): string {
  return `${yyyymm.slice(0, 4)}-${yyyymm.slice(4)}`;
}

/**
 * Builds crime_wards.csv for the given areas (codes, names, populations aligned). Every ward of
 * the crime file must be among the areas, so no offence is dropped.
 */
export function buildCrimeWards(
  crime: MpsWardCrime,
  areas: { codes: string[]; names: string[]; population: Float64Array },
): BuiltTable {
  const lost = unmatchedCrimeWards(crime, areas.codes);
  if (lost.length) {
    throw new InputError(`${lost.length} crime ward codes are not base areas (e.g. ${lost.slice(0, 3).join(', ')})`, {
      file: crime.file,
      column: 'WardCode',
      expected: 'GLA 2018 ward codes',
    });
  }
  const nm = crime.months.length;
  if (nm !== 24)
    throw new InputError(`expected 24 monthly columns, found ${nm}`, {
      file: crime.file,
      row: 1,
      expected: '24 months',
    });
  const first = crime.months[0];
  const last = crime.months[nm - 1];
  const period = `${monthLabel(first)} to ${monthLabel(last)}`;
  const years = nm / 12;
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
      description: 'Residents, mid-2015 (IoD 2019 denominator; GLA ward IMD summary) — denominator of the crime rates',
      unit: 'persons',
      period: 'mid-2015',
      source: 'GLA IoD 2019 ward summaries (MHCLG); OGL v3.0',
      method: 'as published',
    },
    areas.population,
  );

  const counts = new Map<string, Float64Array>();
  const countMeta = (name: string, description: string, method: string) => ({
    name: `${name}_24m`,
    description,
    unit: 'offences in 24 months',
    period,
    source: SOURCE,
    method,
  });
  for (const c of crime.categories) {
    const id = minorId(c.minor);
    const v = sumWardCrime(crime, areas.codes, (k) => k.major === c.major && k.minor === c.minor);
    counts.set(id, v);
    addColumn(
      t,
      countMeta(
        id,
        `${c.major} / ${c.minor}`,
        'sum of 24 monthly counts; absent ward × category rows = 0; City of London missing',
      ),
      v,
    );
  }
  for (const major of [...new Set(crime.categories.map((c) => c.major))]) {
    const id = `major_${slug(major)}`;
    const v = sumWardCrime(crime, areas.codes, (k) => k.major === major);
    counts.set(id, v);
    addColumn(
      t,
      countMeta(id, `${major} (all minor categories)`, 'sum of 24 monthly counts over the major category'),
      v,
    );
  }
  const all = sumWardCrime(crime, areas.codes, () => true);
  counts.set('all_crime', all);
  addColumn(t, countMeta('all_crime', 'All recorded crime', 'sum of 24 monthly counts over all categories'), all);
  for (const g of CRIME_GROUPS) {
    const v = sumWardCrime(crime, areas.codes, (k) => g.minors.includes(k.minor));
    counts.set(g.id, v);
    addColumn(t, countMeta(g.id, g.description, `sum over: ${g.minors.join('; ')}`), v);
  }

  for (const id of RATE_COLUMNS) {
    const n = counts.get(id);
    if (!n) throw new Error(`rate column ${id} has no count (category renamed in the source?)`);
    const rate = new Float64Array(n.length);
    for (let i = 0; i < n.length; i++) rate[i] = ((n[i] / areas.population[i]) * 1000) / years;
    addColumn(
      t,
      {
        name: `${id}_rate`,
        description: `${t.columns.find((c) => c.name === `${id}_24m`)!.description}, per 1,000 residents per year`,
        unit: 'per 1,000 residents per year',
        period,
        source: SOURCE,
        method: `${id}_24m / population × 1000 / ${years}`,
      },
      rate,
    );
  }

  const mid = crime.months[11];
  const next = crime.months[12];
  for (const tr of TRENDS) {
    const prev = sumWardCrime(crime, areas.codes, tr.include, first, mid);
    const cur = sumWardCrime(crime, areas.codes, tr.include, next, last);
    const prevPeriod = `${monthLabel(first)} to ${monthLabel(mid)}`;
    const curPeriod = `${monthLabel(next)} to ${monthLabel(last)}`;
    addColumn(
      t,
      {
        name: `${tr.id}_prev12`,
        description: `Offences, ${tr.label}, first 12 months`,
        unit: 'offences in 12 months',
        period: prevPeriod,
        source: SOURCE,
        method: 'sum of 12 monthly counts',
      },
      prev,
    );
    addColumn(
      t,
      {
        name: `${tr.id}_last12`,
        description: `Offences, ${tr.label}, last 12 months`,
        unit: 'offences in 12 months',
        period: curPeriod,
        source: SOURCE,
        method: 'sum of 12 monthly counts',
      },
      cur,
    );
    addColumn(
      t,
      {
        name: `${tr.id}_change_pct`,
        description: `Change in offences, ${tr.label}: last 12 months vs previous 12`,
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
