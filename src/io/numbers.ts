/**
 * Strict parsing of numeric cells. Spreadsheet exports carry many things that look like
 * numbers and are not; each gets a message that says what to fix instead of becoming a silent
 * NaN or a wrong value.
 */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const MISSING = new Set(['', 'na', 'n/a', '..', ':', '-', 'null']);

export type CellParse = { ok: true; value: number } | { ok: false; problem: string; expected: string };

/** A number, NaN for a recognised missing marker, or a reason the cell is not a number. */
export function parseNumberCell(cell: string): CellParse {
  const s = cell.trim();
  if (MISSING.has(s.toLowerCase())) return { ok: true, value: NaN };
  if (NUMBER.test(s)) return { ok: true, value: Number(s) };
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) {
    return { ok: false, problem: `"${cell}" has a thousands separator`, expected: 'a plain number such as 1234.5 (remove the commas)' };
  }
  if (/^#/.test(s)) return { ok: false, problem: `"${cell}" is a spreadsheet error value`, expected: 'a number, or an empty cell for missing' };
  if (/^[+-]?(nan|inf|infinity)$/i.test(s)) return { ok: false, problem: `"${cell}" is not a finite number`, expected: 'a finite number, or an empty cell for missing' };
  if (/%$/.test(s) && NUMBER.test(s.slice(0, -1))) return { ok: false, problem: `"${cell}" has a percent sign`, expected: 'a plain number (state the unit in the indicator table)' };
  return { ok: false, problem: `"${cell}" is not a number`, expected: 'a number, or an empty cell / NA / .. for missing' };
}
