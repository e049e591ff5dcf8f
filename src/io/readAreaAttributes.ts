/**
 * Optional per-area columns of the framework's areas CSV that pilot selection uses beyond what
 * the core reads: `lon`,`lat` (a centroid in degrees) and `inner_outer` (inner/outer London).
 * Aligned to `codes` by the code column; absent columns come back undefined.
 */
import { INPUT_LIMITS, readInput } from './inputFile.ts';
import { InputError } from '../core/errors.ts';
import { columnIndex, parseCsv } from './csv.ts';
import { parseNumberCell } from './numbers.ts';

export interface AreaAttributes {
  lon?: Float64Array;
  lat?: Float64Array;
  innerOuter?: string[];
}

export function readAreaAttributes(
  path: string,
  label: string,
  codeColumn: string,
  codes: readonly string[],
): AreaAttributes {
  const t = parseCsv(readInput(path, label, INPUT_LIMITS.table).toString('utf8'), { file: label });
  const ci = columnIndex(t, codeColumn);
  const index = new Map(codes.map((c, i) => [c, i]));
  const rowOf = new Int32Array(codes.length).fill(-1);
  t.rows.forEach((row, r) => {
    const i = index.get(row[ci].trim());
    if (i !== undefined) rowOf[i] = r;
  });
  const has = (c: string) => t.header.includes(c);
  const numbers = (c: string, lo: number, hi: number): Float64Array => {
    const k = t.header.indexOf(c);
    return Float64Array.from(rowOf, (r) => {
      if (r < 0) return NaN;
      const p = parseNumberCell(t.rows[r][k]);
      if (!p.ok) throw new InputError(p.problem, { file: label, row: r + 2, column: c, expected: p.expected });
      if (p.value < lo || p.value > hi)
        throw new InputError(`${c} ${p.value} is out of range`, {
          file: label,
          row: r + 2,
          column: c,
          expected: `degrees between ${lo} and ${hi}`,
        });
      return p.value;
    });
  };
  const out: AreaAttributes = {};
  if (has('lon') && has('lat')) {
    out.lon = numbers('lon', -180, 180);
    out.lat = numbers('lat', -90, 90);
  }
  if (has('inner_outer')) {
    const k = t.header.indexOf('inner_outer');
    out.innerOuter = Array.from(rowOf, (r) => (r < 0 ? '' : t.rows[r][k].trim().toLowerCase()));
  }
  return out;
}
