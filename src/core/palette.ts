/**
 * The decile palette shared by the map and the workbook: viridis (van der Walt & Smith,
 * matplotlib, 2015) at 10 even steps, as matplotlib samples it (`viridis(linspace(0, 1, 10))`:
 * entries ⌊k/9 · 256⌋ of its 256-colour table, the last clipped to 255). Perceptually uniform,
 * ordered under the common colour-vision deficiencies and in greyscale (Nuñez, Anderton &
 * Renslow 2018). Decile 1 (highest priority) is the darkest. No data is a neutral light grey,
 * which no viridis step resembles.
 */
export const VIRIDIS_10 = [
  '#440154',
  '#482878',
  '#3e4989',
  '#31688e',
  '#26828e',
  '#1f9e89',
  '#35b779',
  '#6ece58',
  '#b5de2b',
  '#fde725',
] as const;
export const NO_DATA = '#d4d4d4';

/** Fill colour of a decile class: 1…10 → viridis from dark to light; anything else (0: no data) → NO_DATA. */
export function classColour(cls: number): string {
  return cls >= 1 && cls <= 10 ? VIRIDIS_10[cls - 1] : NO_DATA;
}
