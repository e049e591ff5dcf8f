import { describe, expect, it } from 'vitest';
import { quantileOfCounts, quantileSorted } from '../../src/robustness/percentile.ts';
import { PriorityRanker } from '../../src/robustness/priorityRanks.ts';
import { rankDescending } from '../../src/core/stats/rankDescending.ts';
import { seededRng } from '../../src/robustness/rng.ts';

describe('type-7 quantiles', () => {
  it('match hand-computed values (R: quantile(c(1,2,3,4), c(.05,.5,.95)) = 1.15, 2.5, 3.85)', () => {
    const x = [1, 2, 3, 4];
    expect(quantileSorted(x, 0.05)).toBeCloseTo(1.15, 12);
    expect(quantileSorted(x, 0.5)).toBe(2.5);
    expect(quantileSorted(x, 0.95)).toBeCloseTo(3.85, 12);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });

  it('from counts equal the quantiles of the expanded values', () => {
    const rng = seededRng(3);
    for (let trial = 0; trial < 50; trial++) {
      const bins = 1 + Math.floor(rng.uniform() * 12);
      const counts = Int32Array.from({ length: bins + 2 }, () => Math.floor(rng.uniform() * 4));
      const valueOf = (b: number) => (b + 2) / 2;
      const expanded: number[] = [];
      for (let b = 0; b < bins; b++) for (let c = 0; c < counts[1 + b]; c++) expanded.push(valueOf(b));
      for (const p of [0, 0.05, 0.5, 0.95, 1]) {
        const want = quantileSorted(expanded, p);
        const got = quantileOfCounts(counts, 1, bins, p, valueOf);
        if (Number.isNaN(want)) expect(got).toBeNaN();
        else expect(got).toBeCloseTo(want, 12);
      }
    }
  });
});

describe('PriorityRanker', () => {
  it('equals core rankDescending (ties averaged, NaN unranked) on columns with ties and gaps', () => {
    const rng = seededRng(17);
    const ranker = new PriorityRanker(300);
    for (let trial = 0; trial < 30; trial++) {
      const x = Float64Array.from({ length: 300 }, () => (rng.uniform() < 0.05 ? NaN : Math.floor(rng.uniform() * 40) - 20 + (trial % 2 ? rng.uniform() : 0)));
      x[0] = 0;
      x[1] = -0;
      expect(Array.from(ranker.ranks(x))).toEqual(Array.from(rankDescending(x)));
    }
  });

  it('ranks a hand example: [5, 9, 5, NaN, 1] → [2.5, 1, 2.5, NaN, 4]', () => {
    expect(Array.from(new PriorityRanker(5).ranks(Float64Array.of(5, 9, 5, NaN, 1)))).toEqual([2.5, 1, 2.5, NaN, 4]);
  });
});
