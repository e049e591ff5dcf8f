/**
 * The pilot selection written by `wardrank pilots --out` (pilots.csv: one row per chosen pilot
 * ward; comparisons.csv: one row per matched comparison ward), passed through as JSON records,
 * and a ward's place in it for the ward detail view.
 *
 * Column conventions read here: a pilot row names its ward in `code` (or `ward_code`); a
 * comparison row names its ward in `code` (or `comparison_code`, `ward_code`) and the pilot it is
 * matched to in `pilot_code` (or `pilot`).
 */
import { csvRecords, type CsvRecord } from './csvRecords.ts';
import type { CsvTable } from '../io/csv.ts';
import type { EvaluationSummary } from '../core/apiTypes.ts';

export interface PilotTables {
  pilots: CsvRecord[];
  comparisons: CsvRecord[];
  /**
   * balance.csv of the selection (variable, means and standardised
   * mean differences before/after matching, flags), when present.
   */
  balance?: CsvRecord[];
  /** The files in the selection folder (names only). */
  files?: string[];
  /** Summary of evaluation-plan.json, when present (src/server/evaluationSummary.ts). */
  evaluation?: EvaluationSummary;
}

export interface PilotRole {
  role: 'pilot' | 'comparison';
  /** The ward's own row (pilots.csv for a pilot, comparisons.csv for a comparison ward). */
  row: CsvRecord;
  /** For a pilot: its comparison wards' rows; for a comparison ward: the rows naming it. */
  comparisons: CsvRecord[];
}

const PILOT_CODE = ['code', 'ward_code'];
const COMPARISON_CODE = ['code', 'comparison_code', 'ward_code'];
const PILOT_LINK = ['pilot_code', 'pilot'];

export function pilotTables(pilots: CsvTable, comparisons: CsvTable | undefined): PilotTables {
  return { pilots: csvRecords(pilots), comparisons: comparisons ? csvRecords(comparisons) : [] };
}

/** The ward's role in the selection, or null when it is neither a pilot nor a comparison ward. */
export function pilotRole(tables: PilotTables, code: string): PilotRole | null {
  const pilot = tables.pilots.find((r) => firstOf(r, PILOT_CODE) === code);
  if (pilot)
    return {
      role: 'pilot',
      row: pilot,
      comparisons: tables.comparisons.filter((r) => firstOf(r, PILOT_LINK) === code),
    };
  const asComparison = tables.comparisons.filter((r) => firstOf(r, COMPARISON_CODE) === code);
  if (asComparison.length) return { role: 'comparison', row: asComparison[0], comparisons: asComparison };
  return null;
}

function firstOf(row: CsvRecord, columns: readonly string[]): string | undefined {
  for (const c of columns) if (row[c] !== undefined && row[c] !== null && row[c] !== '') return String(row[c]);
  return undefined;
}
