import { describe, expect, it } from 'vitest';
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
  it('uses the top-decile cut-off ⌈R/10⌉ by default', () => {
    expect(p95Cutoff(rule, 632)).toBe(64);
    expect(p95Cutoff({ ...rule, max_p95_rank: 20 }, 632)).toBe(20);
  });

  it('keeps wards with P(top k) ≥ ½ or a 95th percentile inside the cut-off, in median-rank order, saying why', () => {
    const rows = [ward('C', 9, 80, 0.1), ward('A', 1, 200, 0.6), ward('B', 5, 60, 0.2), ward('D', 3, 64, 0.5)];
    const got = robustCandidates(rows, rule, 3, 632);
    expect(got.map((c) => c.code)).toEqual(['A', 'D', 'B']);
    expect(got[0].reason).toBe('P(top 3) 0.600 >= 0.5');
    expect(got[1].reason).toBe('P(top 3) 0.500 >= 0.5; 95th percentile rank 64 <= 64');
    expect(got[2].reason).toBe('95th percentile rank 60 <= 64');
  });
});
