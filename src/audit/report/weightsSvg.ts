/**
 * Nominal versus effective weights as paired horizontal bars (inline SVG): grey = the weight the
 * framework gives, blue = the share of the aggregate's variance the component accounts for
 * (normalised r²). A long grey bar with a short blue one is a silenced component.
 */
import type { EffectiveWeight } from '../effectiveWeights.ts';
import { MEASURED, REFERENCE } from './colours.ts';
import { esc } from './html.ts';

export function weightsSvg(
  weights: readonly EffectiveWeight[],
  title: string,
  label: (id: string) => string = (id) => id,
): string {
  const rowH = 22;
  const labelW = 200;
  const barW = 260;
  const height = weights.length * rowH + 24;
  const width = labelW + barW + 90;
  const max = Math.max(0.01, ...weights.flatMap((w) => [w.nominal, w.effective].filter(Number.isFinite)));
  const rows = weights
    .map((w, i) => {
      const y = 18 + i * rowH;
      const bar = (v: number, dy: number, fill: string) =>
        Number.isFinite(v)
          ? `<rect x="${labelW}" y="${y + dy}" width="${((v / max) * barW).toFixed(1)}" height="8" fill="${fill}"/>`
          : '';
      return (
        `<text x="${labelW - 6}" y="${y + 12}" font-size="10" text-anchor="end">${esc(label(w.id))}</text>` +
        bar(w.nominal, 2, REFERENCE) +
        bar(w.effective, 11, MEASURED) +
        `<text x="${labelW + barW + 6}" y="${y + 12}" font-size="10">${Number.isFinite(w.ratio) ? `×${w.ratio.toFixed(2)}` : '–'}</text>`
      );
    })
    .join('');
  const legend =
    `<rect x="${labelW}" y="2" width="10" height="8" fill="${REFERENCE}"/><text x="${labelW + 14}" y="10" font-size="9">nominal</text>` +
    `<rect x="${labelW + 70}" y="2" width="10" height="8" fill="${MEASURED}"/><text x="${labelW + 84}" y="10" font-size="9">effective (normalised r²)</text>` +
    `<text x="${labelW + barW + 6}" y="10" font-size="9">ratio</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(title)}"><title>${esc(title)}</title>${legend}${rows}</svg>`;
}
