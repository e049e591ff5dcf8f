/**
 * Priority ranks (1 = largest value, ties averaged, NaN for missing) — the same numbers as
 * core's `rankDescending`, computed for speed without a comparator sort: the present values are
 * copied and sorted ascending with the engine's native numeric sort, and each value's rank is
 *
 *   r = G + (E + 1) / 2,   G = #values greater than it,  E = #values equal to it
 *
 * found by two binary searches. The k tied values occupy positions G+1 … G+E of the descending
 * order, whose mean is G + (E + 1)/2: the fractional ("average") rank, exactly, since every
 * rank is a multiple of ½. Reusable scratch (`PriorityRanker`) keeps a Monte Carlo run free of
 * allocation. Reference: as `rankAverage` (R's `rank(ties.method = "average")`).
 */
export class PriorityRanker {
  private readonly sorted: Float64Array;
  readonly rank: Float64Array;

  constructor(n: number) {
    this.sorted = new Float64Array(n);
    this.rank = new Float64Array(n);
  }

  /** Ranks of x (length n) into `this.rank`, which it returns. */
  ranks(x: Float64Array): Float64Array {
    const n = x.length;
    let m = 0;
    for (let i = 0; i < n; i++) if (x[i] === x[i]) this.sorted[m++] = x[i];
    const s = this.sorted.subarray(0, m).sort();
    const out = this.rank;
    for (let i = 0; i < n; i++) {
      const v = x[i];
      if (v !== v) {
        out[i] = NaN;
        continue;
      }
      const below = lowerBound(s, v);
      const upTo = upperBound(s, v, below);
      out[i] = m - upTo + (upTo - below + 1) / 2;
    }
    return out;
  }
}

/** First position whose value is not < v. */
function lowerBound(s: Float64Array, v: number): number {
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First position (from `from`) whose value is > v. */
function upperBound(s: Float64Array, v: number, from: number): number {
  let lo = from;
  let hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
