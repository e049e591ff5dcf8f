/**
 * P(top decile) in the robustness runs uses core's decile rule (`decileOf`, src/core/steps/rank.ts)
 * through `topDecileMaxRank`: hand-computed cut-offs for small and large N, the cut-off checked
 * against decileOf for every N and half rank, and the Monte Carlo counts recomputed run by run
 * from the kept ranks with decileOf itself.
 */
import { describe, expect, it } from 'vitest';
import { prepare } from '../../src/core/run.ts';
import { decileOf, topDecileMaxRank } from '../../src/core/steps/rank.ts';
import { runMonteCarlo } from '../../src/robustness/runMonteCarlo.ts';
import { parseRobustnessSettings } from '../../src/robustness/settings.ts';
import { syntheticLondon } from './syntheticLondon.ts';

describe('topDecileMaxRank', () => {
  it('N < 10: only rank 1 is decile 1 (N = 4: 1 + round(9(r − 1)/3) gives 1, 3 (r = 1.5), 4, 7, 10)', () => {
    expect([1, 1.5, 2, 3, 4].map((r) => decileOf(r, 4))).toEqual([1, 3, 4, 7, 10]);
    expect(topDecileMaxRank(4)).toBe(1);
    expect(topDecileMaxRank(1)).toBe(1);
    // N = 9: rank 1.5 gives 1 + round(9 · 0.5 / 8) = 1 + round(0.5625) = 2
    expect(topDecileMaxRank(9)).toBe(1);
  });

  it('N ≥ 10: ⌈10r/N⌉ = 1 up to r = N/10, in halves (10 → 1, 20 → 2, 25 → 2.5, 633 → 63, 680 → 68)', () => {
    expect([10, 19, 20, 25, 633, 680].map(topDecileMaxRank)).toEqual([1, 1.5, 2, 2.5, 63, 68]);
    expect([decileOf(68, 680), decileOf(68.5, 680), decileOf(63, 633), decileOf(63.5, 633)]).toEqual([1, 2, 1, 2]);
  });

  it('rank ≤ topDecileMaxRank(N) exactly when decileOf(rank, N) = 1, for N = 1…300 and every half rank', () => {
    const disagree: string[] = [];
    for (let n = 1; n <= 300; n++) {
      const top = topDecileMaxRank(n);
      for (let r = 1; r <= n; r += 0.5) if (r <= top !== (decileOf(r, n) === 1)) disagree.push(`N ${n}, rank ${r}`);
    }
    expect(disagree).toEqual([]);
  });
});

describe('robustness P(top decile) counts decileOf(rank, ranked) = 1 in each run', () => {
  /** Share of the kept runs in which each ward's decile (by decileOf over that run's ranked wards) is 1. */
  function recount(ranks: Float32Array, n: number): number[] {
    const runs = ranks.length / n;
    const count = new Array<number>(n).fill(0);
    for (let t = 0; t < runs; t++) {
      const run = ranks.subarray(t * n, (t + 1) * n);
      const ranked = run.filter((r) => r === r).length;
      run.forEach((r, i) => {
        if (r === r && decileOf(r, ranked) === 1) count[i]++;
      });
    }
    return count.map((c) => c / runs);
  }

  it.each([4, 37])('N = %i wards: the counts equal a recount from the per-run ranks', async (areas) => {
    const { framework, inputs } = syntheticLondon({ areas, parents: 2, seed: 5 });
    const prepared = prepare(framework, inputs);
    const settings = parseRobustnessSettings({ runs: 60, seed: 3, sobol: { enabled: false } });
    const mc = await runMonteCarlo(prepared, settings, { histogramMaxAreas: 0 });
    expect(mc.runs.ranks.length).toBe(60 * areas);
    const expected = recount(mc.runs.ranks, areas);
    const got = prepared.areas.codes.map((c) => mc.wards.find((w) => w.code === c)!.pTopDecile);
    expect(got).toEqual(expected);
    // some ward is in the top decile in some run (with N = 4: rank 1, which the old ⌈10r/N⌉ ≤ 1 never counted)
    expect(Math.max(...got)).toBeGreaterThan(0);
    if (areas === 4) {
      // N = 4: decile 1 is a lone rank 1, so the shares add up to the share of runs without a tie at the top
      const runs = mc.runs.ranks.length / areas;
      let alone = 0;
      for (let t = 0; t < runs; t++)
        if (mc.runs.ranks.subarray(t * areas, (t + 1) * areas).some((r) => r === 1)) alone++;
      expect(got.reduce((a, b) => a + b, 0)).toBeCloseTo(alone / runs, 12);
    }
  });
});
