/**
 * LSOA 2021 → current ward, and LSOA 2021 populations, for London:
 *  - ONS "LSOA (2021) to Electoral Ward (2025) to LAD (2025) Best Fit Lookup" (in London the
 *    WD25CD codes are the December 2022 ward codes; 4,994 LSOAs → 684 wards);
 *  - Census 2021 usual residents per LSOA 2021 (`LSOA21Denom` of the LSOA 2011 ↔ 2021
 *    postcode-based lookup; one value per LSOA 2021, repeated on each of its overlap rows).
 * The City of London's wards are one base area, keyed by the City's district code E09000001
 * (the 2022 base geography merges them, as the 2018 one did).
 */
import { InputError } from '../../../src/core/errors.ts';
import { columnIndex, type CsvTable } from '../../../src/io/csv.ts';
import { parseNumberCell } from '../../../src/io/numbers.ts';

export const CITY_OF_LONDON = 'E09000001';

export interface LsoaWard {
  lsoa: string;
  /** Base-area code: the 2022 ward code, or E09000001 for an LSOA in the City. */
  area: string;
  ward: string;
  wardName: string;
  borough: string;
  boroughName: string;
}

/** The London rows (LAD code E09…) of the best-fit lookup, sorted by LSOA code. */
export function readLsoaWardLookup(table: CsvTable): LsoaWard[] {
  const [iL, iW, iWn, iB, iBn] = ['LSOA21CD', 'WD25CD', 'WD25NM', 'LAD25CD', 'LAD25NM'].map((c) =>
    columnIndex(table, c),
  );
  const out: LsoaWard[] = [];
  const seen = new Set<string>();
  table.rows.forEach((r, k) => {
    const borough = r[iB].trim();
    if (!borough.startsWith('E09')) return;
    const lsoa = r[iL].trim();
    if (seen.has(lsoa))
      throw new InputError(`LSOA ${lsoa} appears twice`, {
        file: table.file,
        row: k + 2,
        column: 'LSOA21CD',
        expected: 'one ward per LSOA (best fit)',
      });
    seen.add(lsoa);
    const ward = r[iW].trim();
    out.push({
      lsoa,
      ward,
      area: borough === CITY_OF_LONDON ? CITY_OF_LONDON : ward,
      wardName: r[iWn].trim(),
      borough,
      boroughName: r[iBn].trim(),
    });
  });
  return out.sort((a, b) => (a.lsoa < b.lsoa ? -1 : 1));
}

/** LSOA 2021 code → Census 2021 usual residents (`LSOA21Denom`), for the LSOAs asked for. */
export function readCensus2021LsoaPopulation(table: CsvTable, lsoas: ReadonlySet<string>): Map<string, number> {
  const iL = columnIndex(table, 'LSOA21CD');
  const iD = columnIndex(table, 'LSOA21Denom');
  const out = new Map<string, number>();
  table.rows.forEach((r, k) => {
    const code = r[iL].trim();
    if (!lsoas.has(code)) return;
    const p = parseNumberCell(r[iD]);
    if (!p.ok || p.value < 0)
      throw new InputError(p.ok ? `negative population ${p.value}` : p.problem, {
        file: table.file,
        row: k + 2,
        column: 'LSOA21Denom',
        expected: 'a count ≥ 0',
      });
    const prev = out.get(code);
    if (prev !== undefined && prev !== p.value)
      throw new InputError(`LSOA ${code} has two different LSOA21Denom values (${prev}, ${p.value})`, {
        file: table.file,
        row: k + 2,
        column: 'LSOA21Denom',
        expected: 'the same population on every row of an LSOA 2021',
      });
    out.set(code, p.value);
  });
  const missing = [...lsoas].filter((c) => !out.has(c));
  if (missing.length)
    throw new InputError(
      `${missing.length} London LSOAs have no Census 2021 population (e.g. ${missing.slice(0, 3).join(', ')})`,
      { file: table.file, column: 'LSOA21CD', expected: 'every LSOA 2021 of the ward lookup' },
    );
  return out;
}

/** Σ of an LSOA value over each base area, aligned to `areaCodes`; throws if an LSOA's area is not among them. */
export function sumByArea(
  lookup: readonly LsoaWard[],
  value: (lsoa: string) => number,
  areaCodes: readonly string[],
  file: string,
): Float64Array {
  const index = new Map(areaCodes.map((c, i) => [c, i]));
  const out = new Float64Array(areaCodes.length);
  for (const l of lookup) {
    const i = index.get(l.area);
    if (i === undefined)
      throw new InputError(`LSOA ${l.lsoa} lies in ward ${l.ward}, which is not a base area`, {
        file,
        expected: 'a ward of the 2022 base geography',
      });
    out[i] += value(l.lsoa);
  }
  return out;
}
