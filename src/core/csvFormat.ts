/**
 * RFC 4180 CSV writing (Shafranovich, RFC 4180, 2005): a cell is quoted when it holds a comma,
 * quote or line break, with quotes doubled; missing and non-finite numbers are empty cells.
 * Pure, so the CLI (via src/io/csv.ts) and the browser map's CSV download share it.
 */
/** Quotes a cell when it contains a comma, quote or line break. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Formats rows as CSV text with a trailing newline. */
export function formatCsv(
  header: readonly string[],
  rows: Iterable<readonly (string | number | null | undefined)[]>,
): string {
  const out: string[] = [header.map(csvCell).join(',')];
  for (const row of rows) out.push(row.map(csvCell).join(','));
  return out.join('\n') + '\n';
}

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A cell as written to a CSV output meant for spreadsheets, with formula injection neutralised
 * (OWASP, "CSV Injection"): text beginning with `=`, `+`, `-`, `@`, a tab or a carriage return
 * gets a leading apostrophe, so Excel, LibreOffice and Sheets show it as text. Numbers are never
 * changed: JavaScript numbers, and text that is a plain decimal number (`-1.5`, `+3`, `1e-3`).
 */
export function neutraliseFormula<T>(value: T): T | string {
  if (typeof value !== 'string' || !FORMULA_START.test(value) || PLAIN_NUMBER.test(value)) return value;
  return `'${value}`;
}

/**
 * formatCsv with neutraliseFormula on every cell: for the CSV
 * outputs of run, robustness and pilots (not for data files).
 */
export function formatOutputCsv(
  header: readonly string[],
  rows: Iterable<readonly (string | number | null | undefined)[]>,
): string {
  const safe = function* () {
    for (const row of rows) yield row.map(neutraliseFormula);
  };
  return formatCsv(
    header.map((h) => String(neutraliseFormula(h))),
    safe(),
  );
}
