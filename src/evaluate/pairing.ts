/**
 * Matched pairs for the randomised design: 2k wards split into k pairs minimising the total
 * within-pair distance (exact minimum-weight perfect matching by dynamic programming over
 * subsets: cost(S) = min over the partner j of the lowest-numbered i in S of d(i, j) +
 * cost(S ∖ {i, j}); 2k ≤ 20), then within each pair a fair coin from the seeded generator
 * (xoshiro128**, `robustness/rng.ts`) decides which ward receives the pilot: uniform() < ½ →
 * the first ward of the pair. The seed is recorded so anyone can replay the allocation.
 */
import { seededRng } from '../robustness/rng.ts';

export interface Pair {
  /** Positions in the input list. */
  a: number;
  b: number;
  distance: number;
  /** The position that receives the pilot. */
  treated: number;
}

export function minimumDistancePairs(
  d: (i: number, j: number) => number,
  n: number,
): { pairs: [number, number][]; total: number } {
  if (n % 2) throw new Error('minimumDistancePairs: an even number of units is needed');
  if (n > 20) throw new Error('minimumDistancePairs: at most 20 units');
  const full = (1 << n) - 1;
  const cost = new Float64Array(1 << n).fill(Infinity);
  const choice = new Int32Array(1 << n).fill(-1);
  cost[0] = 0;
  for (let s = 1; s <= full; s++) {
    if (popcount(s) % 2) continue;
    const i = 31 - Math.clz32(s & -s);
    const rest = s & ~(1 << i);
    for (let j = i + 1; j < n; j++) {
      if (!(rest & (1 << j))) continue;
      const c = d(i, j) + cost[rest & ~(1 << j)];
      if (c < cost[s]) {
        cost[s] = c;
        choice[s] = j;
      }
    }
  }
  const pairs: [number, number][] = [];
  let s = full;
  while (s) {
    const i = 31 - Math.clz32(s & -s);
    const j = choice[s];
    pairs.push([i, j]);
    s &= ~((1 << i) | (1 << j));
  }
  return { pairs, total: cost[full] };
}

export function randomisePairs(
  pairs: readonly [number, number][],
  d: (i: number, j: number) => number,
  seed: number,
): Pair[] {
  const rng = seededRng(seed, 0);
  return pairs.map(([a, b]) => ({ a, b, distance: d(a, b), treated: rng.uniform() < 0.5 ? a : b }));
}

function popcount(x: number): number {
  let c = 0;
  while (x) {
    x &= x - 1;
    c++;
  }
  return c;
}
