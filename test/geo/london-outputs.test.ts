// The shipped London geography (data/london-2018/), checked as a user of it would.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { feature } from 'topojson-client';
import { area, booleanPointInPolygon, booleanValid } from '@turf/turf';
import { parseCsv, columnIndex } from '../../src/io/csv.ts';
import { conflictingArcs } from '../../scripts/lib/geo/simplify.ts';
import { INPUTS, RAW, sha256 } from '../../scripts/build-london-crosswalk.ts';
import { describeWithRawData } from '../helpers/rawData.ts';
import { LONDON, shipped } from './helpers.ts';

type Areas = FeatureCollection<Polygon | MultiPolygon>;
const areas = parseCsv(shipped('areas.csv'), { file: 'areas.csv' });
const col = (name: string) => columnIndex(areas, name);
const wardsText = shipped('wards.geojson');
const wards = JSON.parse(wardsText) as Areas;
const topoText = shipped('wards.topojson');
const topo = JSON.parse(topoText) as Topology<{ wards: GeometryCollection; boroughs: GeometryCollection }>;
const boroughs = JSON.parse(shipped('boroughs.geojson')) as Areas;
const totalArea = (fc: Areas) => fc.features.reduce((s, f) => s + area(f), 0);

describe('areas.csv', () => {
  it('has the 633 GLA 2018 wards, sorted by code, each in one of the 33 boroughs', () => {
    expect(areas.header).toEqual([
      'code',
      'name',
      'borough_code',
      'borough_name',
      'inner_outer',
      'population',
      'lon',
      'lat',
    ]);
    expect(areas.rows.length).toBe(633);
    const codes = areas.rows.map((r) => r[0]);
    expect([...codes].sort()).toEqual(codes);
    expect(new Set(codes).size).toBe(633);
    const boroughCodes = new Set(areas.rows.map((r) => r[col('borough_code')]));
    expect(boroughCodes.size).toBe(33);
    for (const r of areas.rows) {
      expect(r[col('borough_code')]).toMatch(/^E09000\d{3}$/);
      expect(r[col('borough_name')]).not.toBe('');
      expect(['inner', 'outer']).toContain(r[col('inner_outer')]);
      expect(Number(r[col('population')])).toBeGreaterThan(0);
    }
  });
  it('names the City polygon "City of London" (not the GLA artefact "Castle Baynard")', () => {
    const city = areas.rows.find((r) => r[0] === 'E05009297')!;
    expect(city.slice(0, 5)).toEqual(['E05009297', 'City of London', 'E09000001', 'City of London', 'inner']);
    expect(areas.rows.some((r) => r[1] === 'Castle Baynard')).toBe(false);
  });
  it('matches the IoD 2019 ward populations and the LSOA total of 8,662,622 (mid-2015)', () => {
    const total = areas.rows.reduce((s, r) => s + Number(r[col('population')]), 0);
    expect(Math.round(total)).toBe(8662622);
    // Inner London (ONS statistical definition) has 14 authorities including the City.
    expect(
      new Set(areas.rows.filter((r) => r[col('inner_outer')] === 'inner').map((r) => r[col('borough_code')])).size,
    ).toBe(14);
  });
  it('puts each label point inside its (simplified) ward', () => {
    const byCode = new Map(wards.features.map((f) => [f.properties!.code as string, f]));
    for (const r of areas.rows) {
      const lon = Number(r[col('lon')]);
      const lat = Number(r[col('lat')]);
      expect(r[col('lon')]).toMatch(/^-?\d+\.\d{6}$/);
      expect(booleanPointInPolygon([lon, lat], byCode.get(r[0])!, { ignoreBoundary: true })).toBe(true);
    }
  });
});

describeWithRawData('wards.geojson, wards.topojson, boroughs.geojson', () => {
  const raw = JSON.parse(readFileSync(join(RAW, INPUTS.wards2018), 'utf8')) as Areas;
  it('are under the size limits, the TopoJSON smaller', () => {
    expect(Buffer.byteLength(wardsText)).toBeLessThan(1.5e6);
    expect(Buffer.byteLength(topoText)).toBeLessThan(Buffer.byteLength(wardsText));
  });
  it('hold the 633 wards with their codes and borough, every feature valid', () => {
    expect(wards.features.map((f) => f.properties!.code)).toEqual(areas.rows.map((r) => r[0]));
    expect(Object.keys(wards.features[0].properties!)).toEqual(['code', 'name', 'borough_code', 'borough_name']);
    expect(wards.features.every((f) => booleanValid(f))).toBe(true);
    expect(boroughs.features.length).toBe(33);
    expect(boroughs.features.every((f) => booleanValid(f))).toBe(true);
  });
  it('keep the total area within 0.5 % of the unsimplified wards, with no crossing borders', () => {
    const before = totalArea(raw);
    expect(Math.abs(totalArea(wards) - before) / before).toBeLessThan(0.005);
    expect(Math.abs(totalArea(boroughs) - before) / before).toBeLessThan(0.005);
    const decoded = feature(topo, topo.objects.wards) as Areas;
    expect(Math.abs(totalArea(decoded) - before) / before).toBeLessThan(0.005);
    expect(decoded.features.every((f) => booleanValid(f))).toBe(true);
    // Decoded arcs of the topology: no two meet other than at an end (so no gap or overlap).
    const arcs = topo.arcs.map((arc) => {
      let x = 0;
      let y = 0;
      return arc.map(([dx, dy]) => [(x += dx), (y += dy)]);
    });
    expect(conflictingArcs(arcs).size).toBe(0);
  });
  it('share coordinates along borders: the wards GeoJSON uses only vertices of the input', () => {
    const input = new Set<string>();
    for (const f of raw.features)
      for (const ring of (f.geometry as Polygon).coordinates) for (const p of ring) input.add(p.join());
    let outside = 0;
    for (const f of wards.features)
      for (const ring of (f.geometry as Polygon).coordinates) for (const p of ring) if (!input.has(p.join())) outside++;
    expect(outside).toBe(0);
  });
});

describe('geo-manifest.json', () => {
  it('records the SHA-256 of every output as shipped', () => {
    const manifest = JSON.parse(shipped('geo-manifest.json'));
    expect(manifest.outputs.length).toBe(8);
    for (const o of manifest.outputs)
      expect(sha256(readFileSync(join(LONDON, o.path.replace('data/london-2018/', ''))))).toBe(o.sha256);
    expect(manifest.settings.simplify_min_area_m2).toBeGreaterThan(0);
    for (const i of manifest.inputs) expect(i.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
