/**
 * Monthly recorded-crime series aligned with a framework's areas (read by
 * `src/io/monthlySeries.ts` from the file the framework's `monthly:` key declares). Pure, so the
 * evaluation maths in `src/select` and the browser can use the same shape.
 */
import type { Problem } from './errors.ts';

export interface MonthlySeries {
  /** File name as shown in messages. */
  file: string;
  /** Calendar months `YYYY-MM`, consecutive, earliest first (T = months.length). */
  months: string[];
  /** Series ids in first-seen order. */
  series: string[];
  /** Per series: areas × months counts, `counts.get(s)[area * T + t]`; NaN for areas without data. */
  counts: Map<string, Float64Array>;
  /** 1 where the area has rows in the file. */
  hasData: Uint8Array;
  /** Number of framework areas (the row count of every matrix). */
  areaCount: number;
  warnings: Problem[];
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Months since year 0 (`YYYY-MM` → 12·YYYY + MM − 1), so consecutive months differ by 1; NaN if not `YYYY-MM`. */
export function monthOrdinal(m: string): number {
  const x = MONTH.exec(m);
  if (!x) return NaN;
  return Number(x[1]) * 12 + Number(x[2]) - 1;
}

/** The inverse of `monthOrdinal`. */
export function monthLabel(ordinal: number): string {
  const y = Math.floor(ordinal / 12);
  const m = ordinal - y * 12 + 1;
  return `${y}-${String(m).padStart(2, '0')}`;
}

/** One area's monthly counts of one series (a view into the matrix, no copy). */
export function areaSeries(m: MonthlySeries, series: string, area: number): Float64Array {
  const T = m.months.length;
  const mat = m.counts.get(series);
  if (!mat) throw new Error(`unknown series ${series}`);
  return mat.subarray(area * T, area * T + T);
}
