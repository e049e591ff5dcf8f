/**
 * The IoD-style example framework (examples/iod2019-london: real IoD 2019 domain ranks of
 * London's 4,835 LSOAs, seven domains, exponential combination) runs through the whole pipeline,
 * and its index equals the IoD formula recomputed here from the data file alone:
 *
 *   index = Σ_d w_d·X(r_d) / Σ_d w_d,   X(r) = −23·ln(1 − ((N − r + 1)/N)·(1 − e^(−100/23)))
 *
 * with r_d the LSOA's rank on domain d among London's N LSOAs (1 = most deprived; tied
 * published ranks share the average of their positions).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadFramework } from '../../src/io/loadFramework.ts';
import { parseCsv } from '../../src/io/csv.ts';
import { run } from '../../src/core/run.ts';
import { explainArea } from '../../src/core/explain.ts';
import { RAW, withoutRawData } from '../helpers/rawData.ts';

const DIR = 'examples/iod2019-london';
const WEIGHTS: Record<string, number> = {
  income: 22.5,
  employment: 22.5,
  education: 13.5,
  health: 13.5,
  crime: 9.3,
  barriers: 9.3,
  living_environment: 9.3,
};

describe('example: IoD-style London framework (real data)', () => {
  const loaded = loadFramework(`${DIR}/framework.yaml`);
  const result = run(loaded.framework, loaded.inputs);
  const table = parseCsv(readFileSync(`${DIR}/domain_ranks.csv`, 'utf8'), { file: 'domain_ranks.csv' });
  const N = table.rows.length;

  it('ranks all 4,835 London LSOAs in 33 boroughs, seven domains, exponential combination', () => {
    expect(N).toBe(4835);
    expect(result.areas.parentCodes).toHaveLength(33);
    expect(result.categoryIds).toHaveLength(7);
    expect(result.methods.combine.method).toBe('exponential');
    expect(result.rank.filter((r) => r === r)).toHaveLength(4835);
  });

  it('equals the IoD formula recomputed from the data file', () => {
    const score = new Float64Array(N);
    const total = Object.values(WEIGHTS).reduce((a, b) => a + b, 0);
    for (const [domain, w] of Object.entries(WEIGHTS)) {
      const c = table.header.indexOf(`${domain}_rank`);
      const national = table.rows.map((r) => Number(r[c]));
      // London rank: #(more deprived) + (#(tied) + 1)/2 — a few published national ranks are tied
      const sorted = [...national].sort((a, b) => a - b);
      national.forEach((v, i) => {
        const less = sorted.indexOf(v);
        const tied = sorted.lastIndexOf(v) - less + 1;
        const r = less + (tied + 1) / 2;
        const X = -23 * Math.log(1 - ((N - r + 1) / N) * (1 - Math.exp(-100 / 23)));
        score[i] += (w / total) * X;
      });
    }
    const codeAt = new Map(result.areas.codes.map((c, i) => [c, i]));
    table.rows.forEach((r, k) => expect(result.index[codeAt.get(r[0])!]).toBeCloseTo(score[k], 9));
  });

  it('orders London close to the national IMD score (recomputed from the national ranks, N = 32,844)', () => {
    const national = new Float64Array(N);
    const total = Object.values(WEIGHTS).reduce((a, b) => a + b, 0);
    for (const [domain, w] of Object.entries(WEIGHTS)) {
      const c = table.header.indexOf(`${domain}_rank`);
      table.rows.forEach(
        (r, k) =>
          (national[k] +=
            (w / total) * -23 * Math.log(1 - ((32844 - Number(r[c]) + 1) / 32844) * (1 - Math.exp(-100 / 23)))),
      );
    }
    const nationalRank = new Float64Array(N);
    Array.from(national.keys())
      .sort((a, b) => national[b] - national[a])
      .forEach((i, k) => (nationalRank[i] = k + 1));
    let d2 = 0;
    let topBoth = 0;
    for (let k = 0; k < N; k++) {
      const ours = result.rank[result.areas.codes.indexOf(table.rows[k][0])];
      d2 += (ours - nationalRank[k]) ** 2;
      if (ours <= 484 && nationalRank[k] <= 484) topBoth++;
    }
    const spearman = 1 - (6 * d2) / (N * (N * N - 1));
    expect(spearman).toBeGreaterThan(0.996);
    expect(topBoth).toBe(445);
  });

  it('explain: weight × X per domain adds up to the index', () => {
    for (const i of [0, 100, 2500, 4834]) {
      const e = explainArea(result, i);
      expect(e.categories.reduce((a, c) => a + c.contribution, 0)).toBeCloseTo(result.index[i], 9);
      expect(e.drivers[0].level).toBe('category');
    }
  });

  const SHARED = join(RAW, 'deprivation');
  it.skipIf(withoutRawData)('the shipped ranks are the published ones (File 2, London rows)', () => {
    const src = parseCsv(
      gunzipSync(readFileSync(`${SHARED}/england_lsoa11_iod2019_domain_ranks.csv.gz`)).toString('utf8'),
      { file: 'File 2' },
    );
    const london = src.rows.filter((r) => r[2].startsWith('E09'));
    expect(london).toHaveLength(N);
    const income = src.header.findIndex((h) => h.startsWith('Income Rank'));
    const crime = src.header.findIndex((h) => h.startsWith('Crime Rank'));
    london.forEach((r, k) => {
      expect(table.rows[k][0]).toBe(r[0]);
      expect(table.rows[k][1]).toBe(r[income]);
      expect(table.rows[k][5]).toBe(r[crime]);
    });
  });
});
