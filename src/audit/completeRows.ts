/**
 * Listwise deletion: the rows where every column is present. Cronbach's alpha and PCA need one
 * common sample for all items (a covariance matrix from pairwise-complete pairs need not be
 * positive semi-definite), as R's `psych::alpha(use = "complete.obs")` and `prcomp(na.omit(x))`.
 */
export function completeRows(columns: readonly ArrayLike<number>[]): Uint32Array {
  const len = columns.length ? columns[0].length : 0;
  const keep: number[] = [];
  for (let i = 0; i < len; i++) {
    let ok = true;
    for (const c of columns) {
      const v = c[i];
      if (v !== v) {
        ok = false;
        break;
      }
    }
    if (ok) keep.push(i);
  }
  return Uint32Array.from(keep);
}

/** The column's values at the given rows. */
export function pick(column: ArrayLike<number>, rows: Uint32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = column[rows[k]];
  return out;
}
