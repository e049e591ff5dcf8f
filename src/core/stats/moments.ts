/**
 * Mean and sample standard deviation over the non-missing (non-NaN) values of a column.
 *
 * mean = Σx / n;  sd = √(Σ(x − mean)² / (n − 1))  (Bessel-corrected, as simple-statistics'
 * `sampleStandardDeviation` and Excel's STDEV.S).
 */
export interface Moments {
  n: number;
  mean: number;
  sd: number;
}

/** Count and mean of the non-missing values (mean NaN when there are none). */
export function presentMean(x: ArrayLike<number>): { n: number; mean: number } {
  let n = 0;
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v === v) {
      n++;
      sum += v;
    }
  }
  return { n, mean: n > 0 ? sum / n : NaN };
}

export function moments(x: ArrayLike<number>): Moments {
  const { n, mean } = presentMean(x);
  if (n === 0) return { n, mean: NaN, sd: NaN };
  let ss = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v === v) ss += (v - mean) * (v - mean);
  }
  return { n, mean, sd: n > 1 ? Math.sqrt(ss / (n - 1)) : NaN };
}

/** Count of non-missing values. */
export function countPresent(x: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < x.length; i++) if (x[i] === x[i]) n++;
  return n;
}

/** Minimum and maximum of the non-missing values (NaN, NaN when none). */
export function extent(x: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo === Infinity ? [NaN, NaN] : [lo, hi];
}
