/**
 * Pearson and Spearman correlation on typed columns with pairwise-complete observations: each
 * pair of columns uses the rows where both are present (R's `cor(use = "pairwise.complete.obs")`),
 * so one indicator's gaps do not shrink every other pair's sample.
 *
 *   Pearson  r = Σ(x−x̄)(y−ȳ) / √(Σ(x−x̄)² Σ(y−ȳ)²), means over the shared rows
 *   Spearman ρ = Pearson r of the average ranks (ties averaged) of the shared rows
 *
 * Reference: OECD/JRC (2008) Handbook on Constructing Composite Indicators, §1.5 (multivariate
 * analysis: correlation between indicators). A pair with fewer than 3 shared rows or a constant
 * column has no defined correlation: NaN.
 */
import { rankAverage } from '../core/stats/rankAverage.ts';

export type CorrelationMethod = 'pearson' | 'spearman';

export interface Correlation {
  r: number;
  /** Rows where both columns are present. */
  n: number;
}

/** Pearson correlation over the rows where both x and y are present. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): Correlation {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i];
    const b = y[i];
    if (a === a && b === b) {
      n++;
      sx += a;
      sy += b;
    }
  }
  if (n < 3) return { r: NaN, n };
  const mx = sx / n;
  const my = sy / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i];
    const b = y[i];
    if (a === a && b === b) {
      sxy += (a - mx) * (b - my);
      sxx += (a - mx) * (a - mx);
      syy += (b - my) * (b - my);
    }
  }
  if (!(sxx > 0 && syy > 0)) return { r: NaN, n };
  // Clamp: rounding can push |r| a hair past 1 for perfectly collinear columns.
  return { r: Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy))), n };
}

/** Spearman rank correlation over the rows where both x and y are present. */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): Correlation {
  const [a, b] = sharedRows(x, y);
  return pearson(rankAverage(a), rankAverage(b));
}

/** Correlation of two columns by the chosen method. */
export function correlate(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  method: CorrelationMethod = 'pearson',
): Correlation {
  return method === 'pearson' ? pearson(x, y) : spearman(x, y);
}

export interface CorrelationMatrix {
  ids: string[];
  /** Row-major k×k; the diagonal is 1 for a column with any spread. */
  r: Float64Array;
  /** Row-major k×k pairwise-complete counts. */
  n: Int32Array;
}

/** The k×k matrix of pairwise-complete correlations between the given columns. */
export function correlationMatrix(
  ids: readonly string[],
  columns: readonly ArrayLike<number>[],
  method: CorrelationMethod = 'pearson',
): CorrelationMatrix {
  const k = ids.length;
  const r = new Float64Array(k * k);
  const n = new Int32Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      const c = correlate(columns[i], columns[j], method);
      r[i * k + j] = r[j * k + i] = c.r;
      n[i * k + j] = n[j * k + i] = c.n;
    }
  }
  return { ids: [...ids], r, n };
}

/** The values of x and y at the rows where both are present. */
function sharedRows(x: ArrayLike<number>, y: ArrayLike<number>): [Float64Array, Float64Array] {
  let m = 0;
  for (let i = 0; i < x.length; i++) if (x[i] === x[i] && y[i] === y[i]) m++;
  const a = new Float64Array(m);
  const b = new Float64Array(m);
  let k = 0;
  for (let i = 0; i < x.length; i++) {
    if (x[i] === x[i] && y[i] === y[i]) {
      a[k] = x[i];
      b[k++] = y[i];
    }
  }
  return [a, b];
}
