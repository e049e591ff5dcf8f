/**
 * A small inline SVG histogram (bars scaled to the tallest bin, min and max labelled), sized
 * for a table cell: one per indicator, raw and after treatment.
 */
import type { Histogram } from '../histogram.ts';
import { MEASURED } from './colours.ts';
import { esc } from './html.ts';

export function histogramSvg(h: Histogram, label: string, width = 160, height = 48, fill = MEASURED): string {
  const pad = 10;
  const barsH = height - pad;
  const maxCount = Math.max(1, ...h.counts);
  const bw = width / h.counts.length;
  const bars = h.counts
    .map((c, i) => {
      const bh = (c / maxCount) * (barsH - 2);
      return c > 0
        ? `<rect x="${(i * bw).toFixed(1)}" y="${(barsH - bh).toFixed(1)}" width="${Math.max(bw - 1, 0.5).toFixed(1)}" height="${bh.toFixed(1)}" fill="${fill}"/>`
        : '';
    })
    .join('');
  const fmt = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(3)).toString() : '–');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(label)}">` +
    `<title>${esc(label)}</title>${bars}<line x1="0" y1="${barsH}" x2="${width}" y2="${barsH}" stroke="#555" stroke-width="0.5"/>` +
    `<text x="0" y="${height - 1}" font-size="8">${esc(fmt(h.min))}</text>` +
    `<text x="${width}" y="${height - 1}" font-size="8" text-anchor="end">${esc(fmt(h.max))}</text></svg>`
  );
}
