/**
 * Strict parsing of numeric cells. Spreadsheet exports carry many things that look like
 * numbers and are not; each gets a message that says what to fix instead of becoming a silent
 * NaN or a wrong value.
 *
 * Range rule: a number cell must be 0 or have a magnitude between MIN_MAGNITUDE (1e-15) and
 * MAX_MAGNITUDE (1e15). Everything the tool computes from such cells stays finite: a rate is at
 * most 1e15 / 1e-15 × multiplier (≤ 1e15) = 1e45, its square (in a variance) 1e90, and sums over
 * millions of areas stay far below the largest double (1.8e308). Values outside the range
 * (`1e309`, which overflows to Infinity; `1e155`, whose square would; `1e-320`, a subnormal
 * that makes a rate infinite) are located errors asking for another unit, never a silent
 * Infinity, zero or blank.
 */
export const MIN_MAGNITUDE = 1e-15;
export const MAX_MAGNITUDE = 1e15;

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const MISSING = new Set(['', 'na', 'n/a', '..', ':', '-', 'null']);

export type CellParse = { ok: true; value: number } | { ok: false; problem: string; expected: string };

/** A number, NaN for a recognised missing marker, or a reason the cell is not a number. */
export function parseNumberCell(cell: string): CellParse {
  const s = cell.trim();
  if (MISSING.has(s.toLowerCase())) return { ok: true, value: NaN };
  if (NUMBER.test(s)) {
    const v = Number(s);
    // "1e-400" reads as 0: a non-zero digit that underflowed is out of range, not zero.
    const underflow = v === 0 && /[1-9]/.test(s.split(/[eE]/)[0]);
    return inRange(v, cell, underflow);
  }
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) {
    return {
      ok: false,
      problem: `"${cell}" has a thousands separator`,
      expected: 'a plain number such as 1234.5 (remove the commas)',
    };
  }
  if (/^#/.test(s))
    return {
      ok: false,
      problem: `"${cell}" is a spreadsheet error value`,
      expected: 'a number, or an empty cell for missing',
    };
  if (/^[+-]?(nan|inf|infinity)$/i.test(s))
    return {
      ok: false,
      problem: `"${cell}" is not a finite number`,
      expected: 'a finite number, or an empty cell for missing',
    };
  if (/%$/.test(s) && NUMBER.test(s.slice(0, -1)))
    return {
      ok: false,
      problem: `"${cell}" has a percent sign`,
      expected: 'a plain number (state the unit in the indicator table)',
    };
  return {
    ok: false,
    problem: `"${cell}" is not a number`,
    expected: 'a number, or an empty cell / NA / .. for missing',
  };
}

/**
 * The common cell, quickly: a plain number written without spaces and inside the range, or the
 * empty cell (NaN). Anything else gives undefined, for `parseNumberCell` to decide and explain;
 * whenever this gives a number, `parseNumberCell` gives the same one (test/io/numbers.test.ts).
 */
export function quickNumberCell(cell: string): number | undefined {
  if (cell === '') return NaN;
  if (!NUMBER.test(cell)) return undefined;
  const v = Number(cell);
  if (v === 0) {
    // 0 unless a non-zero mantissa digit underflowed ("1e-400"); -0 reads as 0
    for (let k = 0; k < cell.length; k++) {
      const c = cell.charCodeAt(k);
      if (c === 101 || c === 69) break;
      if (c >= 49 && c <= 57) return undefined;
    }
    return 0;
  }
  const m = v < 0 ? -v : v;
  return m >= MIN_MAGNITUDE && m <= MAX_MAGNITUDE ? v : undefined;
}

/** The range rule above, for a parsed value (`cell` quoted in the message). */
export function inRange(value: number, cell: string = String(value), underflow = false): CellParse {
  const m = Math.abs(value);
  if (!underflow && (value === 0 || (m >= MIN_MAGNITUDE && m <= MAX_MAGNITUDE)))
    return { ok: true, value: value === 0 ? 0 : value };
  const what = underflow
    ? 'underflows a double (it reads as 0)'
    : !Number.isFinite(value)
      ? 'overflows a double (it reads as infinite)'
      : m > MAX_MAGNITUDE
        ? `is larger in magnitude than ${MAX_MAGNITUDE}`
        : `is smaller in magnitude than ${MIN_MAGNITUDE} (and not 0)`;
  return {
    ok: false,
    problem: `"${cell}" ${what}`,
    expected: `a finite number that is 0 or between ${MIN_MAGNITUDE} and ${MAX_MAGNITUDE} in magnitude (rescale the unit, e.g. thousands or per 1,000)`,
  };
}
