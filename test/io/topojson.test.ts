/** results.topojson round-trips (topojson-client) to the GeoJSON's features and properties. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import type { FeatureCollection } from 'geojson';
import { loadFramework } from '../../src/io/loadFramework.ts';
import { run } from '../../src/core/run.ts';
import { resultsGeoJson } from '../../src/io/writeOutputs.ts';
import { resultsTopoJson } from '../../src/io/topojson.ts';

describe('results TopoJSON', () => {
  it('decodes to the same feature count, properties and (to quantisation) coordinates', () => {
    const loaded = loadFramework('test/fixtures/small/framework.yaml');
    const result = run(loaded.framework, loaded.inputs);
    const text = readFileSync(loaded.boundaries!, 'utf8');
    const geo = JSON.parse(resultsGeoJson(result, text)) as FeatureCollection;
    const topo = JSON.parse(resultsTopoJson(result, text)) as Topology;
    expect(topo.type).toBe('Topology');
    expect(topo.transform).toBeDefined(); // quantised
    const back = feature(topo, topo.objects.results) as FeatureCollection;
    expect(back.features).toHaveLength(geo.features.length);
    expect(back.features.map((f) => f.properties)).toEqual(geo.features.map((f) => f.properties));
    const a10 = back.features.find((f) => f.properties?.code === 'A10')!;
    expect(a10.properties!.rank).toBe(1);
    // Rings may start at another vertex after arc extraction: every decoded vertex lies within
    // one quantisation step of an original vertex of the same feature.
    const [kx, ky] = topo.transform!.scale;
    const ring = (fc: FeatureCollection, k: number) =>
      (fc.features[k].geometry as { coordinates: number[][][] }).coordinates[0];
    geo.features.forEach((_, k) => {
      const original = ring(geo, k);
      for (const [bx, by] of ring(back, k))
        expect(original.some(([x, y]) => Math.abs(bx - x) <= kx && Math.abs(by - y) <= ky)).toBe(true);
    });
  });
});
