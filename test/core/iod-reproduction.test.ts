/**
 * End-to-end check of the exponential transformation against a published index: the English
 * Indices of Deprivation 2019. The IMD score of an LSOA is Σ_d w_d · X(rank_d), with X the
 * exponential transformation of each domain's rank among England's 32,844 LSOAs and the
 * published domain weights. From the seven published domain ranks we rebuild every LSOA's IMD
 * score and national rank and compare with what the GLA published for London's wards:
 *   - `rank_of_worst_lsoa`: the national IMD rank of each ward's most deprived LSOA;
 *   - `imd_average_score`: the population-weighted mean IMD score of the ward's LSOAs (compared
 *     where the GLA assigned whole LSOAs to the ward, as the ONS best-fit lookup does; elsewhere
 *     the GLA split LSOAs between wards and the two legitimately differ).
 * Real data from the raw data's deprivation folder (../shared/data beside the repository in CI;
 * skipped outside CI without it: test/helpers/rawData.ts).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { parseCsv } from '../../src/io/csv.ts';
import { exponentialFromRank } from '../../src/core/stats/exponentialTransform.ts';
import { rankDescending } from '../../src/core/stats/rankDescending.ts';
import { describeWithRawData, RAW } from '../helpers/rawData.ts';

const SHARED = RAW;

// MHCLG (2019) IoD Technical Report, Table 3.1: domain weights.
const DOMAINS: [string, number][] = [
  ['Income Rank', 0.225],
  ['Employment Rank', 0.225],
  ['Education, Skills and Training Rank', 0.135],
  ['Health Deprivation and Disability Rank', 0.135],
  ['Crime Rank', 0.093],
  ['Barriers to Housing and Services Rank', 0.093],
  ['Living Environment Rank', 0.093],
];

const csvGz = (path: string) => parseCsv(gunzipSync(readFileSync(path)).toString('utf8'), { file: path });

describeWithRawData('IoD 2019 reproduced from its domain ranks (real data)', () => {
  const ranks = csvGz(`${SHARED}/deprivation/england_lsoa11_iod2019_domain_ranks.csv.gz`);
  const N = ranks.rows.length;
  const col = (prefix: string) => ranks.header.findIndex((h) => h.startsWith(prefix));
  const codes = ranks.rows.map((r) => r[0]);
  const score = new Float64Array(N);
  for (const [name, w] of DOMAINS) {
    const c = col(name);
    for (let i = 0; i < N; i++) score[i] += w * exponentialFromRank(Number(ranks.rows[i][c]), N);
  }
  const imdRank = rankDescending(score);
  const byCode = new Map(codes.map((c, i) => [c, i]));
  const wards = parseCsv(readFileSync(`${SHARED}/deprivation/imd2019_london_wards2018.csv`, 'utf8'), {
    file: 'imd2019_london_wards2018.csv',
  });
  const w = (name: string) => wards.header.indexOf(name);

  it('covers all of England', () => expect(N).toBe(32844));

  it('gives the published national rank of every London ward’s most deprived LSOA', () => {
    let exact = 0;
    let compared = 0;
    for (const row of wards.rows) {
      const i = byCode.get(row[w('worst_lsoa_code')]);
      if (i === undefined) continue;
      compared++;
      if (imdRank[i] === Number(row[w('rank_of_worst_lsoa')])) exact++;
    }
    expect(compared).toBeGreaterThan(600);
    // Exact for all but a handful: the published domain ranks were themselves rounded from scores.
    expect(exact / compared).toBeGreaterThan(0.99); // 632 of 633 on the 2019 release
  });

  it('gives the published ward average IMD scores (population-weighted over best-fit LSOAs)', () => {
    const pop = csvGz(`${SHARED}/deprivation/england_lsoa11_File_6_-_IoD2019_Population_Denominators.csv.gz`);
    const popByCode = new Map(pop.rows.map((r) => [r[0], Number(r[4].replace(/,/g, ''))]));
    const lookup = parseCsv(readFileSync(`${SHARED}/lookups/lsoa11_to_ward2019_bestfit_EW.csv`, 'utf8'), {
      file: 'lookup',
    });
    const sum = new Map<string, { s: number; p: number; n: number }>();
    for (const r of lookup.rows) {
      const i = byCode.get(r[1]);
      if (i === undefined) continue;
      const p = popByCode.get(r[1])!;
      const acc = sum.get(r[3]) ?? { s: 0, p: 0, n: 0 };
      acc.s += p * score[i];
      acc.p += p;
      acc.n++;
      sum.set(r[3], acc);
    }
    let compared = 0;
    let close = 0;
    for (const row of wards.rows) {
      const acc = sum.get(row[w('ward_code')]);
      if (!acc || Number(row[w('number_of_lsoas')]) !== acc.n) continue; // the GLA split LSOAs here
      compared++;
      if (Math.abs(acc.s / acc.p - Number(row[w('imd_average_score')])) < 1e-3) close++;
    }
    expect(compared).toBeGreaterThan(200);
    expect(close / compared).toBeGreaterThan(0.95);
  });
});
