/** Units of the current London build on SYNTHETIC inputs (hand-computed expectations). */
import { describe, expect, it } from 'vitest';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { booleanValid } from '@turf/turf';
import { InputError } from '../../src/core/errors.ts';
import { buildPasBoroughs, parseDecimalComma, parsePasCsv, readPasDashboard } from '../../scripts/lib/london/pasBorough.ts';
import { centralActivity, workdayPopulation } from '../../scripts/lib/london/workdayPopulation.ts';
import { dropSliverParts } from '../../scripts/lib/geo/repair.ts';
import { exponentialTransform, imdScoreFromRanks } from '../../scripts/lib/london/iod2025Wards.ts';

const where = { file: 'pas.csv', row: 2, column: 'Proportion' };

describe('PAS dashboard parsing (synthetic rows in the published layout)', () => {
  const text = [
    'Date,Survey,Borough,Measure,Proportion,MPS,,,,',
    '31/3/2023,PAS,Richmond upon Thames,"""Good Job"" local","0,50","0,5",,,,',
    '30/6/2023,PAS,Richmond Upon Thames,"""Good Job"" local","0,52","0,5",,,,',
    '30/9/2023,PAS,City of Westminster,"""Good Job"" local","0,6","0,5",,,Trust,"0,71"',
    '30/9/2023,PAS,Richmond Upon Thames,"""Good Job"" local","0,54","0,5",,,,',
    '31/12/2023,PAS,Richmond Upon Thames,"""Good Job"" local","0,56","0,5",,,,',
    '31/12/2023,PAS,City of Westminster,"""Good Job"" local","0,7","0,5",,,,',
  ].join('\n');
  const boroughs = new Map([
    ['E09000027', 'Richmond upon Thames'],
    ['E09000033', 'Westminster'],
  ]);

  it('reads decimal commas, the quoted measure, both Richmond spellings and City of Westminster; latest quarter and 4-quarter mean', () => {
    const t = parsePasCsv(text, 'pas.csv');
    expect(t.header.slice(6)).toEqual(['unnamed_7', 'unnamed_8', 'unnamed_9', 'unnamed_10']);
    const pas = readPasDashboard(t, boroughs);
    expect(pas.quarters).toEqual(['2023-03', '2023-06', '2023-09', '2023-12']);
    const b = buildPasBoroughs(pas, ['E09000027', 'E09000033'], ['Richmond upon Thames', 'Westminster']);
    expect(b.values.pas_good_job[0]).toBe(0.56);
    expect(b.values.pas_good_job_4q_mean[0]).toBeCloseTo((0.5 + 0.52 + 0.54 + 0.56) / 4, 12);
    expect(b.values.pas_good_job[1]).toBe(0.7);
    // Westminster lacks two of the four quarters: no mean (never a mean of fewer quarters).
    expect(Number.isNaN(b.values.pas_good_job_4q_mean[1])).toBe(true);
    expect(Number.isNaN(b.values.pas_trust[0])).toBe(true);
  });

  it('rejects an unknown borough, a repeated quarter and a proportion that is not one, naming the row', () => {
    const bad = (line: string) => () => readPasDashboard(parsePasCsv(`${text}\n${line}`, 'pas.csv'), boroughs);
    expect(bad('31/12/2023,PAS,Gotham,"""Good Job"" local","0,5","0,5",,,,')).toThrow(/Gotham/);
    expect(bad('31/12/2023,PAS,City of Westminster,"""Good Job"" local","0,5","0,5",,,,')).toThrow(/twice/);
    expect(() => parseDecimalComma('56%', where)).toThrow(InputError);
    expect(() => parseDecimalComma('1,5', where)).toThrow(/proportion/);
    expect(parseDecimalComma('0,56', where)).toBe(0.56);
    expect(() => parsePasCsv('Date,,Borough\n1,2,3\n', 'x.csv')).toThrow(/header cell 2/);
  });
});

describe('workday population and central activity', () => {
  it('residents + jobs − employed, clamped at half the residents, missing stays missing', () => {
    const residents = Float64Array.of(1000, 1000, 1000);
    const r = workdayPopulation(residents, Float64Array.of(5000, 100, NaN), Float64Array.of(400, 700, 400));
    expect(Array.from(r.values)).toEqual([5600, 500, NaN]);
    expect(r.clamped).toBe(1);
  });
  it('flags jobs > residents and PTAL score ≥ 6 only', () => {
    const jobs = Float64Array.of(10, 10, 5, NaN);
    const residents = Float64Array.of(5, 5, 10, 5);
    const ptal = Float64Array.of(6, 5.9, 8, 8);
    const flags = centralActivity(jobs, residents, ptal);
    expect(Array.from(flags)).toEqual([1, 0, 0, 0]);
  });
});

describe('IoD exponential transformation', () => {
  it('all domains at the most deprived rank give Σ weights × 100 = 99.9 (the published weights, as rounded, sum to 99.9 %)', () => {
    expect(imdScoreFromRanks([1, 1, 1, 1, 1, 1, 1], 100)).toBeCloseTo(99.9, 9);
    // Middle rank of n = 3: R = 2/3, X = −23 ln(1 − (2/3)(1 − e^(−100/23))).
    expect(exponentialTransform(2, 3)).toBeCloseTo(-23 * Math.log(1 - (2 / 3) * (1 - Math.exp(-100 / 23))), 12);
  });
});

describe('dropSliverParts', () => {
  it('drops a tiny part touching the main polygon, keeps the largest, and the result is valid', () => {
    const d = 1e-3; // about 100 m
    const main = [[[0, 0], [d, 0], [d, d], [0, d], [0, 0]]];
    const sliver = [[[d, d], [d + 1e-5, d], [d + 1e-5, d + 1e-5], [d, d]]]; // ≈ 1 m², touching a corner… and an edge
    const fc: FeatureCollection<Polygon | MultiPolygon> = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: [main, sliver] } }] };
    const r = dropSliverParts(fc, 10);
    expect(r.dropped.length).toBe(1);
    expect(r.dropped[0].areaM2).toBeLessThan(10);
    expect(r.features.features[0].geometry).toEqual({ type: 'Polygon', coordinates: main });
    expect(booleanValid(r.features.features[0])).toBe(true);
    expect(dropSliverParts(fc, 0.01).dropped.length).toBe(0);
  });
});
