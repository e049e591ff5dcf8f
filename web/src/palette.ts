/** Colours of the map's classes: the shared viridis deciles (src/core/palette.ts) and no-data grey. */
import { NO_DATA, VIRIDIS_10 } from '../../src/core/palette.ts';

export { NO_DATA, VIRIDIS_10 };

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
