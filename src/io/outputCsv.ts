/**
 * CSV for people to open in a spreadsheet: `formatCsv` with formula injection neutralised
 * (OWASP, "CSV Injection"): a text cell beginning with `=`, `+`, `-`, `@`, a tab or a carriage
 * return gets a leading apostrophe, so Excel, LibreOffice and Sheets show it as text instead
 * of evaluating it. Numbers are never changed: numeric cells (JavaScript numbers, and text that
 * is a plain decimal number such as `-1.5` or `1e-3`) are written as they are, so `-1.5` stays a
 * number. Used for every CSV output of `run`, `robustness` and `pilots`; input files and the data
 * build keep the plain `formatCsv` (an apostrophe there would change the data).
 */
import { formatCsv } from './csv.ts';

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The cell as written: text that a spreadsheet would evaluate is prefixed with `'`. */
export function neutraliseFormula<T>(value: T): T | string {
  if (typeof value !== 'string' || !FORMULA_START.test(value) || PLAIN_NUMBER.test(value)) return value;
  return `'${value}`;
}

export function formatOutputCsv(header: readonly string[], rows: Iterable<readonly (string | number | null | undefined)[]>): string {
  const safe = function* () {
    for (const row of rows) yield row.map(neutraliseFormula);
  };
  return formatCsv(header.map((h) => String(neutraliseFormula(h))), safe());
}
