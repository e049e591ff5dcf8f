/**
 * Reads `robustness.csv` from a robustness output folder (columns
 * `code,nominal_rank,median_rank,p05_rank,p95_rank,p_top_k,p_top_decile`) into a map by code,
 * for the pilots' rank intervals in the decision note and the served map.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../core/errors.ts';
import type { RobustnessRow } from '../core/types.ts';
import { csvNumberColumn } from './csvNumberColumn.ts';
import { columnIndex, parseCsv } from './csv.ts';
import { INPUT_LIMITS, readInput } from './inputFile.ts';

const COLUMNS = ['nominal_rank', 'median_rank', 'p05_rank', 'p95_rank', 'p_top_k', 'p_top_decile'] as const;

export function readRobustness(dir: string): { rows: Map<string, RobustnessRow>; path: string } {
  const path = join(dir, 'robustness.csv');
  if (!existsSync(path))
    throw new InputError('robustness.csv not found in the robustness folder', {
      file: path,
      expected: 'the output folder of `wardrank robustness`',
    });
  return {
    rows: parseRobustnessCsv(readInput(path, path, INPUT_LIMITS.table).toString('utf8'), 'robustness.csv'),
    path,
  };
}

/**
 * The rows of a robustness.csv text by ward code; numbers parsed strictly (a bad cell is an
 * InputError naming `label`, row and column), a missing value NaN.
 */
export function parseRobustnessCsv(text: string, label: string): Map<string, RobustnessRow> {
  const t = parseCsv(text, { file: label });
  const ci = columnIndex(t, 'code');
  const all = t.rows.map((_, r) => r);
  const cols = Object.fromEntries(COLUMNS.map((c) => [c, csvNumberColumn(t, all, c)])) as Record<
    (typeof COLUMNS)[number],
    Float64Array
  >;
  const rows = new Map<string, RobustnessRow>();
  t.rows.forEach((row, r) =>
    rows.set(row[ci].trim(), Object.fromEntries(COLUMNS.map((c) => [c, cols[c][r]])) as unknown as RobustnessRow),
  );
  return rows;
}
