/**
 * The MPS "Ward Level Crime (most recent 24 months)" product (London Datastore, "Recorded
 * Crime: Geographic Breakdown"): a wide table with one row per ward × minor category holding
 * monthly counts of recorded offences. Rows exist only for non-zero ward × category pairs, so
 * an absent pair means zero; a ward absent from the whole file (the City of London, policed
 * by the City of London Police) has no data, which is not zero.
 */
import { InputError } from '../../../src/core/errors.ts';
import { columnIndex, type CsvTable } from '../../../src/io/csv.ts';

export interface MpsCategory {
  major: string;
  minor: string;
}

export interface MpsWardCrime {
  file: string;
  /** Month labels as in the header, `YYYYMM`, in file order. */
  months: string[];
  /** Distinct ward codes, sorted. */
  wards: string[];
  /** Distinct (major, minor) pairs, sorted by major then minor. */
  categories: MpsCategory[];
  /** Row r: ward index, category index, and counts[r * months.length + m]. */
  rowWard: Int32Array;
  rowCategory: Int32Array;
  counts: Float64Array;
}

const MONTH = /^\d{6}$/;

/** Parses the wide table; every count must be a non-negative integer. */
export function readMpsWardCrime(table: CsvTable): MpsWardCrime {
  const iMajor = columnIndex(table, 'MajorText');
  const iMinor = columnIndex(table, 'MinorText');
  const iWard = columnIndex(table, 'WardCode');
  const monthCols = table.header.map((h, i) => [h, i] as const).filter(([h]) => MONTH.test(h));
  if (monthCols.length === 0) {
    throw new InputError('no monthly count columns', { file: table.file, row: 1, expected: 'columns named YYYYMM' });
  }
  const months = monthCols.map(([h]) => h);
  const wards = [...new Set(table.rows.map((r) => r[iWard].trim()))].sort();
  const wardIndex = new Map(wards.map((w, i) => [w, i]));
  const catKey = (r: string[]) => `${r[iMajor].trim()}\u0000${r[iMinor].trim()}`;
  const catKeys = [...new Set(table.rows.map(catKey))].sort();
  const catIndex = new Map(catKeys.map((k, i) => [k, i]));
  const categories = catKeys.map((k) => {
    const [major, minor] = k.split('\u0000');
    return { major, minor };
  });
  const n = table.rows.length;
  const rowWard = new Int32Array(n);
  const rowCategory = new Int32Array(n);
  const counts = new Float64Array(n * months.length);
  const seen = new Set<string>();
  for (let r = 0; r < n; r++) {
    const row = table.rows[r];
    const key = `${row[iWard].trim()}\u0000${catKey(row)}`;
    if (seen.has(key)) {
      throw new InputError('a ward × category pair appears twice', {
        file: table.file,
        row: r + 2,
        expected: 'one row per ward and minor category',
      });
    }
    seen.add(key);
    rowWard[r] = wardIndex.get(row[iWard].trim())!;
    rowCategory[r] = catIndex.get(catKey(row))!;
    for (let m = 0; m < monthCols.length; m++) {
      const cell = row[monthCols[m][1]].trim();
      if (!/^\d+$/.test(cell)) {
        throw new InputError(`"${cell}" is not a count`, {
          file: table.file,
          row: r + 2,
          column: monthCols[m][0],
          expected: 'a non-negative whole number',
        });
      }
      counts[r * months.length + m] = Number(cell);
    }
  }
  return { file: table.file, months, wards, categories, rowWard, rowCategory, counts };
}

/**
 * Sum of counts per ward over the months `from`..`to` (inclusive, `YYYYMM`) and over the
 * categories `include` accepts, aligned to `wardCodes`: a ward in the file with no row for
 * those categories gets 0; a ward not in the file at all gets NaN (no data).
 */
export function sumWardCrime(
  crime: MpsWardCrime,
  wardCodes: readonly string[],
  include: (c: MpsCategory) => boolean,
  from: string = crime.months[0],
  to: string = crime.months[crime.months.length - 1],
): Float64Array {
  const m0 = crime.months.indexOf(from);
  const m1 = crime.months.indexOf(to);
  if (m0 < 0 || m1 < 0 || m1 < m0) {
    throw new InputError(`month window ${from}..${to} is not in the file`, {
      file: crime.file,
      expected: `months between ${crime.months[0]} and ${crime.months[crime.months.length - 1]}`,
    });
  }
  const target = new Map(wardCodes.map((w, i) => [w, i]));
  const byFileWard = new Float64Array(crime.wards.length);
  const included = crime.categories.map(include);
  const nm = crime.months.length;
  for (let r = 0; r < crime.rowWard.length; r++) {
    if (!included[crime.rowCategory[r]]) continue;
    let s = 0;
    for (let m = m0; m <= m1; m++) s += crime.counts[r * nm + m];
    byFileWard[crime.rowWard[r]] += s;
  }
  const out = new Float64Array(wardCodes.length).fill(NaN);
  for (let w = 0; w < crime.wards.length; w++) {
    const t = target.get(crime.wards[w]);
    if (t !== undefined) out[t] = byFileWard[w];
  }
  return out;
}

/** Ward codes in the crime file that are not among `wardCodes` (their offences would be lost). */
export function unmatchedCrimeWards(crime: MpsWardCrime, wardCodes: readonly string[]): string[] {
  const known = new Set(wardCodes);
  return crime.wards.filter((w) => !known.has(w));
}
