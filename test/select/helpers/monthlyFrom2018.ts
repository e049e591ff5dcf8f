/**
 * Test helper: derives the monthly-series contract format (`area_code,series,month,count`, every
 * area × series × month, zeros explicit) from the real MPS ward-level recorded-crime file vendored
 * in data/london-2018/sources (2018 wards, Sep 2020 – Aug 2022; rows there exist only for non-zero
 * ward × category pairs, so an absent pair is 0). Used until the data build writes
 * data/london-2018/monthly_crime.csv; real data, re-shaped, nothing invented.
 */
import { join } from 'node:path';
import { parseCsv } from '../../../src/io/csv.ts';
import { readSourceText } from '../../../src/io/readText.ts';

export const SOURCE_2018 = join(
  import.meta.dirname,
  '../../../data/london-2018/sources/mps_ward_crime_202009-202208_wards2018.csv.gz',
);

/** Contract series id → the MPS categories it sums (Major or Minor text). */
export const SERIES_2018: Record<string, { major?: string; minor?: string }> = {
  violence_with_injury: { minor: 'Violence with Injury' },
  violence_against_the_person: { major: 'Violence Against the Person' },
  robbery_personal: { minor: 'Robbery of Personal Property' },
  weapon_possession: { major: 'Possession of Weapons' },
  sexual_offences: { major: 'Sexual Offences' },
};

/** The contract CSV text for the given ward codes (default: every ward in the source). */
export function monthlyCsvFrom2018(codes?: readonly string[]): string {
  const t = parseCsv(readSourceText(SOURCE_2018), { file: 'mps_ward_crime_202009-202208_wards2018.csv' });
  const h = t.header;
  const monthCols = h.map((c, i) => [c, i] as const).filter(([c]) => /^\d{6}$/.test(c));
  const months = monthCols.map(([c]) => `${c.slice(0, 4)}-${c.slice(4)}`);
  const [mj, mn, wc] = ['MajorText', 'MinorText', 'WardCode'].map((c) => h.indexOf(c));
  const wards = codes ?? [...new Set(t.rows.map((r) => r[wc]))].sort();
  const sums = new Map<string, number[]>();
  for (const row of t.rows) {
    for (const [id, rule] of Object.entries(SERIES_2018)) {
      if ((rule.major && row[mj] === rule.major) || (rule.minor && row[mn] === rule.minor)) {
        const key = `${row[wc]}|${id}`;
        const acc = sums.get(key) ?? months.map(() => 0);
        monthCols.forEach(([, i], m) => (acc[m] += Number(row[i])));
        sums.set(key, acc);
      }
    }
  }
  const lines = ['area_code,series,month,count'];
  for (const w of wards)
    for (const id of Object.keys(SERIES_2018)) {
      const acc = sums.get(`${w}|${id}`) ?? months.map(() => 0);
      months.forEach((m, k) => lines.push(`${w},${id},${m},${acc[k]}`));
    }
  return lines.join('\n') + '\n';
}
