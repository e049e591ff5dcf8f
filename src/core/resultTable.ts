/**
 * The results table: one row per area with ranks, scores and every indicator raw (crude rate),
 * smoothed (indicators declaring `smooth` only), treated and normalised, plus flags. One
 * definition of the columns feeds CSV, Arrow and GeoJSON outputs.
 */
import type { Result } from './types.ts';

export interface ResultColumn {
  name: string;
  kind: 'string' | 'number';
  values: (i: number) => string | number;
  /** The column itself when it is stored as one (values(i) is array[i]), so writers read it without a call per cell. */
  array?: Float64Array;
}

export function resultColumns(r: Result): ResultColumn[] {
  const a = r.areas;
  const boroughLevel = r.indicatorIds.filter(
    (id) => r.framework.indicators.find((s) => s.id === id)?.level === 'borough',
  );
  const boroughLevelText = boroughLevel.join(';');
  const missingMeasures = r.measureIds.map((m) => {
    const v = r.measures[m];
    return (i: number) => v[i] !== v[i];
  });
  const imputed = r.indicatorIds.map((id) => {
    const v = r.imputed[id];
    return (i: number) => v[i] === 1;
  });
  const cols: ResultColumn[] = [
    { name: 'code', kind: 'string', values: (i) => a.codes[i] },
    { name: 'name', kind: 'string', values: (i) => a.names[i] },
    { name: 'borough_code', kind: 'string', values: (i) => a.parentCodes[a.parent[i]] ?? '' },
    { name: 'borough_name', kind: 'string', values: (i) => a.parentNames[a.parent[i]] ?? '' },
    stored('rank', r.rank),
    { name: 'decile', kind: 'number', values: (i) => (r.decile[i] === 0 ? NaN : r.decile[i]) },
    stored('borough_rank', r.parentRank),
    stored('index', r.index),
    ...r.categoryIds.map((id) => stored(`category_${id}`, r.categories[id])),
    ...r.measureIds.map((id) => stored(`measure_${id}`, r.measures[id])),
  ];
  for (const id of r.indicatorIds) {
    cols.push(
      stored(`${id}_raw`, r.raw[id]),
      ...(r.smoothed[id] ? [stored(`${id}_smoothed`, r.smoothed[id])] : []),
      stored(`${id}_treated`, r.treated[id]),
      stored(`${id}_normalised`, r.normalised[id]),
    );
  }
  cols.push(
    { name: 'flag_not_ranked', kind: 'number', values: (i) => (r.rank[i] === r.rank[i] ? 0 : 1) },
    {
      name: 'flag_missing_measures',
      kind: 'string',
      values: (i) => namesWhere(r.measureIds, missingMeasures, i),
    },
    {
      name: 'flag_imputed',
      kind: 'string',
      values: (i) => namesWhere(r.indicatorIds, imputed, i),
    },
    { name: 'flag_borough_level', kind: 'string', values: () => boroughLevelText },
    // Area flags declared in areas.flag_columns (e.g. central_activity), under their own names.
    ...Object.entries(a.flags ?? {}).map(([name, v]) => ({
      name,
      kind: 'number' as const,
      values: (i: number) => v[i],
    })),
  );
  return cols;
}

function stored(name: string, array: Float64Array): ResultColumn {
  return { name, kind: 'number', values: (i) => array[i], array };
}

/** The names whose test holds for row i, joined by ';' (most rows have none: no array built for them). */
function namesWhere(names: readonly string[], tests: readonly ((i: number) => boolean)[], i: number): string {
  let out: string | undefined;
  for (let k = 0; k < names.length; k++) if (tests[k](i)) out = out === undefined ? names[k] : `${out};${names[k]}`;
  return out ?? '';
}

/** Rounds to 10 significant digits so outputs are stable and readable (doubles print noise past that). */
export function roundForOutput(v: number): number {
  return Number.isFinite(v) ? Number(v.toPrecision(10)) : v;
}

/**
 * The CSV text of `roundForOutput(v)` (empty for NaN and ±Infinity), built from `toPrecision(10)`
 * without parsing it back and printing it again: integers of at most 10 digits print as they are;
 * a plain-notation `toPrecision` result loses its trailing fractional zeros (so "12.34500000"
 * gives "12.345", what String(Number("12.34500000")) gives); exponent notation (|v| ≥ 10¹⁰ or
 * < 10⁻⁶, where the two notations differ) goes the long way. Equal to
 * `csvCell(roundForOutput(v))` for every double (tested).
 */
