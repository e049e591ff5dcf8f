/**
 * `rankAreas` and `boroughSummaries` (one sort and one pass over all areas) against their plain
 * definitions computed borough by borough: ranks from `rankDescending` overall and on each
 * borough's own values, and each summary from the borough's list of wards (sums in area order,
 * local concentration from `localConcentration`). Random frameworks with ties, missing scores,
 * unknown or zero populations and areas outside any borough; results must be identical, not close.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankAreas } from '../../src/core/steps/rank.ts';
import { boroughSummaries, localConcentration } from '../../src/core/steps/boroughSummary.ts';
import { rankDescending } from '../../src/core/stats/rankDescending.ts';
import type { Areas, BoroughSummary } from '../../src/core/types.ts';

interface Case {
  index: Float64Array;
  parent: Int32Array;
  population: Float64Array;
  groups: number;
}

const caseArb = fc
  .record({
    groups: fc.integer({ min: 1, max: 12 }),
    rows: fc.array(
      fc.record({
        // few distinct values, so ties are common; -0 beside 0
        score: fc.oneof(
          fc.constantFrom(NaN, 0, -0, 1.5, 2),
          fc.integer({ min: -20, max: 20 }),
          fc.double({ noNaN: true, min: -1e3, max: 1e3 }),
        ),
        parent: fc.integer({ min: -1, max: 11 }),
        population: fc.oneof(fc.constantFrom(NaN, 0, -3), fc.integer({ min: 1, max: 5000 })),
      }),
      { minLength: 1, maxLength: 400 },
    ),
  })
  .map(({ groups, rows }): Case => ({
    groups,
    index: Float64Array.from(rows, (r) => r.score),
    parent: Int32Array.from(rows, (r) => (r.parent < groups ? r.parent : -1)),
    population: Float64Array.from(rows, (r) => r.population),
  }));

function areasOf(c: Case): Areas {
  const n = c.index.length;
  return {
    codes: Array.from({ length: n }, (_, i) => `A${i}`),
    names: Array.from({ length: n }, (_, i) => `Area ${i}`),
    parent: c.parent,
    parentCodes: Array.from({ length: c.groups }, (_, g) => `B${g}`),
    parentNames: Array.from({ length: c.groups }, (_, g) => `Borough ${g}`),
    population: c.population,
  };
}

/** Each borough ranked on its own: rankDescending over the borough's values. */
function groupRanksByDefinition(c: Case): Float64Array {
  const out = new Float64Array(c.index.length).fill(NaN);
  for (let g = 0; g < c.groups; g++) {
    const members = [...c.index.keys()].filter((i) => c.parent[i] === g);
    const r = rankDescending(Float64Array.from(members, (i) => c.index[i]));
    members.forEach((i, k) => (out[i] = r[k]));
  }
  return out;
}

/** The summaries borough by borough, from each borough's list of wards. */
function summariesByDefinition(areas: Areas, index: Float64Array, rank: Float64Array, decile: Uint8Array) {
  const N = rank.filter((r) => r === r).length;
  const pop = (i: number) => (areas.population[i] > 0 ? areas.population[i] : 1);
  const out: BoroughSummary[] = areas.parentCodes.map((code, g) => {
    const idx = [...rank.keys()].filter((i) => areas.parent[i] === g);
    const ranked = idx.filter((i) => rank[i] === rank[i]);
    let wsum = 0;
    let score = 0;
    let rsum = 0;
    let ext = 0;
    let top = 0;
    for (const i of ranked) {
      const w = pop(i);
      wsum += w;
      score += w * index[i];
      rsum += w * rank[i];
      ext += w * Math.min(1, Math.max(0, (0.3 - rank[i] / N) / 0.2));
      if (decile[i] === 1) top++;
    }
    // ranked wards in rank order, ties by area index
    const inOrder = [...ranked].sort((a, b) => rank[a] - rank[b] || a - b);
    return {
      code,
      name: areas.parentNames[g],
      wards: idx.length,
      rankedWards: ranked.length,
      averageScore: wsum > 0 ? score / wsum : NaN,
      averageRank: wsum > 0 ? rsum / wsum : NaN,
      extent: wsum > 0 ? ext / wsum : NaN,
      localConcentration: localConcentration(inOrder, rank, pop, wsum),
      topDecileShare: ranked.length ? top / ranked.length : NaN,
      rankOfAverageScore: NaN,
    };
  });
  const r = rankDescending(Float64Array.from(out, (b) => b.averageScore));
  out.forEach((b, g) => (b.rankOfAverageScore = r[g]));
  return out;
}

describe('rankAreas and boroughSummaries against their borough-by-borough definitions', () => {
  it('give identical ranks, orders and summaries', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const rk = rankAreas(c.index, c.parent, c.groups);
        expect(Array.from(rk.rank)).toEqual(Array.from(rankDescending(c.index)));
        expect(Array.from(rk.parentRank)).toEqual(Array.from(groupRanksByDefinition(c)));
        const ranked = [...c.index.keys()].filter((i) => c.index[i] === c.index[i]);
        expect(Array.from(rk.order)).toEqual(ranked.sort((a, b) => rk.rank[a] - rk.rank[b] || a - b));
        const areas = areasOf(c);
        const expected = summariesByDefinition(areas, c.index, rk.rank, rk.decile);
        expect(boroughSummaries(areas, c.index, rk.rank, rk.decile, rk.order)).toEqual(expected);
        expect(boroughSummaries(areas, c.index, rk.rank, rk.decile)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
