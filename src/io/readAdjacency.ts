/**
 * Reads a queen-contiguity adjacency table (`code,neighbour`, one row per ordered or unordered
 * pair) into pairs of area indices; select's `neighbourSets` makes the graph symmetric. An
 * empty cell is an error naming the row; codes that are not areas of the framework (another boundary vintage,
 * the City of London left out…) are ignored with one warning listing examples.
 */
import { INPUT_LIMITS, readInput } from './inputFile.ts';
import { InputError, type Problem } from '../core/errors.ts';
import { columnIndex, parseCsv } from './csv.ts';

export function readAdjacency(
  path: string,
  label: string,
  codes: readonly string[],
): { pairs: [number, number][]; warnings: Problem[] } {
  const t = parseCsv(readInput(path, label, INPUT_LIMITS.table).toString('utf8'), { file: label });
  const ci = columnIndex(t, 'code');
  const ni = columnIndex(t, 'neighbour');
  const index = new Map(codes.map((c, i) => [c, i]));
  const pairs: [number, number][] = [];
  const unknown = new Set<string>();
  t.rows.forEach((row, r) => {
    const a = row[ci].trim();
    const b = row[ni].trim();
    if (!a || !b)
      throw new InputError('empty code in an adjacency pair', {
        file: label,
        row: r + 2,
        column: a ? 'neighbour' : 'code',
        expected: 'two area codes',
      });
    const ia = index.get(a);
    const ib = index.get(b);
    if (ia === undefined) unknown.add(a);
    if (ib === undefined) unknown.add(b);
    if (ia !== undefined && ib !== undefined) pairs.push([ia, ib]);
  });
  const warnings: Problem[] = unknown.size
    ? [
        {
          file: label,
          column: 'code',
          message: `${unknown.size} code(s) are not areas of this framework and were ignored (e.g. ${[...unknown].slice(0, 3).join(', ')})`,
          severity: 'warning',
        },
      ]
    : [];
  return { pairs, warnings };
}
