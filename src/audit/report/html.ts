/**
 * Small string builders for the audit report: escaping, number formatting, tables. The report
 * is one self-contained HTML file (inline CSS and SVG, no scripts, no external assets), so it
 * prints and opens offline exactly as written.
 */

/** Escapes the five characters with meaning in HTML text and attribute values. */
export function esc(s: string | number): string {
  return String(s).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** A number with `digits` decimals, or an en dash when missing. */
export function num(v: number, digits = 2): string {
  return Number.isFinite(v) ? v.toFixed(digits) : '–';
}

/** A share as a percentage. */
export function pct(v: number, digits = 0): string {
  return Number.isFinite(v) ? `${(100 * v).toFixed(digits)} %` : '–';
}

export interface Cell {
  html: string;
  /** CSS class (e.g. "num", "flag"). */
  cls?: string;
}

/** An HTML table; cells are HTML already (escape text with `esc`). */
export function table(header: string[], rows: (string | Cell)[][], caption?: string): string {
  const td = (c: string | Cell) =>
    typeof c === 'string' ? `<td>${c}</td>` : `<td${c.cls ? ` class="${c.cls}"` : ''}>${c.html}</td>`;
  return (
    `<table>${caption ? `<caption>${esc(caption)}</caption>` : ''}<thead><tr>${header.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>` +
    `<tbody>${rows.map((r) => `<tr>${r.map(td).join('')}</tr>`).join('')}</tbody></table>`
  );
}

/** A right-aligned numeric cell, flagged when `flag` is true. */
export function numCell(v: number, digits = 2, flag = false): Cell {
  return { html: num(v, digits), cls: flag ? 'num flag' : 'num' };
}
