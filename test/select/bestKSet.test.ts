/**
 * Exact k-set selection: constraint satisfaction and optimality against brute force over random
 * (synthetic) score lists, conflict graphs and borough groups; a greedy-vs-exact case by hand.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bestKSet, greedyKSet, searchKSet, type KSetProblem } from '../../src/select/bestKSet.ts';

/** Every k-subset, checked against the constraints: the reference optimum. */
function bruteForce(p: KSetProblem): { total: number; items: number[] } | undefined {
  const n = p.scores.length;
  let best: { total: number; items: number[] } | undefined;
  const rec = (start: number, chosen: number[]) => {
    if (chosen.length === p.k) {
      if (p.forced !== undefined && !chosen.includes(p.forced)) return;
      if (!feasible(p, chosen)) return;
      const total = chosen.reduce((a, i) => a + p.scores[i], 0);
      if (!best || total > best.total + 1e-12) best = { total, items: [...chosen] };
      return;
    }
    for (let i = start; i < n; i++) rec(i + 1, [...chosen, i]);
  };
  rec(0, []);
  return best;
}

function feasible(p: KSetProblem, items: number[]): boolean {
  for (let a = 0; a < items.length; a++)
    for (let b = a + 1; b < items.length; b++) if (!p.compatible(items[a], items[b])) return false;
  if (p.group) {
    const counts = new Map<number, number>();
    for (const i of items) counts.set(p.group[i], (counts.get(p.group[i]) ?? 0) + 1);
    if ([...counts.values()].some((c) => c > (p.groupCap ?? Infinity))) return false;
  }
  return true;
}

const problemArb = fc
  .record({
    n: fc.integer({ min: 1, max: 11 }),
    k: fc.integer({ min: 1, max: 4 }),
    seed: fc.array(fc.double({ min: -5, max: 10, noNaN: true }), { minLength: 11, maxLength: 11 }),
    edges: fc.array(fc.tuple(fc.nat(10), fc.nat(10)), { maxLength: 25 }),
    groups: fc.array(fc.nat(3), { minLength: 11, maxLength: 11 }),
    cap: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  })
  .map(({ n, k, seed, edges, groups, cap }) => {
    const scores = seed.slice(0, n).sort((a, b) => b - a);
    const conflict = new Set(edges.filter(([a, b]) => a < n && b < n).flatMap(([a, b]) => [`${a},${b}`, `${b},${a}`]));
    const p: KSetProblem = {
      scores,
      k,
      group: groups.slice(0, n),
      groupCap: cap,
      compatible: (a, b) => !conflict.has(`${a},${b}`),
    };
    return p;
  });

describe('bestKSet', () => {
  it('returns a feasible set of exactly k items whose total equals the brute-force optimum', () => {
    fc.assert(
      fc.property(problemArb, (p) => {
        const got = bestKSet(p);
        const ref = bruteForce(p);
        if (!ref) {
          expect(got).toBeUndefined();
          return;
        }
        expect(got).toBeDefined();
        expect(got!.items).toHaveLength(p.k);
        expect(new Set(got!.items).size).toBe(p.k);
        expect(feasible(p, got!.items)).toBe(true);
        expect(got!.total).toBeCloseTo(ref.total, 9);
        expect(got!.total).toBeCloseTo(
          got!.items.reduce((a, i) => a + p.scores[i], 0),
          9,
        );
      }),
      { numRuns: 400 },
    );
  });

  it('with a forced item, returns the best set containing it (brute force)', () => {
    fc.assert(
      fc.property(problemArb, fc.nat(10), (p, f) => {
        const forced = f % p.scores.length;
        const got = bestKSet({ ...p, forced });
        const ref = bruteForce({ ...p, forced });
        if (!ref) {
          expect(got).toBeUndefined();
          return;
        }
        expect(got!.items).toContain(forced);
        expect(got!.total).toBeCloseTo(ref.total, 9);
      }),
      { numRuns: 200 },
    );
  });

  it('greedy is feasible and never beats the exact optimum', () => {
    fc.assert(
      fc.property(problemArb, (p) => {
        const g = greedyKSet(p);
        expect(feasible(p, g.items)).toBe(true);
        const best = bestKSet(p);
        if (best && g.items.length === p.k) expect(g.total).toBeLessThanOrEqual(best.total + 1e-9);
      }),
      { numRuns: 200 },
    );
  });

  it('differs from greedy where the top item blocks a better pair (hand case)', () => {
    // Scores 10, 9, 9, 1. Item 0 conflicts with 1 and 2; 1 and 2 do not conflict.
    // Greedy takes 0, then only 3 fits: 10 + 1 = 11. Exact takes 1 + 2 = 18.
    const bad = new Set(['0,1', '1,0', '0,2', '2,0']);
    const p: KSetProblem = { scores: [10, 9, 9, 1], k: 2, compatible: (a, b) => !bad.has(`${a},${b}`) };
    expect(greedyKSet(p)).toEqual({ items: [0, 3], total: 11 });
    expect(bestKSet(p)).toMatchObject({ items: [1, 2], total: 18 });
  });

  it('breaks ties towards the set earliest in rank order', () => {
    const p: KSetProblem = { scores: [5, 5, 5], k: 2, compatible: () => true };
    expect(bestKSet(p)!.items).toEqual([0, 1]);
  });

  it('respects a group cap (hand case) and rejects unsorted scores', () => {
    const p: KSetProblem = { scores: [9, 8, 7, 1], k: 2, group: [0, 0, 0, 1], groupCap: 1, compatible: () => true };
    expect(bestKSet(p)).toMatchObject({ items: [0, 3], total: 10 });
    expect(() => bestKSet({ ...p, scores: [1, 2, 3, 4] })).toThrow(/descending/);
  });
});

describe('bestKSet node budget', () => {
  it('reports an incomplete search when the budget runs out, and the greedy set as a floor', () => {
    // 30 items, no conflicts, but k = 31 is impossible and k = 5 with a tiny budget cannot be proven.
    const scores = Array.from({ length: 30 }, (_, i) => 30 - i);
    const p: KSetProblem = {
      scores,
      k: 5,
      compatible: (a, b) => (a + b) % 2 === 1 || Math.abs(a - b) > 3,
      maxNodes: 3,
    };
    const r = searchKSet(p);
    expect(r.complete).toBe(false);
    expect(r.best).toBeDefined(); // the greedy incumbent
    const g = greedyKSet(p);
    expect(r.best!.total).toBeGreaterThanOrEqual(g.total);
    const full = searchKSet({ ...p, maxNodes: undefined });
    expect(full.complete).toBe(true);
    expect(full.best!.total).toBeCloseTo(bruteForce({ ...p, maxNodes: undefined })!.total, 9);
  });
});
