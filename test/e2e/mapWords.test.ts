/**
 * The map's pure rules in words and numbers, hand-checked: search normalisation and typo
 * tolerance, permalink weight clamping and the what-if marking, percentiles (shareBelow) and
 * the rank verdict.
 */
import { describe, expect, it } from 'vitest';
import { editDistance, matchWards, normaliseSearch } from '../../web/src/search.ts';
import { clampWeights, describeWeights, downloadName, sliderMax, whatIfCsvLine } from '../../web/src/whatIf.ts';
import { shareBelow } from '../../src/core/stats/shareBelow.ts';
import { rankVerdict } from '../../src/core/rankVerdict.ts';
import type { FrameworkInfo } from '../../web/src/api.ts';

describe('search', () => {
  const items = [
    { code: 'E05000428', name: "St. Leonard's", borough: 'Lambeth' },
    { code: 'E05014115', name: "Streatham St Leonard's", borough: 'Lambeth' },
    { code: 'E05000420', name: 'Coldharbour', borough: 'Lambeth' },
    { code: 'E05014086', name: 'Mottingham, Coldharbour & New Eltham', borough: 'Greenwich' },
    { code: 'E09000022', name: 'Lambeth', borough: 'Lambeth', kind: 'borough' as const },
  ];
  it('normalises case, accents, punctuation and "&"', () => {
    expect(normaliseSearch("  St. Leonard's ")).toBe('st leonards');
    expect(normaliseSearch('Mottingham, Coldharbour & New Eltham')).toBe('mottingham coldharbour and new eltham');
    expect(normaliseSearch('Bromley-by-Bow')).toBe('bromley by bow');
    expect(normaliseSearch('Café')).toBe('cafe');
  });
  it('edit distance: kitten → sitting is 3; coldharbor → coldharbou is 1', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('coldharbor', 'coldharbou')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });
  it('finds "st leonards" (prefix, then word start) and "coldharbor" (typo at a word start)', () => {
    expect(matchWards(items, 'st leonards').map((i) => i.code)).toEqual(['E05000428', 'E05014115']);
    expect(matchWards(items, 'coldharbor').map((i) => i.code)).toEqual(['E05000420', 'E05014086']);
    expect(matchWards(items, 'xyzzy')).toEqual([]);
    // No typo budget below 4 characters: "cld" matches nothing.
    expect(matchWards(items, 'cld')).toEqual([]);
  });
  it('lists the borough first, then every ward in it', () => {
    expect(matchWards(items, 'lambeth').map((i) => i.code)).toEqual([
      'E09000022',
      'E05000420',
      'E05000428',
      'E05014115',
    ]);
  });
});

describe('what-if weights', () => {
  const f = {
    categories: [
      { id: 'crime', name: 'Violent crime', weight: 1 },
      { id: 'health', name: 'Public health', weight: 3 },
    ],
    measures: [{ id: 'knife', name: 'Knife crime', category: 'crime', weight: 1 }],
  } as unknown as FrameworkInfo;
  it('slider range is 0 to max(5, ⌈2w⌉)', () => {
    expect(sliderMax(1)).toBe(5);
    expect(sliderMax(3)).toBe(6);
    expect(sliderMax(2.6)).toBe(6);
  });
  it('clamps out-of-range permalink weights, rounds to the step, drops unknown ids, and says so', () => {
    const r = clampWeights({ categories: { crime: 50, health: 3.04, nope: 2 }, measures: { knife: 0.25 } }, f);
    // health rounds to 3 = published: no override
    expect(r.weights).toEqual({ categories: { crime: 5 }, measures: { knife: 0.3 } });
    expect(r.notices).toEqual([
      "The link's weight 50 for Violent crime is outside the slider range 0–5; 5 is used instead.",
      "The link's weight 3.04 for Public health is rounded to the slider's step: 3.",
      'The link names an unknown category "nope"; ignored.',
      "The link's weight 0.25 for Knife crime is rounded to the slider's step: 0.3.",
    ]);
  });
  it('names the weights in the CSV marking row and the file names', () => {
    const w = { categories: { health: 0 }, measures: {} };
    expect(describeWeights(w, f)).toEqual(['Public health 0 (published 3)']);
    expect(whatIfCsvLine(w, f, '2026-12-03')).toBe(
      '"# WHAT-IF, not the published index: weights changed from the published run (Public health 0 (published 3)); computed in the browser on 2026-12-03"\n',
    );
    expect(downloadName('csv', 'index', true, '2026-12-03')).toBe('wardrank-results-WHATIF-2026-12-03.csv');
    expect(downloadName('png', 'measure:knife', false, '2026-12-03')).toBe('wardrank-measure-knife.png');
  });
});

describe('percentile and rank verdict', () => {
  it('shareBelow counts the other areas strictly below, ignoring missing values', () => {
    const x = [10, 20, 20, NaN, 40];
    expect(shareBelow(x, 4)).toBe(1); // 3 of 3 others below 40
    expect(shareBelow(x, 1)).toBe(1 / 3); // only 10 is below 20 (the tie is not)
    expect(shareBelow(x, 0)).toBe(0);
    expect(shareBelow(x, 3)).toBeNaN();
  });
  it('stable when ⌈p95⌉ − ⌊p05⌋ ≤ ⌈N/10⌉', () => {
    expect(rankVerdict(1.4, 12.2, 632)).toEqual({ verdict: 'stable', from: 1, to: 13, width: 12, threshold: 64 });
    expect(rankVerdict(3, 6, 10)).toEqual({ verdict: 'uncertain', from: 3, to: 6, width: 3, threshold: 1 });
    expect(rankVerdict(10, 74, 632)?.verdict).toBe('stable'); // width 64 = threshold
    expect(rankVerdict(10, 74.5, 632)?.verdict).toBe('uncertain'); // ⌈74.5⌉ = 75: width 65
    expect(rankVerdict(null, 5, 10)).toBeNull();
  });
});
