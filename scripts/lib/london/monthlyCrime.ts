/**
 * The monthly crime series file `monthly_crime.csv` (shared contract 1): header
 * `area_code,series,month,count`, `month` as YYYY-MM, one row for every area × series × month
 * in the window (zeros explicit), only areas with police data (wards of the MPS file; the City
 * of London is absent). Rows sorted by area code, series id (in `series` order), month.
 * The pilot evaluation reads it (src/io/monthlySeries.ts); the map shows it.
 */
import { formatCsv } from '../../../src/io/csv.ts';
import type { MpsCategory, MpsWardCrime } from './mpsWardCrime.ts';

export interface MonthlySeries {
  id: string;
  description: string;
  include: (c: MpsCategory) => boolean;
}

export const MONTHLY_HEADER = ['area_code', 'series', 'month', 'count'];

/** Series of the 2018 file (mixed-case taxonomy). */
export const SERIES_2018: MonthlySeries[] = [
  {
    id: 'violence_with_injury',
    description: 'Violence Against the Person / Violence with Injury',
    include: (c) => c.minor === 'Violence with Injury',
  },
  {
    id: 'violence_against_the_person',
    description: 'Violence Against the Person (all minor categories)',
    include: (c) => c.major === 'Violence Against the Person',
  },
  {
    id: 'robbery_personal',
    description: 'Robbery / Robbery of Personal Property',
    include: (c) => c.minor === 'Robbery of Personal Property',
  },
  {
    id: 'weapon_possession',
    description: 'Possession of Weapons (all minor categories: blade, firearm, other)',
    include: (c) => c.major === 'Possession of Weapons',
  },
  {
    id: 'sexual_offences',
    description: 'Sexual Offences (rape and other sexual offences)',
    include: (c) => c.major === 'Sexual Offences',
  },
];

/** Series of the 2022 file (upper-case taxonomy). */
export const SERIES_2022: MonthlySeries[] = [
  {
    id: 'violence_with_injury',
    description: 'VIOLENCE AGAINST THE PERSON / VIOLENCE WITH INJURY',
    include: (c) => c.minor === 'VIOLENCE WITH INJURY',
  },
  {
    id: 'violence_against_the_person',
    description: 'VIOLENCE AGAINST THE PERSON (all minor categories, incl. stalking and harassment)',
    include: (c) => c.major === 'VIOLENCE AGAINST THE PERSON',
  },
  {
    id: 'robbery_personal',
    description: 'ROBBERY / ROBBERY OF PERSONAL PROPERTY',
    include: (c) => c.minor === 'ROBBERY OF PERSONAL PROPERTY',
  },
  {
    id: 'weapon_possession',
    description: 'POSSESSION OF WEAPONS (one category: blade, firearm, other)',
    include: (c) => c.major === 'POSSESSION OF WEAPONS',
  },
  {
    id: 'sexual_offences',
    description: 'SEXUAL OFFENCES (rape and other sexual offences)',
    include: (c) => c.major === 'SEXUAL OFFENCES',
  },
];

/**
 * Counts per ward × series × month over the file months `from`..`to` (YYYYMM, inclusive).
 * Wards are those of the file (sorted), so an area without police data never appears.
 */
export function monthlySeriesRows(crime: MpsWardCrime, series: MonthlySeries[], from: string, to: string): string[][] {
  const m0 = crime.months.indexOf(from);
  const m1 = crime.months.indexOf(to);
  if (m0 < 0 || m1 < m0) throw new Error(`month window ${from}..${to} is not in ${crime.file}`);
  const nm = crime.months.length;
  const nw = crime.wards.length;
  const months = crime.months.slice(m0, m1 + 1);
  const rows: string[][] = [];
  const counts = series.map(() => new Float64Array(nw * months.length));
  series.forEach((s, k) => {
    const included = crime.categories.map(s.include);
    for (let r = 0; r < crime.rowWard.length; r++) {
      if (!included[crime.rowCategory[r]]) continue;
      const w = crime.rowWard[r];
      for (let m = 0; m < months.length; m++) counts[k][w * months.length + m] += crime.counts[r * nm + m0 + m];
    }
  });
  for (let w = 0; w < nw; w++) {
    series.forEach((s, k) => {
      months.forEach((m, j) =>
        rows.push([crime.wards[w], s.id, `${m.slice(0, 4)}-${m.slice(4)}`, String(counts[k][w * months.length + j])]),
      );
    });
  }
  return rows;
}

export function monthlySeriesCsv(crime: MpsWardCrime, series: MonthlySeries[], from: string, to: string): string {
  return formatCsv(MONTHLY_HEADER, monthlySeriesRows(crime, series, from, to));
}
export const MONTHLY_FILE = 'monthly_crime.csv';
