/** Tiny DOM helpers: build elements with text (never innerHTML from data, so names cannot inject markup). */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) e.append(c);
  return e;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`#${id} missing from index.html`);
  return e as T;
}

/** A number for people: 3 significant digits, thousands separators, "–" when missing. */
export function fmt(v: number | null | undefined, digits = 3): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  const a = Math.abs(v);
  if (a >= 1000) return Math.round(v).toLocaleString('en-GB');
  if (a === 0) return '0';
  return Number(v.toPrecision(digits)).toLocaleString('en-GB', { maximumFractionDigits: 6 });
}

/** A rank: whole ranks as integers, tied (averaged) ranks with one decimal. */
export function fmtRank(r: number | null | undefined): string {
  if (r === null || r === undefined || !Number.isFinite(r)) return 'not ranked';
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
}
