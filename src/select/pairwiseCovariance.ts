/**
 * Sample covariance of p variables over rows, using for each pair (j, k) the rows where both
 * are present (pairwise-complete):
 *
 *   C_jk = Σ (x_j − x̄_j)(x_k − x̄_k) / (n_jk − 1),   means over the same n_jk rows.
 *
 * Missing values are NaN. A pair observed together in fewer than two rows gets covariance 0
 * (no evidence of association). Pairwise-complete matrices need not be positive
 * semi-definite; `pseudoInverse` drops any negative eigenvalue.
 */
export function pairwiseCovariance(columns: readonly Float64Array[], rows: readonly number[]): Float64Array {
  const p = columns.length;
  const out = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    for (let k = j; k < p; k++) {
      const a = columns[j];
      const b = columns[k];
      let n = 0;
      let ma = 0;
      let mb = 0;
      for (const r of rows) {
        if (a[r] === a[r] && b[r] === b[r]) {
          n++;
          ma += a[r];
          mb += b[r];
        }
      }
      if (n < 2) continue;
      ma /= n;
      mb /= n;
      let s = 0;
      for (const r of rows) if (a[r] === a[r] && b[r] === b[r]) s += (a[r] - ma) * (b[r] - mb);
      out[j * p + k] = out[k * p + j] = s / (n - 1);
    }
  }
  return out;
}
