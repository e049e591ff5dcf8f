/** Colours of the map's classes: the shared viridis deciles (src/core/palette.ts) and no-data grey. */
import { classColour, NO_DATA, VIRIDIS_10 } from '../../src/core/palette.ts';

export { classColour, NO_DATA, VIRIDIS_10 };

/** MapLibre expression colouring a ward by its feature-state `cls`. */
export function fillColourExpression(): unknown[] {
  const match: unknown[] = ['match', ['coalesce', ['feature-state', 'cls'], 0]];
  VIRIDIS_10.forEach((c, i) => match.push(i + 1, c));
  match.push(NO_DATA);
  return match;
}
