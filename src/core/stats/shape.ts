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
import { presentMean } from './moments.ts';

export interface Shape {
  skewness: number;
  kurtosis: number;
}

export function shape(x: ArrayLike<number>): Shape {
  // Two passes: the mean, then Σd², Σd³, Σd⁴ of d = x − x̄ together, since Σz^k = Σd^k / s^k
  // (one pass and no division per value fewer than computing s first: this runs for every
  // indicator and every Winsorisation step).
  const { n, mean } = presentMean(x);
  if (n < 4) return { skewness: NaN, kurtosis: NaN };
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v === v) {
      const d = v - mean;
      const d2 = d * d;
      s2 += d2;
      s3 += d2 * d;
      s4 += d2 * d2;
    }
  }
  const variance = s2 / (n - 1);
  if (!(variance > 0)) return { skewness: 0, kurtosis: 0 };
  const sd = Math.sqrt(variance);
  const skewness = (n / ((n - 1) * (n - 2))) * (s3 / (variance * sd));
  const kurtosis =
    ((n * (n + 1)) / ((n - 1) * (n - 2) * (n - 3))) * (s4 / (variance * variance)) -
    (3 * (n - 1) * (n - 1)) / ((n - 2) * (n - 3));
  return { skewness, kurtosis };
}
