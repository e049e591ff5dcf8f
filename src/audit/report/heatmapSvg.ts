/**
 * A correlation heat map as inline SVG: one cell per pair, coloured on a diverging scale,
 * printed with r to two decimals; cells over the redundancy threshold get a thick outline and
 * negative cells inside one group a dashed outline. Group boundaries (measures within a
 * category, or categories among measures) are drawn as lines.
 */
import type { CorrelationMatrix } from '../correlation.ts';
import { divergingColour, textOn } from './colours.ts';
import { esc } from './html.ts';

const MAX_LABEL = 34;

export interface HeatmapOptions {
  /** Group of each row/column (measure or category id): boundaries drawn between groups. */
  groups?: string[];
  redundant?: number;
  negativeBelow?: number;
  labels?: string[];
  title: string;
}

export function heatmapSvg(m: CorrelationMatrix, o: HeatmapOptions): string {
  const k = m.ids.length;
  // Long names are cut so the matrix keeps its size; the full pair is in each cell's tooltip.
  const labels = (o.labels ?? m.ids).map((l) => (l.length > MAX_LABEL ? l.slice(0, MAX_LABEL - 1) + '…' : l));
  const cell = k > 30 ? 14 : k > 15 ? 20 : 28;
  const labelW = 12 + 6 * Math.max(4, ...labels.map((l) => l.length));
  const size = labelW + k * cell + 4;
  const redundant = o.redundant ?? 0.9;
  const negativeBelow = o.negativeBelow ?? 0;
  const parts: string[] = [];
  for (let i = 0; i < k; i++) {
    const y = labelW + i * cell;
    parts.push(
      `<text x="${labelW - 4}" y="${y + cell * 0.7}" font-size="${Math.min(11, cell * 0.55)}" text-anchor="end">${esc(labels[i])}</text>`,
    );
    parts.push(
      `<text transform="translate(${labelW + i * cell + cell * 0.7},${labelW - 4}) rotate(-90)" font-size="${Math.min(11, cell * 0.55)}">${esc(labels[i])}</text>`,
    );
    for (let j = 0; j < k; j++) {
      const r = m.r[i * k + j];
      const x = labelW + j * cell;
      const sameGroup = o.groups ? o.groups[i] === o.groups[j] : true;
      const flagged = i !== j && Math.abs(r) > redundant;
      const negative = i !== j && sameGroup && o.groups !== undefined && r < negativeBelow;
      const stroke = flagged
        ? ' stroke="#000" stroke-width="2.5"'
        : negative
          ? ' stroke="#000" stroke-width="1.5" stroke-dasharray="3 2"'
          : ' stroke="#fff" stroke-width="0.5"';
      parts.push(
        `<rect x="${x}" y="${y}" width="${cell}" height="${cell}" fill="${divergingColour(r)}"${stroke}><title>${esc(`${(o.labels ?? m.ids)[i]} × ${(o.labels ?? m.ids)[j]}: r = ${Number.isFinite(r) ? r.toFixed(3) : 'n/a'} (n = ${m.n[i * k + j]})`)}</title></rect>`,
      );
      if (cell >= 20 && i !== j)
        parts.push(
          `<text x="${x + cell / 2}" y="${y + cell * 0.62}" font-size="${cell * 0.3}" text-anchor="middle" fill="${textOn(r)}">${Number.isFinite(r) ? r.toFixed(2).replace(/^(-?)0\./, '$1.') : ''}</text>`,
        );
    }
  }
  if (o.groups) {
    for (let i = 1; i < k; i++) {
      if (o.groups[i] === o.groups[i - 1]) continue;
      const p = labelW + i * cell;
      parts.push(
        `<line x1="${p}" y1="${labelW}" x2="${p}" y2="${labelW + k * cell}" stroke="#111" stroke-width="1.5"/>`,
      );
      parts.push(
        `<line x1="${labelW}" y1="${p}" x2="${labelW + k * cell}" y2="${p}" stroke="#111" stroke-width="1.5"/>`,
      );
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}" role="img" aria-label="${esc(o.title)}"><title>${esc(o.title)}</title>${parts.join('')}</svg>`;
}

/** A legend for the diverging scale, −1 … +1. */
export function heatmapLegendSvg(): string {
  const steps = 21;
  const w = 10;
  const rects = Array.from({ length: steps }, (_, i) => {
    const r = -1 + (2 * i) / (steps - 1);
    return `<rect x="${i * w}" y="0" width="${w}" height="12" fill="${divergingColour(r)}"/>`;
  }).join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${steps * w + 40}" height="26" viewBox="0 0 ${steps * w + 40} 26" role="img" aria-label="colour scale from r = −1 to +1">` +
    `${rects}<text x="0" y="24" font-size="9">−1</text><text x="${(steps * w) / 2}" y="24" font-size="9" text-anchor="middle">0</text><text x="${steps * w}" y="24" font-size="9" text-anchor="end">+1</text></svg>`
  );
}
