/**
 * Robust objectives and eligibility rules against small cases worked by hand, and the words a
 * commissioner reads for a wide rank interval.
 */
import { describe, expect, it } from 'vitest';
import type { RobustnessRow } from '../../src/core/types.ts';
import { intervalWords, ordinal, robustEvidence, wideInterval } from '../../src/select/robustEvidence.ts';
import { selectPilots } from '../../src/select/selectPilots.ts';
import { defaultPilotSettings, graph, syntheticRanking } from './helpers.ts';

const row = (nominal: number, median: number, p05: number, p95: number, pDec: number): RobustnessRow => ({
  nominal_rank: nominal,
  median_rank: median,
  p05_rank: p05,
  p95_rank: p95,
  p_top_k: 0,
  p_top_decile: pDec,
});

// Five wards W00…W04 (index 5, 4, 3, 2, 1), all in one borough, no adjacency.
// P(top decile): 0.30, 0.95, 0.90, 0.60, 0.85. 20 wards ranked nominally (decile cut ⌈20/10⌉ = 2).
const r = syntheticRanking([5, 4, 3, 2, 1], [0, 0, 0, 0, 0]);
const rows = new Map<string, RobustnessRow>([
  ['W00', row(1, 6, 1, 14, 0.3)],
  ['W01', row(2, 2, 1, 3, 0.95)],
  ['W02', row(3, 2, 1, 2, 0.9)],
  ['W03', row(4, 3, 2, 4, 0.6)],
  ['W04', row(5, 2, 1, 2, 0.85)],
]);
for (let i = 6; i <= 20; i++) rows.set(`X${i}`, row(i, i, i, i, 0));
const g = graph(5, []);

describe('robust objectives (hand cases)', () => {
  it('index: the two highest scores, W00 + W01 = 9', () => {
    const sel = selectPilots(r, g, defaultPilotSettings({ k: 2, objective: 'index' }), {
      evidence: robustEvidence(r.areas.codes, rows),
    });
    expect(sel.chosen.map((u) => u.seed).sort()).toEqual([0, 1]);
    expect(sel.total).toBe(9);
  });

  it('expected (default with robustness): maximises Σ P(top decile) = 0.95 + 0.90 = 1.85 (W01, W02)', () => {
    const ev = robustEvidence(r.areas.codes, rows);
    const sel = selectPilots(r, g, defaultPilotSettings({ k: 2 }), { evidence: ev });
    expect(sel.objective).toBe('expected');
    expect(sel.chosen.map((u) => u.seed).sort()).toEqual([1, 2]);
    expect(sel.total).toBeCloseTo(1.85, 12);
    expect(sel.indexTotal).toBe(7);
    // k = 3: + W04 (0.85) = 2.70, not W03 (0.60) although W03 has the higher index.
    const three = selectPilots(r, g, defaultPilotSettings({ k: 3 }), { evidence: ev });
    expect(three.chosen.map((u) => u.seed).sort()).toEqual([1, 2, 4]);
    expect(three.total).toBeCloseTo(2.7, 12);
    // W00 is passed over with its reason priced by the exact search: best set with it = 0.30 + 0.95 + 0.90 = 2.15.
    expect(three.passedOver.find((p) => p.area === 0)!.reasons[0]).toBe(
      'not optimal: the set without it scores higher (best set including it totals 2.150 against 2.700)',
    );
    expect(() => selectPilots(r, g, defaultPilotSettings({ k: 2, objective: 'expected' }))).toThrow(
      /needs robustness evidence/,
    );
  });

  it('eligibility rules: min P(top decile), max p95 rank, robust candidates only', () => {
    const ev = robustEvidence(r.areas.codes, rows, new Set(['W01', 'W03', 'W04']));
    // Candidates only: W01, W03, W04; index objective → W01 + W03 = 6.
    const a = selectPilots(r, g, defaultPilotSettings({ k: 2, objective: 'index' }), { evidence: ev });
    expect(a.chosen.map((u) => u.seed).sort()).toEqual([1, 3]);
    expect(a.eligibility.reasons.get(0)).toEqual(['not a robust candidate']);
    // + P(top decile) ≥ 0.8: W01, W04 → 4 + 1 = 5.
    const b = selectPilots(
      r,
      g,
      defaultPilotSettings({ k: 2, objective: 'index', eligibility: { min_p_top_decile: 0.8 } }),
      { evidence: ev },
    );
    expect(b.chosen.map((u) => u.seed).sort()).toEqual([1, 4]);
    expect(b.eligibility.reasons.get(3)).toEqual(['P(top decile) 0.60 < 0.8']);
    // All wards, p95 ≤ 3: W01 (3), W02 (2), W04 (2) → index W01 + W02 = 7.
    const c = selectPilots(
      r,
      g,
      defaultPilotSettings({ k: 2, objective: 'index', eligibility: { robust_candidates: false, max_p95_rank: 3 } }),
      { evidence: ev },
    );
    expect(c.chosen.map((u) => u.seed).sort()).toEqual([1, 2]);
    expect(c.eligibility.reasons.get(0)).toEqual(['95th-percentile rank 14 > 3']);
    expect(c.passedOver[0]).toEqual({ area: 0, reasons: ['95th-percentile rank 14 > 3'] });
  });

  it('exclusion by flag column, with the rule in words', () => {
    const flags = new Map([['central_activity', Uint8Array.from([1, 0, 0, 0, 0])]]);
    const sel = selectPilots(r, g, defaultPilotSettings({ k: 2, exclude_flags: ['central_activity'] }), { flags });
    expect(sel.chosen.map((u) => u.seed).sort()).toEqual([1, 2]);
    expect(sel.passedOver[0]).toEqual({ area: 0, reasons: ['excluded by rule: flagged central_activity'] });
    expect(sel.eligibility.rules).toEqual(['wards flagged central_activity = 1 in the areas file are not chosen']);
    expect(() => selectPilots(r, g, defaultPilotSettings({ exclude_flags: ['night_time'] }), { flags })).toThrow(
      /no flag column "night_time"/,
    );
  });

  it('flags a wide interval in words', () => {
    const ev = robustEvidence(r.areas.codes, rows);
    expect(wideInterval(ev, 0)).toBe(true); // p95 14 > ⌈20/10⌉ = 2
    expect(wideInterval(ev, 2)).toBe(false);
    expect(intervalWords(1, ev, 0)).toBe(
      'ranked 1st, but between 1st and 14th under other defensible methods (median 6th)',
    );
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 140].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '23rd',
      '101st',
      '111th',
      '140th',
    ]);
  });
});
