/**
 * Colours. Classes use viridis (van der Walt & Smith, matplotlib, 2015) sampled at 10 even steps,
 * a perceptually uniform palette that stays ordered under the common colour-vision deficiencies
 * and in greyscale. Decile 1 (highest priority) is the darkest, so "darker = higher priority".
 * No data is a neutral light grey, which no viridis step resembles.
 */
export const VIRIDIS_10 = ['#440154', '#482878', '#3e4989', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725'] as const;
export const NO_DATA = '#d4d4d4';

/** Fill colour of a class: 1…10 → viridis from dark to light; 0 → no data. */
export function classColour(cls: number): string {
  return cls >= 1 && cls <= 10 ? VIRIDIS_10[cls - 1] : NO_DATA;
}

/** MapLibre expression colouring a ward by its feature-state `cls`. */
export function fillColourExpression(): unknown[] {
  const match: unknown[] = ['match', ['coalesce', ['feature-state', 'cls'], 0]];
  VIRIDIS_10.forEach((c, i) => match.push(i + 1, c));
  match.push(NO_DATA);
  return match;
}