export function outputNumberText(v: number): string {
  if (v !== v || v === Infinity || v === -Infinity) return '';
  if (Number.isInteger(v) && v < 1e10 && v > -1e10) return String(v);
  const p = v.toPrecision(10);
  if (p.indexOf('e') >= 0) {
    // near Number.MAX_VALUE rounding to 10 digits overflows to Infinity: an empty cell, as csvCell gives
    const r = Number(p);
    return Number.isFinite(r) ? String(r) : '';
  }
  if (p.indexOf('.') < 0) return p;
  let end = p.length;
  while (p.charCodeAt(end - 1) === 48) end--;
  if (p.charCodeAt(end - 1) === 46) end--;
  return p.slice(0, end);
}

/** 10^k for k = 0…15, each exact as a double. */
const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * Writes `outputNumberText(v)` as ASCII bytes into `buf` at `at` (which must have 24 bytes of
 * room) and returns the position after it: the same text for every double (tested), without a
 * string per number. Integers of at most 10 digits are written digit by digit. Other numbers of
 * magnitude 10⁻⁶ … 10¹⁰ (where toPrecision(10) prints plain notation) are scaled to ten
 * significant digits, s = |v| · 10^k with 10^k exact, and rounded: the one rounding of the product
 * moves s by at most half an ulp (< 10⁻⁶ for s < 10¹⁰), so when s is more than 10⁻⁵ from a
 * rounding tie (x.5) the rounded digits are those of toPrecision's exact decimal rounding.
 * Near ties, and everything else, take outputNumberText itself.
 */
export function putOutputNumber(buf: Uint8Array, at: number, v: number): number {
  if (Number.isInteger(v) && v < 1e10 && v > -1e10) {
    if (v < 0) {
      buf[at++] = 45; // '-'
      v = -v;
    }
    return putDigits(buf, at, v);
  }
  if (v !== v || v === Infinity || v === -Infinity) return at;
  const a = v < 0 ? -v : v;
  if (a >= 1e-6 && a < 1e10) {
    let k = 9 - Math.floor(Math.log10(a));
    let s = a * POW10[k];
    if (s >= 1e10) s = a * POW10[--k];
    else if (s < 1e9) s = a * POW10[++k];
    const whole = Math.floor(s);
    const frac = s - whole;
    if (k >= 0 && k <= 15 && s >= 1e9 && s < 1e10 && (frac < 0.5 - 1e-5 || frac > 0.5 + 1e-5)) {
      let digits = frac > 0.5 ? whole + 1 : whole;
      if (digits === 1e10) {
        digits = 1e9;
        k--;
      }
      if (k >= 0) {
        if (v < 0) buf[at++] = 45;
        return putSignificand(buf, at, digits, 9 - k);
      }
    }
  }
  const text = outputNumberText(v);
  for (let j = 0; j < text.length; j++) buf[at++] = text.charCodeAt(j);
  return at;
}

/** A non-negative integer below 10¹⁰ in decimal. */
function putDigits(buf: Uint8Array, at: number, v: number): number {
  let len = 1;
  while (len < 10 && v >= POW10[len]) len++;
  const end = at + len;
  let p = end - 1;
  // above 2³¹ − 1, double arithmetic (exact on integers) until the rest fits int32 arithmetic
  for (; v > 0x7fffffff; p--) {
    const q = Math.floor(v / 10);
    buf[p] = 48 + (v - q * 10);
    v = q;
  }
  let x = v | 0;
  for (; p >= at; p--) {
    const q = (x / 10) | 0;
    buf[p] = 48 + x - q * 10;
    x = q;
  }
  return end;
}

/**
 * Ten significant digits (an integer in [10⁹, 10¹⁰)) times 10^(e − 9), −6 ≤ e ≤ 9, in plain
 * notation without trailing fractional zeros: what toPrecision(10) prints, trimmed.
 */
function putSignificand(buf: Uint8Array, at: number, digits: number, e: number): number {
  let last = 10; // digits kept: trailing zeros go
  while (last > 1 && last > e + 1 && digits % POW10[11 - last] === 0) last--;
  const kept = Math.floor(digits / POW10[10 - last]);
  if (e < 0) {
    buf[at++] = 48; // 0
    buf[at++] = 46; // .
    for (let z = 1; z < -e; z++) buf[at++] = 48;
    return putDigits(buf, at, kept);
  }
  if (last <= e + 1) return putDigits(buf, at, kept);
  // digits before the point, the point, then the rest
  const intPart = Math.floor(kept / POW10[last - e - 1]);
  at = putDigits(buf, at, intPart);
  buf[at++] = 46;
  const fracDigits = last - e - 1;
  let rest = kept - intPart * POW10[fracDigits];
  for (let p = at + fracDigits - 1; p >= at; p--) {
    const q = Math.floor(rest / 10);
    buf[p] = 48 + (rest - q * 10);
    rest = q;
  }
  return at + fracDigits;
}
