/**
 * Mahalanobis distance between two measure profiles (Mahalanobis 1936; Rubin 1980 for its use
 * in matching):
 *
 *   d(x, y) = √((x − y)ᵀ Σ⁺ (x − y))
 *
 * with Σ the pooled covariance of the standardised measure scores and Σ⁺ its Moore–Penrose
 * pseudo-inverse (`pseudoInverse`: a singular covariance loses the degenerate directions
 * rather than failing).
 *
 * Missing measures (documented rule): the distance uses the measures present in both profiles,
 * S, with the covariance restricted to S, and rescales the square by p/|S| so that pairs
 * compared on fewer measures are not made to look closer (E[d²] grows with the number of
 * dimensions):  d² = (p/|S|)·(x−y)_Sᵀ (Σ_SS)⁺ (x−y)_S.  A pair sharing fewer than half the
 * measures (|S| < p/2) is not comparable: the distance is NaN and the pair is never matched.
 */
import { pseudoInverse } from './pseudoInverse.ts';

export class Mahalanobis {
  private readonly inverses = new Map<string, { keep: number[]; inverse: Float64Array }>();

  constructor(
    private readonly covariance: Float64Array,
    readonly p: number,
  ) {}

  distance(x: ArrayLike<number>, y: ArrayLike<number>): number {
    const p = this.p;
    let mask = '';
    for (let j = 0; j < p; j++) mask += x[j] === x[j] && y[j] === y[j] ? '1' : '0';
    const { keep, inverse } = this.restricted(mask);
    const q = keep.length;
    if (q === 0 || 2 * q < p) return NaN;
    let d2 = 0;
    for (let a = 0; a < q; a++) {
      const da = x[keep[a]] - y[keep[a]];
      for (let b = 0; b < q; b++) d2 += da * inverse[a * q + b] * (x[keep[b]] - y[keep[b]]);
    }
    return Math.sqrt(Math.max(0, (d2 * p) / q));
  }

  private restricted(mask: string): { keep: number[]; inverse: Float64Array } {
    let hit = this.inverses.get(mask);
    if (!hit) {
      const keep = [...mask].flatMap((c, j) => (c === '1' ? [j] : []));
      const q = keep.length;
      const sub = new Float64Array(q * q);
      for (let a = 0; a < q; a++)
        for (let b = 0; b < q; b++) sub[a * q + b] = this.covariance[keep[a] * this.p + keep[b]];
      hit = { keep, inverse: pseudoInverse(sub, q).inverse };
      this.inverses.set(mask, hit);
    }
    return hit;
  }
}
