/**
 * Colour scales for the report, chosen to stay readable for colour-blind readers and in
 * greyscale print: a diverging blue–white–orange scale for correlations (after ColorBrewer
 * PuOr/RdBu, which avoid a red–green contrast) and the Okabe–Ito palette for categories.
 *
 * References: Brewer, C. A. (2003) ColorBrewer; Okabe, M. & Ito, K. (2008) "Color Universal
 * Design".
 */

const BLUE: [number, number, number] = [33, 102, 172];
const WHITE: [number, number, number] = [247, 247, 247];
const ORANGE: [number, number, number] = [179, 88, 6];

/** Okabe–Ito: orange, sky blue, bluish green, yellow, blue, vermillion, reddish purple, grey. */
export const OKABE_ITO = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7', '#999999'];
/** The report's two roles: a measured quantity (Okabe–Ito blue) and its reference (grey). */
export const MEASURED = OKABE_ITO[4];
export const REFERENCE = OKABE_ITO[7];

/** r ∈ [−1, 1] → orange (−1) … white (0) … blue (+1); grey for a missing value. */
export function divergingColour(r: number): string {
  if (!Number.isFinite(r)) return '#cccccc';
  const t = Math.max(-1, Math.min(1, r));
  const end = t >= 0 ? BLUE : ORANGE;
  const a = Math.abs(t);
  const mix = WHITE.map((w, i) => Math.round(w + (end[i] - w) * a));
  return `#${mix.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/** Black or white text, whichever reads on the background of a correlation r. */
export function textOn(r: number): string {
  return Number.isFinite(r) && Math.abs(r) > 0.6 ? '#ffffff' : '#111111';
}
