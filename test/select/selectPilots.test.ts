/**
 * Pilot selection on synthetic rankings: every constraint holds for random rankings, random
 * adjacency graphs and random centroids (fast-check); the total equals a brute-force optimum
 * computed directly from wards; passed-over reasons are true; hand cases for the borough rule,
 * the exclude list, clusters and the greedy difference.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { centroidKm } from '../../src/select/geography.ts';
import { selectPilots } from '../../src/select/selectPilots.ts';
import { defaultPilotSettings, graph, syntheticRanking } from './helpers.ts';

const caseArb = fc.record({
  n: fc.integer({ min: 2, max: 10 }),
  scores: fc.uniqueArray(fc.integer({ min: -500, max: 1000 }), { minLength: 10, maxLength: 10 }),
  boroughs: fc.array(fc.nat(2), { minLength: 10, maxLength: 10 }),
  edges: fc.array(fc.tuple(fc.nat(9), fc.nat(9)), { maxLength: 15 }),
  lon: fc.array(fc.double({ min: 0, max: 0.05, noNaN: true }), { minLength: 10, maxLength: 10 }),
  k: fc.integer({ min: 1, max: 3 }),
  cap: fc.option(fc.integer({ min: 1, max: 2 }), { nil: undefined }),
  minKm: fc.constantFrom(0, 0.5, 1.5),
  exclude: fc.array(fc.nat(9), { maxLength: 2 }),
});

describe('selectPilots', () => {
  it('meets every constraint and reaches the brute-force optimum over wards', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const n = c.n;
        const r = syntheticRanking(
          c.scores.slice(0, n).map((s) => s / 10),
          c.boroughs.slice(0, n),
        );
        const edges = c.edges.filter(([a, b]) => a < n && b < n);
        const g = graph(n, edges, c.lon.slice(0, n), new Array(n).fill(51.5));
        const exclude = [...new Set(c.exclude.filter((i) => i < n))].map((i) => r.areas.codes[i]);
        const s = defaultPilotSettings({ k: c.k, max_per_borough: c.cap, min_distance_km: c.minKm, exclude });
        const sel = selectPilots(r, g, s);
        const ok = (set: number[]) => {
          for (const i of set) if (exclude.includes(r.areas.codes[i])) return false;
          for (let a = 0; a < set.length; a++)
            for (let b = a + 1; b < set.length; b++) {
              if (g.neighbours![set[a]].has(set[b])) return false;
              if (centroidKm(g, set[a], set[b]) < c.minKm) return false;
            }
          const counts = new Map<number, number>();
          for (const i of set) counts.set(r.areas.parent[i], (counts.get(r.areas.parent[i]) ?? 0) + 1);
          return [...counts.values()].every((x) => x <= (c.cap ?? Infinity));
        };
        // Brute force: the largest feasible size up to k, then the highest total.
        let best = { size: 0, total: 0 };
        const rec = (start: number, set: number[]) => {
          if (set.length && ok(set)) {
            const total = set.reduce((a, i) => a + r.index[i], 0);
            if (set.length > best.size || (set.length === best.size && total > best.total + 1e-9))
              best = { size: set.length, total };
          }
          if (set.length === c.k) return;
          for (let i = start; i < n; i++) if (ok([...set, i])) rec(i + 1, [...set, i]);
        };
        rec(0, []);
        const chosen = sel.chosen.map((u) => u.seed);
        expect(ok(chosen)).toBe(true);
        expect(chosen.length).toBe(best.size);
        expect(sel.total).toBeCloseTo(best.total, 9);
        if (sel.greedy.length === chosen.length) expect(sel.greedyTotal).toBeLessThanOrEqual(sel.total + 1e-9);
        if (best.size < c.k) expect(sel.warnings.join(' ')).toMatch(/only \d+ pilot area\(s\) satisfy/);
        // Every passed-over ward ranks above the last pilot and has at least one true reason.
        const worst = Math.max(...chosen.map((i) => r.rank[i]));
        for (const p of sel.passedOver) {
          expect(r.rank[p.area]).toBeLessThan(worst);
          expect(chosen).not.toContain(p.area);
          expect(p.reasons.length).toBeGreaterThan(0);
          for (const reason of p.reasons) {
            const m = /pilot .*\((W\d+)\)/.exec(reason);
            const pilot = m ? r.areas.codes.indexOf(m[1]) : -1;
            if (reason.startsWith('adjacent')) expect(g.neighbours![p.area].has(pilot)).toBe(true);
            else if (reason.startsWith('within')) expect(centroidKm(g, p.area, pilot)).toBeLessThan(c.minKm);
            else if (reason.startsWith('excluded')) expect(exclude).toContain(r.areas.codes[p.area]);
            else if (reason.startsWith('borough cap'))
              expect(chosen.filter((i) => r.areas.parent[i] === r.areas.parent[p.area]).length).toBeGreaterThanOrEqual(
                c.cap!,
              );
            else expect(reason).toMatch(/^not optimal/);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('names where greedy differs and prices the ward it passed over (hand case)', () => {
    // Path W01 – W00 – W02 (W00 touches both); scores 10, 9, 8.5, 1 for W00…W03; k = 2, not adjacent.
    // Greedy: W00, then W03 (W01, W02 touch W00) = 11. Exact: W01 + W02 = 17.5.
    const r = syntheticRanking([10, 9, 8.5, 1], [0, 0, 0, 0]);
    const g = graph(4, [
      [0, 1],
      [0, 2],
    ]);
    const sel = selectPilots(r, g, defaultPilotSettings({ k: 2 }));
    expect(sel.chosen.map((u) => u.seed).sort()).toEqual([1, 2]);
    expect(sel.total).toBe(17.5);
    expect(sel.greedy.map((u) => u.seed)).toEqual([0, 3]);
    expect(sel.greedyTotal).toBe(11);
    expect(sel.passedOver).toEqual([
      { area: 0, reasons: ['adjacent to pilot Ward 1 (W01)', 'adjacent to pilot Ward 2 (W02)'] },
    ]);
  });

  it('says "not optimal" with the best total including a ward when no constraint blocks it', () => {
    // No adjacency; borough cap 1: W00 (B0, 10), W01 (B0, 9), W02 (B1, 8), W03 (B1, 7.5), W04 (B2, 7).
    // Best 2 pilots: W00 + W02 = 18; W01 is blocked by the cap, nothing is "not optimal".
    // k = 1 with an exclude list: W00 excluded → W01 chosen; W00 reason "excluded".
    const r = syntheticRanking([10, 9, 8, 7.5, 7], [0, 0, 1, 1, 2]);
    const sel = selectPilots(
      r,
      { neighbours: graph(5, []).neighbours },
      defaultPilotSettings({ k: 2, max_per_borough: 1 }),
    );
    expect(sel.chosen.map((u) => u.seed)).toEqual([0, 2]);
    expect(sel.passedOver).toEqual([{ area: 1, reasons: ['borough cap: already 1 pilot(s) in Borough 0'] }]);
    const ex = selectPilots(r, graph(5, []), defaultPilotSettings({ k: 1, exclude: ['W00'] }));
    expect(ex.chosen.map((u) => u.seed)).toEqual([1]);
    expect(ex.passedOver).toEqual([{ area: 0, reasons: ['excluded: on the exclude list (already funded)'] }]);
    // Cluster pilots whose mean falls below a lower single ward: a case of "not optimal".
    const g = graph(3, [[0, 1]]);
    const r2 = syntheticRanking([10, 0, 6], [0, 0, 0], [100, 100, 100]);
    const cl = selectPilots(
      r2,
      g,
      defaultPilotSettings({ k: 1, cluster: { population_cap: 200, same_borough: true } }),
    );
    // W00+W01 cluster scores 5 (mean), W01+W00 also 5, W02 alone
    // 6 → W02 chosen; W00 and W01 passed over as not optimal.
    expect(cl.chosen.map((u) => u.members)).toEqual([[2]]);
    expect(cl.passedOver.map((p) => p.reasons[0])).toEqual([
      'not optimal: the set without it scores higher (best set including it totals 5.000 against 6.000)',
    ]);
  });

  it('chooses the single borough by its best feasible set (exact), not by its unconstrained top-k sum', () => {
    // The Westminster case in miniature. B0: 10, 9, 1, 0.5 with W00–W01 adjacent, so its
    // best non-adjacent pair is W00 + W02 = 11 (W01 + W02 = 10); its top-2 sum would be 19.
    // B1: 8, 7.5 (not adjacent) = 15.5 → B1 wins; B0 is the runner-up with 11.
    const r = syntheticRanking([10, 9, 1, 0.5, 8, 7.5], [0, 0, 0, 0, 1, 1]);
    const g = graph(6, [
      [0, 1],
      [1, 2],
    ]);
    const sel = selectPilots(r, g, defaultPilotSettings({ k: 2, borough: 'best' }));
    expect(sel.borough!.rule).toBe('best-feasible-set');
    expect(sel.borough!.borough).toBe(1);
    expect(sel.borough!.ranking.map((b) => [b.borough, b.units.map((u) => u.seed).sort(), b.total])).toEqual([
      [1, [4, 5], 15.5],
      [0, [0, 2], 11],
    ]);
    expect(sel.chosen.map((u) => u.seed).sort()).toEqual([4, 5]);
    expect(sel.passedOver[0]).toEqual({ area: 0, reasons: ['outside the chosen borough Borough 1'] });
    // A borough that can host all k beats one with a higher single ward that cannot.
    const r2 = syntheticRanking([10, 9, 3, 2], [0, 0, 1, 1]);
    const sel2 = selectPilots(r2, graph(4, [[0, 1]]), defaultPilotSettings({ k: 2, borough: 'best' }));
    expect(sel2.borough!.ranking.map((b) => [b.borough, b.units.length, b.total])).toEqual([
      [1, 2, 5],
      [0, 1, 10],
    ]);
    const named = selectPilots(r, g, defaultPilotSettings({ k: 2, borough: 'borough 0' }));
    expect(named.chosen.map((u) => u.seed)).toEqual([0, 2]);
    expect(() => selectPilots(r, g, defaultPilotSettings({ borough: 'Nowhere' }))).toThrow(/unknown borough/);
    expect(() => selectPilots(r, g, defaultPilotSettings({ exclude: ['X99'] }))).toThrow(/unknown ward code/);
  });

  it('single-borough "best" equals brute force over every borough and every k-subset (random instances)', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 1, max: 3 }), (c, nb) => {
        const n = c.n;
        const boroughs = c.boroughs.slice(0, n).map((b) => b % nb);
        const r = syntheticRanking(
          c.scores.slice(0, n).map((s) => s / 10),
          boroughs,
        );
        const edges = c.edges.filter(([a, b]) => a < n && b < n);
        const g = graph(n, edges, c.lon.slice(0, n), new Array(n).fill(51.5));
        const s = defaultPilotSettings({ k: c.k, borough: 'best', min_distance_km: c.minKm });
        const sel = selectPilots(r, g, s);
        const ok = (set: number[]) => {
          for (let a = 0; a < set.length; a++)
            for (let b = a + 1; b < set.length; b++)
              if (g.neighbours![set[a]].has(set[b]) || centroidKm(g, set[a], set[b]) < c.minKm) return false;
          return true;
        };
        // Per borough: the largest feasible size ≤ k, then the highest total; then across boroughs the same order.
        const per = [...new Set(boroughs)].sort().map((b) => {
          const wards = boroughs
            .map((x, i) => [x, i])
            .filter(([x]) => x === b)
            .map(([, i]) => i);
          let best = { size: 0, total: 0 };
          const rec = (start: number, set: number[]) => {
            if (set.length) {
              const total = set.reduce((a, i) => a + r.index[i], 0);
              if (set.length > best.size || (set.length === best.size && total > best.total + 1e-9))
                best = { size: set.length, total };
            }
            if (set.length === c.k) return;
            for (let i = start; i < wards.length; i++) if (ok([...set, wards[i]])) rec(i + 1, [...set, wards[i]]);
          };
          rec(0, []);
          return { borough: b, ...best };
        });
        per.sort((a, b) => b.size - a.size || b.total - a.total || a.borough - b.borough);
        expect(sel.borough!.ranking.map((x) => [x.borough, x.units.length])).toEqual(
          per.map((x) => [x.borough, x.size]),
        );
        sel.borough!.ranking.forEach((x, i) => expect(x.total).toBeCloseTo(per[i].total, 9));
        expect(sel.chosen.every((u) => r.areas.parent[u.seed] === per[0].borough)).toBe(true);
        expect(sel.total).toBeCloseTo(per[0].total, 9);
      }),
      { numRuns: 300 },
    );
  });

  it('grows clusters from the seed in index order within the population cap', () => {
    // Seed W00 (pop 100) with neighbours W01 (score 5, pop 300), W02 (score 4, pop 50), W03 (score 3, pop 40).
    // Cap 200: W01 would overflow (400) and is skipped; W02 (150) fits; W03 (190) fits.
    const r = syntheticRanking([9, 5, 4, 3], [0, 0, 0, 0], [100, 300, 50, 40]);
    const g = graph(4, [
      [0, 1],
      [0, 2],
      [0, 3],
    ]);
    const sel = selectPilots(
      r,
      g,
      defaultPilotSettings({ k: 1, cluster: { population_cap: 200, same_borough: true } }),
    );
    const u = sel.units.find((x) => x.seed === 0)!;
    expect(u.members).toEqual([0, 2, 3]);
    expect(u.population).toBe(190);
    expect(u.score).toBeCloseTo((100 * 9 + 50 * 4 + 40 * 3) / 190, 12);
  });
});
