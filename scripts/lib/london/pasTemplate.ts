/**
 * The blank form for the Public Attitudes Survey drop-in: `pas.template.csv` lists every ward
 * (code, name) with one empty column per `pas.csv` column the indicator table declares. An
 * analyst fills in the survey figures and saves it as `pas.csv`; nothing is pre-filled, so the
 * template can never be mistaken for data.
 */
import { columnIndex, formatCsv, type CsvTable } from '../../../src/io/csv.ts';

export const PAS_FILE = 'pas.csv';

/** Value columns of `pas.csv` declared in the indicator table, in table order, without repeats. */
export function pasColumns(indicators: CsvTable): string[] {
  const iFile = columnIndex(indicators, 'file');
  const iCol = columnIndex(indicators, 'column');
  return [...new Set(indicators.rows.filter((r) => r[iFile].trim() === PAS_FILE).map((r) => r[iCol].trim()))];
}

export function pasTemplate(indicators: CsvTable, codes: readonly string[], names: readonly string[]): string {
  const cols = pasColumns(indicators);
  return formatCsv(
    ['code', 'name', ...cols],
    codes.map((c, i) => [c, names[i], ...cols.map(() => '')]),
  );
}
