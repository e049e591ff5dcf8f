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
export function formatCsv(header: readonly string[], rows: Iterable<readonly (string | number | null | undefined)[]>): string {
  const out: string[] = [header.map(csvCell).join(',')];
  for (const row of rows) out.push(row.map(csvCell).join(','));
  return out.join('\n') + '\n';
}
