import { describe, expect, it } from 'vitest';
import { decileOf } from '../../src/core/steps/rank.ts';
import { p95Cutoff, robustCandidates } from '../../src/robustness/candidates.ts';
import { parseRobustnessSettings } from '../../src/robustness/settings.ts';
import type { WardInterval } from '../../src/robustness/wardIntervals.ts';

const ward = (code: string, median: number, p95: number, pTopK: number): WardInterval => ({
  code,
  name: code,
  nominalRank: median,
  medianRank: median,
  p05Rank: 1,
  p95Rank: p95,
  pTopK,
  pTopDecile: 0,
  rankedRuns: 100,
});

describe('robust candidates', () => {
  const rule = parseRobustnessSettings({}).candidates;
  it('uses the largest top-decile rank by default: 632/10 = 63.2 → 63, 679/10 = 67.9 → 67.5', () => {
    expect(p95Cutoff(rule, 632)).toBe(63);
    expect(p95Cutoff(rule, 679)).toBe(67.5);
    expect(p95Cutoff(rule, 5)).toBe(1);
    expect(p95Cutoff({ ...rule, max_p95_rank: 20 }, 632)).toBe(20);
  });

  it('agrees with the decile column: a rank (multiple of ½) is within the cut-off exactly when its decile is 1', () => {
    for (let n = 1; n <= 700; n++) {
      const cut = p95Cutoff(rule, n);
      for (let r = 1; r <= Math.min(n, 80); r += 0.5) expect(r <= cut, `n ${n}, r ${r}`).toBe(decileOf(r, n) === 1);
    }
  });

  it('keeps wards with P(top k) ≥ ½ or a 95th percentile inside the cut-off, in median-rank order, saying why', () => {
    const rows = [
      ward('C', 9, 80, 0.1),
      ward('A', 1, 200, 0.6),
      ward('B', 5, 60, 0.2),
      ward('D', 3, 63, 0.5),
      // 63.5 of 632 is in the second decile (10 × 63.5 / 632 > 1)
      ward('E', 7, 63.5, 0.2),
    ];
    const got = robustCandidates(rows, rule, 3, 632);
    expect(got.map((c) => c.code)).toEqual(['A', 'D', 'B']);
    expect(got[0].reason).toBe('P(top 3) 0.600 >= 0.5');
    expect(got[1].reason).toBe('P(top 3) 0.500 >= 0.5; 95th percentile rank 63 <= 63');
    expect(got[2].reason).toBe('95th percentile rank 60 <= 63');
  });
});
