/**
 * GLA ward tables on 2013 ("2011") wards: the Ward Profiles and Atlas (`ward-atlas-data.csv`)
 * and the Ward Profiles 2015. Both are spreadsheet exports holding ward rows mixed with
 * borough, region and country rows; the atlas has a second header row of year labels. This
 * reads the ward rows (and the City of London row, which stands for the City's 25 wards) and
 * gives strict numeric columns: "n/a" and empty cells are missing, anything else that is not a
 * number is an error naming file, row and column.
 */
import { InputError } from '../../../src/core/errors.ts';
import { columnIndex, type CsvTable } from '../../../src/io/csv.ts';
import { csvNumberColumn } from '../../../src/io/csvNumberColumn.ts';

export interface GlaWardTable {
  file: string;
  /** Area codes in file order (E05… wards, and E09000001 for the City). */
  codes: string[];
  /** The numeric column, aligned to `codes`. */
  column(name: string): Float64Array;
}

export interface GlaWardTableOptions {
  /** Header of the column holding GSS codes. */
  codeColumn: string;
  /** Data rows to skip after the header (1 for the atlas's row of year labels). */
  skipRows?: number;
  /** Which codes are areas (default: E05… wards and E09000001, the City of London). */
  isArea?: (code: string) => boolean;
}

const defaultIsArea = (code: string) => code.startsWith('E05') || code === 'E09000001';

export function readGlaWardTable(table: CsvTable, options: GlaWardTableOptions): GlaWardTable {
  const iCode = columnIndex(table, options.codeColumn);
  const isArea = options.isArea ?? defaultIsArea;
  const skip = options.skipRows ?? 0;
  const codes: string[] = [];
  const rowIndex: number[] = [];
  const firstRow = new Map<string, number>();
  for (let r = skip; r < table.rows.length; r++) {
    const code = table.rows[r][iCode].trim();
    if (!isArea(code)) continue;
    const prev = firstRow.get(code);
    if (prev !== undefined) {
      // The ward profiles repeat the City row among the borough rows; identical repeats are harmless.
      if (table.rows[prev].join('\u0000') === table.rows[r].join('\u0000')) continue;
      throw new InputError(`code ${code} appears twice with different values`, {
        file: table.file,
        row: r + 2,
        column: options.codeColumn,
        expected: 'one row per area',
      });
    }
    firstRow.set(code, r);
    codes.push(code);
    rowIndex.push(r);
  }
  return {
    file: table.file,
    codes,
    column: (name: string) => csvNumberColumn(table, rowIndex, name),
  };
}
