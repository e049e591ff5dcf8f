/** Minimum-distance pairing against brute force and a hand case; the seeded coin is reproducible. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minimumDistancePairs, randomisePairs } from '../../src/evaluate/pairing.ts';

function bruteForce(n: number, d: (i: number, j: number) => number): number {
  const rec = (left: number[]): number => {
    if (!left.length) return 0;
    const [i, ...rest] = left;
    let best = Infinity;
    rest.forEach((j, k) => (best = Math.min(best, d(i, j) + rec(rest.filter((_, m) => m !== k)))));
    return best;
  };
  return rec([...Array(n).keys()]);
}

describe('minimumDistancePairs', () => {
  it('hand case on a line: 0, 1, 10, 12 → (0,1) and (10,12), total 3, not the greedy-looking (1,10)', () => {
    const x = [0, 1, 10, 12];
    const r = minimumDistancePairs((i, j) => Math.abs(x[i] - x[j]), 4);
    expect(r.total).toBe(3);
    expect(r.pairs).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });

  it('equals brute force on random points (synthetic)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0, max: 10, noNaN: true }), fc.double({ min: 0, max: 10, noNaN: true })), {
          minLength: 2,
          maxLength: 8,
        }),
        (pts) => {
          const n = pts.length - (pts.length % 2);
          const d = (i: number, j: number) => Math.hypot(pts[i][0] - pts[j][0], pts[i][1] - pts[j][1]);
          const r = minimumDistancePairs(d, n);
          expect(r.total).toBeCloseTo(bruteForce(n, d), 9);
          expect(new Set(r.pairs.flat()).size).toBe(n);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('randomises one ward per pair, reproducibly from the seed', () => {
    const pairs: [number, number][] = [
      [0, 1],
      [2, 3],
      [4, 5],
    ];
    const a = randomisePairs(pairs, () => 1, 42);
    expect(randomisePairs(pairs, () => 1, 42)).toEqual(a);
    a.forEach((p, i) => expect(pairs[i]).toContain(p.treated));
    // Over many seeds each side is chosen about half the time.
    let first = 0;
    for (let s = 0; s < 2000; s++) if (randomisePairs([[0, 1]], () => 1, s)[0].treated === 0) first++;
    expect(first).toBeGreaterThan(900);
    expect(first).toBeLessThan(1100);
  });
});
