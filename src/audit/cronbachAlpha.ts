/**
 * Cronbach's alpha: the internal consistency of k items meant to measure one thing.
 *
 *   α = k/(k−1) · (1 − Σ s²ᵢ / s²ₜ)
 *
 * with s²ᵢ the variance of item i and s²ₜ the variance of the row totals Σᵢ xᵢ, over the rows
 * where every item is present (listwise). Values above about 0.7 are conventionally read as a
 * coherent group; low or negative alpha says the items pull apart.
 *
 * Reference: Cronbach, L. J. (1951) "Coefficient alpha and the internal structure of tests",
 * Psychometrika 16(3); OECD/JRC (2008) Handbook on Constructing Composite Indicators, §1.5.
 * NaN with fewer than 2 items, fewer than 2 complete rows, or constant totals.
 */
import { moments } from '../core/stats/moments.ts';
import { completeRows, pick } from './completeRows.ts';

export interface Alpha {
  alpha: number;
  items: number;
  /** Complete rows used. */
  n: number;
}

export function cronbachAlpha(items: readonly ArrayLike<number>[]): Alpha {
  const k = items.length;
  const rows = completeRows(items);
  const n = rows.length;
  if (k < 2 || n < 2) return { alpha: NaN, items: k, n };
  const total = new Float64Array(n);
  let sumItemVar = 0;
  for (const item of items) {
    const v = pick(item, rows);
    for (let r = 0; r < n; r++) total[r] += v[r];
    sumItemVar += moments(v).sd ** 2;
  }
  const totalVar = moments(total).sd ** 2;
  if (!(totalVar > 0)) return { alpha: NaN, items: k, n };
  return { alpha: (k / (k - 1)) * (1 - sumItemVar / totalVar), items: k, n };
}
