/**
 * Sample skewness and excess kurtosis over non-missing values, with the small-sample
 * adjustments used by Excel's SKEW/KURT, SAS and simple-statistics (`sampleSkewness`,
 * `sampleKurtosis`), and so by the COIN Tool and COINr's outlier thresholds.
 *
 *   skew = n / ((n−1)(n−2)) · Σ((x−x̄)/s)³
 *   kurt = n(n+1) / ((n−1)(n−2)(n−3)) · Σ((x−x̄)/s)⁴ − 3(n−1)² / ((n−2)(n−3))
 *
 * with s the Bessel-corrected standard deviation. Reference: Joanes & Gill (1998), "Comparing
 * measures of sample skewness and kurtosis", The Statistician 47(1), statistics G1 and G2.
 * A constant column has no shape: both are 0.
 */
import { moments } from './moments.ts';

export interface Shape {
  skewness: number;
  kurtosis: number;
}

export function shape(x: ArrayLike<number>): Shape {
  const { n, mean, sd } = moments(x);
  if (n < 4) return { skewness: NaN, kurtosis: NaN };
  if (!(sd > 0)) return { skewness: 0, kurtosis: 0 };
  let s3 = 0;
  let s4 = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v === v) {
      const z = (v - mean) / sd;
      const z2 = z * z;
      s3 += z2 * z;
      s4 += z2 * z2;
    }
  }
  const skewness = (n / ((n - 1) * (n - 2))) * s3;
  const kurtosis =
    ((n * (n + 1)) / ((n - 1) * (n - 2) * (n - 3))) * s4 - (3 * (n - 1) * (n - 1)) / ((n - 2) * (n - 3));
  return { skewness, kurtosis };
}
