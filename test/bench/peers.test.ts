/**
 * Correctness of the benchmark's moving parts (never timing): the SYNTHETIC generator is
 * deterministic and has the shapes it promises, and the engine, the naive JavaScript peer and
 * the DuckDB peer agree on every rank of the peer pipeline.
 */
import { describe, expect, it } from 'vitest';
import { indicatorKind, syntheticFramework } from '../../bench/synthetic.ts';
import { enginePeer, rankDifferences } from '../../bench/peers.ts';
import { naivePipeline, toRows } from '../../bench/naive.ts';
import { duckdbLoad, duckdbPipeline } from '../../bench/duckdb.ts';

const fingerprint = (s: ReturnType<typeof syntheticFramework>) =>
  JSON.stringify({
    codes: s.inputs.areas.codes,
    parent: Array.from(s.inputs.areas.parent),
    data: Object.fromEntries(
      Object.entries(s.inputs.data).map(([id, d]) => [
        id,
        [Array.from(d.values, String), d.denominator && Array.from(d.denominator)],
      ]),
    ),
  });

describe('syntheticFramework', () => {
  it('is deterministic: the same seed gives identical data, another seed different data', () => {
    const a = syntheticFramework({ areas: 300, indicators: 20, seed: 7 });
    const b = syntheticFramework({ areas: 300, indicators: 20, seed: 7 });
    const c = syntheticFramework({ areas: 300, indicators: 20, seed: 8 });
    expect(fingerprint(a)).toBe(fingerprint(b));
    expect(fingerprint(a)).not.toBe(fingerprint(c));
  });

  it('has the promised shapes: sizes, parents, borough-level columns, denominators, missing values, SYNTHETIC names', () => {
    const { framework, inputs } = syntheticFramework({ areas: 2000, indicators: 60, seed: 3 });
    expect(inputs.areas.codes).toHaveLength(2000);
    expect(new Set(inputs.areas.codes).size).toBe(2000);
    expect(framework.indicators).toHaveLength(60);
    expect(framework.measures).toHaveLength(17);
    expect(framework.name).toMatch(/^Synthetic/);
    expect(framework.description).toMatch(/SYNTHETIC/);
    // parents: every area has one, about 19 areas each (London-like below 5,000 areas)
    const parents = inputs.areas.parentCodes.length;
    expect(Math.min(...inputs.areas.parent)).toBe(0);
    expect(Math.max(...inputs.areas.parent)).toBe(parents - 1);
    expect(2000 / parents).toBeGreaterThan(12);
    expect(2000 / parents).toBeLessThan(28);
    for (const [k, s] of framework.indicators.entries()) {
      const d = inputs.data[s.id];
      expect(s.level).toBe(indicatorKind(k) === 'borough' ? 'borough' : 'ward');
      expect(d.values).toHaveLength(s.level === 'borough' ? parents : 2000);
      expect(Boolean(d.denominator)).toBe(indicatorKind(k) === 'count');
    }
    // counts are whole and right-skewed (mean above median); survey-like columns miss about 15 %
    const count = inputs.data[framework.indicators[0].id].values.filter((v) => !Number.isNaN(v));
    expect(count.every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
    const sorted = Array.from(count).sort((x, y) => x - y);
    expect(count.reduce((x, y) => x + y, 0) / count.length).toBeGreaterThan(sorted[sorted.length >> 1]);
    const survey = inputs.data[framework.indicators[7].id].values;
    const missing = survey.filter((v) => Number.isNaN(v)).length / survey.length;
    expect(missing).toBeGreaterThan(0.1);
    expect(missing).toBeLessThan(0.2);
  });
});

describe('peer pipeline: engine, naive JS and DuckDB', () => {
  it('agree on every index score and rank (1,500 areas × 40 indicators)', async () => {
    const { framework, inputs } = syntheticFramework({ areas: 1500, indicators: 40, seed: 11 });
    const engine = enginePeer(framework, inputs);
    const naive = naivePipeline(framework, toRows(framework, inputs));
    const peer = await duckdbLoad(framework, inputs);
    const duck = await duckdbPipeline(peer);
    peer.close();
    expect(rankDifferences('naive', engine, naive)).toEqual([]);
    expect(rankDifferences('duckdb', engine, duck)).toEqual([]);
    // the check is not vacuous: areas are ranked, and a wrong ranking is caught
    expect(Array.from(engine.rank).filter((r) => r === r).length).toBeGreaterThan(1400);
    const swapped = Float64Array.from(engine.rank);
    const [a, b] = [engine.rank.indexOf(1), engine.rank.indexOf(2)];
    [swapped[a], swapped[b]] = [2, 1];
    expect(rankDifferences('swapped', engine, { index: engine.index, rank: swapped })).toHaveLength(2);
  });

  it('agree when a tie is exact: two identical areas share the average rank', async () => {
    const { framework, inputs } = syntheticFramework({ areas: 400, indicators: 12, seed: 5 });
    for (const d of Object.values(inputs.data))
      if (d.values.length === 400) {
        d.values[1] = d.values[0];
        if (d.denominator) d.denominator[1] = d.denominator[0];
      }
    inputs.areas.parent[1] = inputs.areas.parent[0];
    const engine = enginePeer(framework, inputs);
    expect(engine.rank[0]).toBe(engine.rank[1]);
    expect(engine.rank[0] % 1).toBe(0.5);
    const peer = await duckdbLoad(framework, inputs);
    const duck = await duckdbPipeline(peer);
    peer.close();
    expect(duck.rank[0]).toBe(engine.rank[0]);
    expect(rankDifferences('naive', engine, naivePipeline(framework, toRows(framework, inputs)))).toEqual([]);
  });
});
