/**
 * A crosswalk as a flat table (`source_code,target_code,share,method`), the form shipped in
 * `data/london-2018/crosswalk_*.csv`, and back. The method column says how each source unit was
 * apportioned ("population", or "area" for the population method's area fallback), so a
 * reader of the CSV sees the method without the code.
 */
import { InputError } from '../../../src/core/errors.ts';
import type { Crosswalk } from './crosswalk.ts';

export const CROSSWALK_COLUMNS = ['source_code', 'target_code', 'share', 'method'] as const;

/**
 * Rows of the crosswalk table. Shares are written with 12 significant digits, so per source
 * they still sum to 1 within 1e-10 when read back.
 */
export function crosswalkRows(cw: Crosswalk): string[][] {
  const fallback = new Set(cw.areaFallback);
  const rows: string[][] = [];
  for (let k = 0; k < cw.share.length; k++) {
    const code = cw.sourceCodes[cw.source[k]];
    rows.push([code, cw.targetCodes[cw.target[k]], formatShare(cw.share[k]), fallback.has(code) ? 'area' : cw.method]);
  }
  return rows;
}

/** A share as text: 12 significant digits, no exponent, no trailing zeros ("1" for 1). */
export function formatShare(x: number): string {
  return String(Number(x.toPrecision(12)));
}

/**
 * Rebuilds a Crosswalk from table rows (cells in CROSSWALK_COLUMNS order). Source and target
 * codes are listed in order of first appearance unless given; `sourceWeight` is unknown in a
 * table and set to NaN (missing shares are then weighed by shares alone).
 */
export function crosswalkFromRows(
  rows: readonly (readonly string[])[],
  opts: { file: string; sourceCodes?: string[]; targetCodes?: string[] },
): Crosswalk {
  const sourceCodes = opts.sourceCodes ? [...opts.sourceCodes] : [];
  const targetCodes = opts.targetCodes ? [...opts.targetCodes] : [];
  const sIndex = new Map(sourceCodes.map((c, i) => [c, i]));
  const tIndex = new Map(targetCodes.map((c, i) => [c, i]));
  const lookup = (
    map: Map<string, number>,
    list: string[],
    code: string,
    fixed: boolean,
    row: number,
    column: string,
  ): number => {
    let i = map.get(code);
    if (i === undefined) {
      if (fixed)
        throw new InputError(`unknown code ${code}`, {
          file: opts.file,
          row,
          column,
          expected: 'a code of the given list',
        });
      i = list.length;
      list.push(code);
      map.set(code, i);
    }
    return i;
  };
  const source = new Int32Array(rows.length);
  const target = new Int32Array(rows.length);
  const share = new Float64Array(rows.length);
  const methods = new Set<string>();
  const fallback = new Set<string>();
  rows.forEach((r, k) => {
    const row = k + 2;
    source[k] = lookup(sIndex, sourceCodes, r[0], !!opts.sourceCodes, row, 'source_code');
    target[k] = lookup(tIndex, targetCodes, r[1], !!opts.targetCodes, row, 'target_code');
    share[k] = Number(r[2]);
    if (r[2] === '' || !(share[k] >= 0 && share[k] <= 1)) {
      throw new InputError(`share "${r[2]}" is not a number in [0, 1]`, {
        file: opts.file,
        row,
        column: 'share',
        expected: 'a share in [0, 1]',
      });
    }
    if (r[3] !== 'area' && r[3] !== 'population') {
      throw new InputError(`method "${r[3]}" is unknown`, {
        file: opts.file,
        row,
        column: 'method',
        expected: '"area" or "population"',
      });
    }
    methods.add(r[3]);
    if (r[3] === 'area') fallback.add(r[0]);
  });
  const method = methods.has('population') ? 'population' : 'area';
  const covered = new Set(source);
  return {
    method,
    sourceCodes,
    targetCodes,
    source,
    target,
    share,
    sourceWeight: new Float64Array(sourceCodes.length).fill(NaN),
    areaFallback: method === 'population' ? [...fallback] : [],
    uncovered: sourceCodes.filter((_, i) => !covered.has(i)),
    notes: [`read from ${opts.file}`],
  };
}
