import { describe, expect, it } from 'vitest';
import { quantileOfCounts, quantileSorted } from '../../src/robustness/percentile.ts';
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
