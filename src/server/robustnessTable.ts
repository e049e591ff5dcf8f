/**
 * Reads `robustness.csv` (written by `wardrank robustness`): per ward, the rank's distribution
 * over the sampled method and weight choices. Columns
 * `code,name,nominal_rank,median_rank,p05_rank,p95_rank,p_top_k,p_top_decile`; numbers parsed
 * strictly (a bad cell is an InputError naming file, row and column); missing → null.
 */
import { columnIndex, parseCsv } from '../io/csv.ts';
import { csvNumberColumn } from '../io/csvNumberColumn.ts';

export interface RobustnessRow {
  median_rank: number | null;
  p05_rank: number | null;
  p95_rank: number | null;
  p_top_k: number | null;
  p_top_decile: number | null;
}

const FIELDS = ['median_rank', 'p05_rank', 'p95_rank', 'p_top_k', 'p_top_decile'] as const;

/** Ward code → its robustness summary. `label` names the file in error messages. */
export function readRobustness(text: string, label: string): Map<string, RobustnessRow> {
  const table = parseCsv(text, { file: label });
  const code = columnIndex(table, 'code');
  const rows = table.rows.map((_, r) => r);
  const columns = FIELDS.map((f) => csvNumberColumn(table, rows, f));
  const out = new Map<string, RobustnessRow>();
  table.rows.forEach((row, r) => {
    const rec = Object.fromEntries(
      FIELDS.map((f, k) => [f, Number.isFinite(columns[k][r]) ? columns[k][r] : null]),
    ) as unknown as RobustnessRow;
    out.set(row[code].trim(), rec);
  });
  return out;
}
