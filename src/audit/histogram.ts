/**
 * Equal-width histogram of the non-missing values: `bins` bins spanning [min, max], the last
 * bin closed on the right (so max is counted), as numpy's `histogram` and R's `hist(right =
 * FALSE, include.lowest = TRUE)`. A constant column puts every value in one bin.
 */
import { extent } from '../core/stats/moments.ts';

export interface Histogram {
  min: number;
  max: number;
  counts: number[];
}

export function histogram(x: ArrayLike<number>, bins = 20): Histogram {
  const [min, max] = extent(x);
  const counts = new Array<number>(bins).fill(0);
  if (min !== min) return { min, max, counts };
  const width = (max - min) / bins;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v !== v) continue;
    const b = width > 0 ? Math.min(bins - 1, Math.floor((v - min) / width)) : 0;
    counts[b]++;
  }
  return { min, max, counts };
}
