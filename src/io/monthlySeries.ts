/**
 * Reads the monthly recorded-crime series declared by a framework's `monthly:` key
 * (`monthly_crime.csv`: header `area_code,series,month,count`, `month` as `YYYY-MM`, one row for
 * EVERY area × series × month, zeros explicit) into typed columns aligned with the framework's
 * areas: for each series an areas × months `Float64Array` (row-major: `counts[area·T + t]`).
 *
 * Rules, each a located error (file, row, column, expected):
 * - the four columns must be present; `month` must be `YYYY-MM` with a month 01–12;
 * - `count` must be a non-negative whole number (a missing marker is an error too: the contract
 *   writes zeros explicitly);
 * - an area × series × month appearing twice is an error naming both rows;
 * - the months are the calendar months from the earliest to the latest month in the file; a
 *   month with no row at all, or an area × series pair missing some month, is an error naming
 *   the first missing cell (a gap would silently read as zero crime);
 * - area codes that are not areas of the framework are ignored with one warning (another
 *   boundary vintage); framework areas absent from the file (the City of London has no MPS
 *   data) have `hasData = 0` and NaN counts.
 */
import { existsSync } from 'node:fs';
import { InputError, type Problem } from '../core/errors.ts';
import type { MonthlySpec } from '../core/framework.ts';
import { monthLabel, monthOrdinal, type MonthlySeries } from '../core/monthlySeries.ts';
import { columnIndex, parseCsv } from './csv.ts';
import { resolveInside } from './paths.ts';
import { INPUT_LIMITS, readInput } from './inputFile.ts';

export const MONTHLY_COLUMNS = ['area_code', 'series', 'month', 'count'] as const;

/** Parses the file's text against the framework's area codes (no I/O). */
export function parseMonthlySeries(text: string, file: string, codes: readonly string[]): MonthlySeries {
  const t = parseCsv(text, { file });
  const [ci, si, mi, ni] = MONTHLY_COLUMNS.map((c) => columnIndex(t, c));
  if (!t.rows.length) throw new InputError('no data rows', { file, expected: 'one row per area × series × month' });
  const areaIndex = new Map(codes.map((c, i) => [c, i]));
  const unknown = new Set<string>();
  const seriesIndex = new Map<string, number>();
  let first = Infinity;
  let last = -Infinity;
  // First pass: validate cells, find the month range and series.
  const parsed: { area: number; series: number; month: number; count: number; row: number }[] = [];
  t.rows.forEach((row, r) => {
    const rowNo = r + 2;
    const code = row[ci].trim();
    const s = row[si].trim();
    const m = row[mi].trim();
    const c = row[ni].trim();
    if (!code)
      throw new InputError('empty area code', { file, row: rowNo, column: 'area_code', expected: 'an area code' });
    if (!s)
      throw new InputError('empty series id', {
        file,
        row: rowNo,
        column: 'series',
        expected: 'a series id such as violence_with_injury',
      });
    const ord = monthOrdinal(m);
    if (!(ord === ord))
      throw new InputError(`"${m}" is not a month`, {
        file,
        row: rowNo,
        column: 'month',
        expected: 'YYYY-MM, e.g. 2024-04',
      });
    if (!/^\d+$/.test(c)) {
      throw new InputError(c === '' ? 'empty count' : `"${c}" is not a count`, {
        file,
        row: rowNo,
        column: 'count',
        expected: 'a non-negative whole number (zeros written explicitly)',
      });
    }
    if (!seriesIndex.has(s)) seriesIndex.set(s, seriesIndex.size);
    if (ord < first) first = ord;
    if (ord > last) last = ord;
    const a = areaIndex.get(code);
    if (a === undefined) {
      unknown.add(code);
      return;
    }
    parsed.push({ area: a, series: seriesIndex.get(s)!, month: ord, count: Number(c), row: rowNo });
  });
  const T = last - first + 1;
  const n = codes.length;
  const series = [...seriesIndex.keys()];
  const mats = series.map(() => new Float64Array(n * T).fill(NaN));
  const rowOf = series.map(() => new Int32Array(n * T));
  const hasData = new Uint8Array(n);
  for (const p of parsed) {
    const k = p.area * T + (p.month - first);
    const prev = rowOf[p.series][k];
    if (prev) {
      throw new InputError(
        `${codes[p.area]} × ${series[p.series]} × ${monthLabel(p.month)} appears twice (also row ${prev})`,
        {
          file,
          row: p.row,
          expected: 'one row per area × series × month',
        },
      );
    }
    rowOf[p.series][k] = p.row;
    mats[p.series][k] = p.count;
    hasData[p.area] = 1;
  }
  for (let s = 0; s < series.length; s++) {
    for (let a = 0; a < n; a++) {
      if (!hasData[a]) continue;
      for (let m = 0; m < T; m++) {
        if (!rowOf[s][a * T + m]) {
          throw new InputError(`no row for ${codes[a]} × ${series[s]} × ${monthLabel(first + m)}`, {
            file,
            expected: `one row for every area × series × month from ${monthLabel(first)} to ${monthLabel(last)} (zeros explicit)`,
          });
        }
      }
    }
  }
  const warnings: Problem[] = unknown.size
    ? [
        {
          file,
          column: 'area_code',
          message: `${unknown.size} code(s) are not areas of this framework and were ignored (e.g. ${[...unknown].slice(0, 3).join(', ')})`,
          severity: 'warning',
        },
      ]
    : [];
  const months = Array.from({ length: T }, (_, m) => monthLabel(first + m));
  return { file, months, series, counts: new Map(series.map((s, i) => [s, mats[i]])), hasData, areaCount: n, warnings };
}

/**
 * Reads the framework's declared monthly file (path relative to, and inside, the framework
 * folder) and checks that the declared primary series is in it.
 */
export function readMonthlySeries(
  frameworkDir: string,
  spec: MonthlySpec,
  codes: readonly string[],
  label = 'framework.yaml',
): MonthlySeries & { path: string } {
  const path = resolveInside(frameworkDir, spec.file);
  if (!path)
    throw new InputError(`path "${spec.file}" leaves the framework folder`, {
      file: label,
      field: 'monthly.file',
      expected: 'a path inside the folder of the framework file',
    });
  if (!existsSync(path))
    throw new InputError(`file "${spec.file}" not found`, {
      file: label,
      field: 'monthly.file',
      expected: 'an existing file, relative to the framework file',
    });
  // opened with the input checks of every framework file: a FIFO, device or folder in its place,
  // or a file over the table limit, is a located error rather than a read that never ends
  const text = readInput(path, spec.file, INPUT_LIMITS.table).toString('utf8');
  const m = parseMonthlySeries(text, spec.file, codes);
  if (!m.counts.has(spec.primary)) {
    throw new InputError(`the primary series "${spec.primary}" is not in ${spec.file}`, {
      file: label,
      field: 'monthly.primary',
      expected: `one of: ${m.series.join(', ')}`,
    });
  }
  return { ...m, path };
}

export type { MonthlySeries };
