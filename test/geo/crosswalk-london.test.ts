// The shipped 2013 → 2018 ward crosswalk, checked against the raw data it was built from.
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/io/csv.ts';
import { apportionCounts } from '../../scripts/lib/geo/crosswalk.ts';
import { crosswalkFromRows } from '../../scripts/lib/geo/crosswalkTable.ts';
import {
  buildWardCrosswalk,
  CROSSWALK_FILE,
  crosswalkCsv,
  INPUTS,
  readGeoJson,
  wardProfilePopulation2015,
} from '../../scripts/build-london-crosswalk.ts';
import { shipped, sumBy } from './helpers.ts';
import { withoutRawData } from '../helpers/rawData.ts';

const text = shipped(CROSSWALK_FILE);
const table = parseCsv(text, { file: CROSSWALK_FILE });
const cw = crosswalkFromRows(table.rows, { file: CROSSWALK_FILE });

describe('crosswalk_wards2013_to_wards2018.csv', () => {
  it('links all 625 2013 wards (City merged) to the 633 2018 wards, every 2018 ward receiving', () => {
    expect(table.header).toEqual(['source_code', 'target_code', 'share', 'method']);
    expect(cw.sourceCodes.length).toBe(625);
    expect(cw.targetCodes.length).toBe(633);
    for (const total of sumBy(cw.source, cw.share).values()) expect(Math.abs(total - 1)).toBeLessThan(1e-9);
    // The City: E09000001 (2013 file) is E05009297 in the 2018 file, and all its people stay in it.
    const city = cw.sourceCodes.indexOf('E09000001');
    const rows = [...cw.source.keys()].filter((k) => cw.source[k] === city);
    expect(rows.map((k) => [cw.targetCodes[cw.target[k]], cw.share[k]])).toEqual([['E05009297', 1]]);
  });

  it.skipIf(withoutRawData)('is what the build computes from the raw data now', () => {
    const wards2018 = readGeoJson(INPUTS.wards2018);
    expect(crosswalkCsv(buildWardCrosswalk(wards2018))).toBe(text);
  });

  it.skipIf(withoutRawData)(
    'carries the 2015 ward-profile population onto 2018 wards with the London total kept (within 0.1 %)',
    () => {
      const byCode = wardProfilePopulation2015();
      const x = Float64Array.from(cw.sourceCodes, (c) => byCode.get(c) ?? NaN);
      expect(x.every(Number.isFinite)).toBe(true);
      const y = apportionCounts(cw, x);
      const total = x.reduce((a, b) => a + b, 0);
      const carried = y.reduce((a, b) => a + b, 0);
      expect(total).toBeGreaterThan(8_000_000);
      expect(Math.abs(carried - total) / total).toBeLessThan(0.001);
    },
  );
});
