/**
 * Reads the codes listed in `robust-candidates.csv` of a robustness output folder (the wards
 * meeting the robustness run's candidate rule); undefined when the file is absent (an older run).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../core/errors.ts';
import { columnIndex, parseCsv } from './csv.ts';
import { readSourceText } from './readText.ts';

export function readRobustCandidates(dir: string): { codes: Set<string>; path: string } | undefined {
  const path = join(dir, 'robust-candidates.csv');
  if (!existsSync(path)) return undefined;
  const t = parseCsv(readSourceText(path), { file: 'robust-candidates.csv' });
  const ci = columnIndex(t, 'code');
  const codes = new Set<string>();
  t.rows.forEach((row, r) => {
    const c = row[ci].trim();
    if (!c)
      throw new InputError('empty code', {
        file: 'robust-candidates.csv',
        row: r + 2,
        column: 'code',
        expected: 'a ward code',
      });
    codes.add(c);
  });
  return { codes, path };
}
