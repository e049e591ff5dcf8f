// The shipped geography of the current index (data/london/: ONS December 2022 wards + the City),
// checked as a user of it would, and against what the build computes from the raw data now.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { feature } from 'topojson-client';
import { booleanPointInPolygon, booleanValid } from '@turf/turf';
import { columnIndex, parseCsv } from '../../src/io/csv.ts';
import { buildWardCrosswalk, crosswalkCsv, lsoaPopulationAreas, sha256 } from '../../scripts/build-london-crosswalk.ts';
import { CROSSWALK_FILE_2022, wardFeatures2022 } from '../../scripts/build-london-geo.ts';
import { describeWithRawData } from '../helpers/rawData.ts';
import { REPO } from './helpers.ts';

type Areas = FeatureCollection<Polygon | MultiPolygon>;
const DIR = join(REPO, 'data', 'london');
const text = (name: string) => readFileSync(join(DIR, name), 'utf8');
const areas = parseCsv(text('areas.csv'), { file: 'areas.csv' });
const col = (name: string) => columnIndex(areas, name);
const wards = JSON.parse(text('wards.geojson')) as Areas;
const CITY = 'E09000001';

describe('data/london/areas.csv', () => {
  it('has the 679 December 2022 wards and the City as one area, sorted by code, in 33 boroughs', () => {
    const codes = areas.rows.map((r) => r[col('code')]);
    expect(codes.length).toBe(680);
    expect([...codes].sort()).toEqual(codes);
    expect(new Set(codes).size).toBe(680);
    expect(codes.filter((c) => c.startsWith('E0501')).length).toBe(679 - codes.filter((c) => /^E0500/.test(c)).length);
    expect(new Set(areas.rows.map((r) => r[col('borough_code')])).size).toBe(33);
    const city = areas.rows.find((r) => r[0] === CITY)!;
    expect([city[col('name')], city[col('borough_code')], city[col('borough_name')]]).toEqual([
      'City of London',
      CITY,
      'City of London',
    ]);
    expect(areas.header).toEqual([
      'code',
      'name',
      'borough_code',
      'borough_name',
      'inner_outer',
      'population',
      'population_census2021',
      'workday_population',
      'central_activity',
      'lon',
      'lat',
    ]);
  });

  it('puts each label point inside its simplified ward', () => {
    const byCode = new Map(wards.features.map((f) => [String(f.properties?.code), f]));
    for (const r of areas.rows)
      expect(booleanPointInPolygon([Number(r[col('lon')]), Number(r[col('lat')])], byCode.get(r[0])!), r[0]).toBe(true);
  });
});

describe('data/london boundaries', () => {
  it('wards.geojson and the topology hold the 680 areas, every feature valid; boroughs 33 valid features', () => {
    expect(wards.features.length).toBe(680);
    expect(wards.features.filter((f) => !booleanValid(f)).map((f) => f.properties?.code)).toEqual([]);
    const topo = JSON.parse(text('wards.topojson')) as Topology<{
      wards: GeometryCollection;
      boroughs: GeometryCollection;
    }>;
    const decoded = feature(topo, topo.objects.wards) as Areas;
    expect(decoded.features.length).toBe(680);
    expect(decoded.features.filter((f) => !booleanValid(f)).length).toBe(0);
    const boroughs = JSON.parse(text('boroughs.geojson')) as Areas;
    expect(boroughs.features.length).toBe(33);
    expect(boroughs.features.filter((f) => !booleanValid(f)).length).toBe(0);
  });

  it('adjacency is symmetric, gives every area a neighbour, and the City touches its 8 neighbours', () => {
    const adj = parseCsv(text('adjacency.csv'), { file: 'adjacency.csv' });
    const pairs = new Set(adj.rows.map((r) => `${r[0]}>${r[1]}`));
    for (const r of adj.rows) expect(pairs.has(`${r[1]}>${r[0]}`)).toBe(true);
    expect(new Set(adj.rows.map((r) => r[0])).size).toBe(680);
    expect(adj.rows.filter((r) => r[0] === CITY).length).toBe(8);
  });

  it('geo-manifest.json records the SHA-256 of every output as shipped, and the three repaired ONS wards', () => {
    const manifest = JSON.parse(text('geo-manifest.json'));
    expect(manifest.outputs.length).toBe(8);
    for (const o of manifest.outputs)
      expect(sha256(readFileSync(join(DIR, o.path.replace('data/london/', ''))))).toBe(o.sha256);
    expect(manifest.checks.repair.invalid_in_input).toEqual(['E05013665', 'E05013671', 'E05014081']);
    expect(manifest.checks.wards_geojson.invalid).toBe(0);
  });
});

describeWithRawData('rebuilt from the raw data now', () => {
  it('the base areas, their populations and the 2013 → 2022 crosswalk are what the build computes', () => {
    const base = wardFeatures2022();
    expect(base.records.map((r) => r.code)).toEqual(areas.rows.map((r) => r[0]));
    expect(base.records.map((r) => String(r.population))).toEqual(areas.rows.map((r) => r[col('population')]));
    expect(base.records.map((r) => String(base.census2021.get(r.code)))).toEqual(
      areas.rows.map((r) => r[col('population_census2021')]),
    );
    expect(crosswalkCsv(buildWardCrosswalk(base.wards, lsoaPopulationAreas(), 'points', 'code'))).toBe(
      text(CROSSWALK_FILE_2022),
    );
  });
});
