/**
 * Small SVG charts and HTML tables for the notebooks (shown with tslab's `display.html`).
 * Plain strings, no plotting library: a bar chart, a scatter plot and a choropleth map.
 * Text is escaped with the audit report's `esc`, tables come from its `table` builder.
 */
import { engine } from './engine';

const html = engine('./src/audit/report/html.ts');
export const esc: (s: string | number) => string = html.esc;

/** An HTML table from plain values (numbers rounded to `digits`). */
export function valueTable(header: string[], rows: (string | number)[][], digits = 2): string {
  const cell = (v: string | number) =>
    typeof v === 'number'
      ? { html: Number.isFinite(v) ? v.toFixed(Number.isInteger(v) ? 0 : digits) : '–', cls: 'num' }
      : esc(v);
  return (
    `<style>td.num{text-align:right}</style>` +
    html.table(
      header,
      rows.map((r) => r.map(cell)),
    )
  );
}

export interface BarOptions {
  title: string;
  width?: number;
  colour?: string;
  digits?: number;
}

/** Horizontal bars, one per label, longest first as given. */
export function barChart(labels: string[], values: number[], o: BarOptions): string {
  const rowH = 18;
  const labelW = Math.min(260, 10 + 6.2 * Math.max(...labels.map((l) => l.length)));
  const barW = (o.width ?? 640) - labelW - 60;
  const max = Math.max(...values.filter(Number.isFinite), 1e-9);
  const h = labels.length * rowH + 28;
  const rows = labels
    .map((l, i) => {
      const y = 24 + i * rowH;
      const w = Number.isFinite(values[i]) ? (Math.max(0, values[i]) / max) * barW : 0;
      return (
        `<text x="${labelW - 6}" y="${y + 12}" font-size="11" text-anchor="end">${esc(l)}</text>` +
        `<rect x="${labelW}" y="${y + 2}" width="${w.toFixed(1)}" height="${rowH - 5}" fill="${o.colour ?? '#0072B2'}"/>` +
        `<text x="${labelW + w + 4}" y="${y + 12}" font-size="10">${Number.isFinite(values[i]) ? values[i].toFixed(o.digits ?? 2) : '–'}</text>`
      );
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${o.width ?? 640}" height="${h}" font-family="sans-serif"><text x="0" y="14" font-size="13" font-weight="bold">${esc(o.title)}</text>${rows}</svg>`;
}

export interface ScatterOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  size?: number;
  /** Indices drawn in orange on top. */
  highlight?: number[];
  /** Draw y = x. */
  diagonal?: boolean;
}

export function scatter(x: ArrayLike<number>, y: ArrayLike<number>, o: ScatterOptions): string {
  const size = o.size ?? 420;
  const pad = 44;
  const xs = Array.from(x).filter(Number.isFinite);
  const ys = Array.from(y).filter(Number.isFinite);
  const lo = Math.min(...xs, ...(o.diagonal ? ys : []));
  const hi = Math.max(...xs, ...(o.diagonal ? ys : []));
  const ylo = o.diagonal ? lo : Math.min(...ys);
  const yhi = o.diagonal ? hi : Math.max(...ys);
  const sx = (v: number) => pad + ((v - lo) / (hi - lo || 1)) * (size - pad - 10);
  const sy = (v: number) => size - pad - ((v - ylo) / (yhi - ylo || 1)) * (size - pad - 24);
  const hl = new Set(o.highlight ?? []);
  const dot = (i: number, fill: string, r: number) =>
    Number.isFinite(x[i]) && Number.isFinite(y[i])
      ? `<circle cx="${sx(x[i]).toFixed(1)}" cy="${sy(y[i]).toFixed(1)}" r="${r}" fill="${fill}" fill-opacity="0.6"/>`
      : '';
  const dots =
    Array.from({ length: x.length }, (_, i) => (hl.has(i) ? '' : dot(i, '#0072B2', 2))).join('') +
    [...hl].map((i) => dot(i, '#D55E00', 3.5)).join('');
  const diag = o.diagonal
    ? `<line x1="${sx(lo)}" y1="${sy(lo)}" x2="${sx(hi)}" y2="${sy(hi)}" stroke="#999" stroke-dasharray="4 3"/>`
    : '';
  const axes =
    `<line x1="${pad}" y1="${size - pad}" x2="${size - 10}" y2="${size - pad}" stroke="#333"/><line x1="${pad}" y1="24" x2="${pad}" y2="${size - pad}" stroke="#333"/>` +
    `<text x="${pad}" y="${size - pad + 14}" font-size="10">${lo.toFixed(0)}</text><text x="${size - 10}" y="${size - pad + 14}" font-size="10" text-anchor="end">${hi.toFixed(0)}</text>` +
    `<text x="${(size + pad) / 2}" y="${size - 8}" font-size="11" text-anchor="middle">${esc(o.xLabel)}</text>` +
    `<text transform="translate(12,${size / 2}) rotate(-90)" font-size="11" text-anchor="middle">${esc(o.yLabel)}</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" font-family="sans-serif"><text x="0" y="14" font-size="13" font-weight="bold">${esc(o.title)}</text>${axes}${diag}${dots}</svg>`;
}

export interface MapOptions {
  title: string;
  width?: number;
  /** Legend entries: colour and label. */
  legend?: [string, string][];
  /** Outline features (e.g. boroughs) drawn on top without fill. */
  outline?: { features: { geometry: any }[] };
}

/**
 * A choropleth of lon/lat polygons: equirectangular projection scaled by cos(mean latitude)
 * (fine at city scale), vertices snapped to half-pixels and repeats dropped to keep the SVG small.
 */
export function choropleth(
  fc: { features: { properties: any; geometry: any }[] },
  fill: (properties: any) => string,
  o: MapOptions,
): string {
  const width = o.width ?? 640;
  const rings = (g: any): number[][][] =>
    g.type === 'Polygon' ? g.coordinates : g.type === 'MultiPolygon' ? g.coordinates.flat() : [];
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of fc.features)
    for (const r of rings(f.geometry))
      for (const [x, y] of r) [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
  const k = Math.cos((((y0 + y1) / 2) * Math.PI) / 180);
  const scale = (width - 20) / ((x1 - x0) * k);
  const height = Math.ceil((y1 - y0) * scale) + 50;
  const px = (x: number, y: number) => [
    Math.round(((x - x0) * k * scale + 10) * 2) / 2,
    Math.round(((y1 - y) * scale + 30) * 2) / 2,
  ];
  const pathOf = (g: any) =>
    rings(g)
      .map((r) => {
        const pts: string[] = [];
        for (const [x, y] of r) {
          const p = px(x, y).join(',');
          if (pts[pts.length - 1] !== p) pts.push(p);
        }
        return pts.length > 2 ? `M${pts.join('L')}Z` : '';
      })
      .join('');
  const areas = fc.features
    .map((f) => `<path d="${pathOf(f.geometry)}" fill="${fill(f.properties)}" stroke="#fff" stroke-width="0.3"/>`)
    .join('');
  const outline = o.outline
    ? o.outline.features
        .map((f) => `<path d="${pathOf(f.geometry)}" fill="none" stroke="#222" stroke-width="0.8"/>`)
        .join('')
    : '';
  const legend = (o.legend ?? [])
    .map(
      ([c, label], i) =>
        `<rect x="${10 + i * 58}" y="${height - 14}" width="12" height="10" fill="${c}"/><text x="${26 + i * 58}" y="${height - 5}" font-size="9">${esc(label)}</text>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif"><text x="0" y="14" font-size="13" font-weight="bold">${esc(o.title)}</text>${areas}${outline}${legend}</svg>`;
}
