/**
 * The robustness summary the server answers per ward: `robustness.csv` (written by `wardrank
 * robustness`) read by the CLI's reader (`parseRobustnessCsv`), each row cut to the rank's
 * distribution over the sampled method and weight choices, a missing value null.
 */
import { parseRobustnessCsv } from '../io/readRobustness.ts';

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
  const out = new Map<string, RobustnessRow>();
  for (const [code, row] of parseRobustnessCsv(text, label)) {
    const rec = Object.fromEntries(FIELDS.map((f) => [f, Number.isFinite(row[f]) ? row[f] : null]));
    out.set(code, rec as unknown as RobustnessRow);
  }
  return out;
}
