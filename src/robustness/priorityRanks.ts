/**
 * Priority ranks (1 = largest value, ties averaged, NaN for missing) — the same numbers as
 * core's `rankDescending`, computed without allocation for the Monte Carlo runs: the present
 * values are negated into a scratch key array with their positions alongside, both sorted
 * together by an in-place quicksort (median-of-three pivot, insertion sort below 16 items;
 * Hoare 1962, Sedgewick 1978), then one sweep gives each run of k equal keys at sorted
 * positions p … p+k−1 the rank p + (k−1)/2 (1-based) — the fractional ("average") rank. The
 * order within a tie does not matter, so an unstable sort gives exactly core's ranks (tested).
 * Reference: as `rankAverage` (R's `rank(ties.method = "average")`).
 */
import { sortTogether } from '../core/stats/sortTogether.ts';

export class PriorityRanker {
  private readonly keys: Float64Array;
  private readonly ids: Uint32Array;
  readonly rank: Float64Array;

  constructor(n: number) {
    this.keys = new Float64Array(n);
    this.ids = new Uint32Array(n);
    this.rank = new Float64Array(n);
  }

  /** Ranks of x (length n) into `this.rank`, which it returns. */
  ranks(x: Float64Array): Float64Array {
    const { keys, ids, rank } = this;
    let m = 0;
    for (let i = 0; i < x.length; i++) {
      const v = x[i];
      rank[i] = NaN;
      if (v === v) {
        keys[m] = -v;
        ids[m++] = i;
      }
    }
    sortTogether(keys, ids, 0, m);
    let i = 0;
    while (i < m) {
      let j = i + 1;
      while (j < m && keys[j] === keys[i]) j++;
      const r = (i + 1 + j) / 2;
      for (let k = i; k < j; k++) rank[ids[k]] = r;
      i = j;
    }
    return rank;
  }
}
