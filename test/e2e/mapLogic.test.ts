/**
 * The map's pure pieces, without a browser: decile classes, the permalink format, ward search
 * ranking, label placement, the layer picker's grouping and the CSV download (checked against
 * the CLI's results.csv writer). Expectations are worked by hand.
 */
import { describe, expect, it } from 'vitest';
import { decileClasses } from '../../web/src/classify.ts';
import { emptyView, formatHash, parseHash } from '../../web/src/viewState.ts';
import { matchWards } from '../../web/src/search.ts';
import { bbox, labelPoint } from '../../web/src/geometry.ts';
import { layerGroups } from '../../web/src/layerOptions.ts';
import { classColour, NO_DATA, VIRIDIS_10 } from '../../web/src/palette.ts';
import { topWards } from '../../web/src/topList.ts';
import type { FrameworkInfo } from '../../web/src/api.ts';
import type { WardTable } from '../../web/src/wardTable.ts';
import { resultCsv } from '../../web/src/downloads.ts';
import { resultsCsvChunks } from '../../src/io/resultsCsv.ts';
import { loadFramework } from '../../src/io/loadFramework.ts';
import { run } from '../../src/core/run.ts';
import { parseCsv } from '../../src/io/csv.ts';

describe('decileClasses', () => {
  it('puts the highest score in decile 1 and the lowest in 10, missing in 0', () => {
    // 10 values: descending rank r gives decile ⌈10 r / 10⌉ = r.
    const x = [5, 9, 1, 7, 3, 10, 2, 8, 4, 6];
    expect(Array.from(decileClasses(x))).toEqual([6, 2, 10, 4, 8, 1, 9, 3, 7, 5]);
    // 4 values and a NaN: N = 4 < 10, ranks spread evenly, 1 + round(9 (r − 1) / 3) → 1, 4, 7, 10.
    expect(Array.from(decileClasses([40, NaN, 30, 20, 10]))).toEqual([1, 0, 4, 7, 10]);
  });
  it('gives tied values the decile of their average rank', () => {
    // ranks 1.5, 1.5, 3, 4 of N = 4: 1 + round(1.5) = 3, 3, 1 + round(6) = 7, 10.
    expect(Array.from(decileClasses([2, 2, 1, 0]))).toEqual([3, 3, 7, 10]);
  });
  it('colours decile 1 darkest and no data grey', () => {
    expect(classColour(1)).toBe('#440154');
    expect(classColour(10)).toBe('#fde725');
    expect(classColour(0)).toBe(NO_DATA);
    expect(VIRIDIS_10).toHaveLength(10);
  });
});

describe('permalink hash', () => {
  it('round-trips layer, ward, view and changed weights', () => {
    const s = {
      layer: 'measure:knife_crime',
      ward: 'E05000026',
      borough: null,
      view: { zoom: 11.2, lat: 51.5123, lng: -0.0812 },
      weights: { categories: { crime: 2 }, measures: { weapons: 0, robbery: 0.5 } },
    };
    const h = formatHash(s);
    expect(h).toBe(
      '#layer=measure:knife_crime&ward=E05000026&map=11.20/51.5123/-0.0812&wc=crime:2&wm=weapons:0,robbery:0.5',
    );
    expect(parseHash(h)).toEqual(s);
  });
  it('ignores what it cannot read instead of failing', () => {
    expect(parseHash('#layer=<script>&map=a/b/c&wc=crime:-1,x:2&ward=')).toEqual({
      ...emptyView(),
      weights: { categories: { x: 2 }, measures: {} },
    });
    expect(parseHash('')).toEqual(emptyView());
  });
});

describe('matchWards', () => {
  const items = [
    { code: 'E05000026', name: 'Abbey', borough: 'Barking and Dagenham' },
    { code: 'E05000027', name: 'Alibon', borough: 'Barking and Dagenham' },
    { code: 'E05009001', name: 'St Mary Abbey', borough: 'Somewhere' },
    { code: 'E05000100', name: 'Westbury', borough: 'Abbeyfield' },
  ];
  it('ranks code prefix, then name prefix, then substring, then borough', () => {
    expect(matchWards(items, 'abbey').map((i) => i.code)).toEqual(['E05000026', 'E05009001', 'E05000100']);
    expect(matchWards(items, 'E0500002').map((i) => i.name)).toEqual(['Abbey', 'Alibon']);
    expect(matchWards(items, '  ')).toEqual([]);
    expect(matchWards(items, 'a', 2)).toHaveLength(2);
  });
});

describe('geometry', () => {
  it('labels an L-shaped polygon at its area centroid and a multipolygon in its largest part', () => {
    // L = 2×1 rectangle [0,2]×[0,1] plus 1×1 square [0,1]×[1,2]:
    // centroid ((1·2 + 0.5·1)/3, (0.5·2 + 1.5·1)/3) = (5/6, 5/6).
    const L: GeoJSON.Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [2, 0],
          [2, 1],
          [1, 1],
          [1, 2],
          [0, 2],
          [0, 0],
        ],
      ],
    };
    const [x, y] = labelPoint(L)!;
    expect(x).toBeCloseTo(5 / 6, 12);
    expect(y).toBeCloseTo(5 / 6, 12);
    const multi: GeoJSON.MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [10, 10],
            [11, 10],
            [11, 11],
            [10, 11],
            [10, 10],
          ],
        ],
        [
          [
            [0, 0],
            [4, 0],
            [4, 4],
            [0, 4],
            [0, 0],
          ],
        ],
      ],
    };
    expect(labelPoint(multi)).toEqual([2, 2]);
    expect(
      labelPoint({
        type: 'LineString',
        coordinates: [
          [0, 0],
          [1, 1],
        ],
      }),
    ).toBeNull();
    expect(
      bbox({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: multi }] }),
    ).toEqual([0, 0, 11, 11]);
  });
  it('labels a C-shaped polygon inside it although its centroid is in the notch', () => {
    // 0–10 × 0–10 minus the notch 3–10 × 3–7: centroid ≈ (4.3, 5) lies in the notch; the widest
    // interior stretch of y = 5 is x ∈ (0, 3), so the label is at its midpoint (1.5, 5).
    const C: GeoJSON.Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [10, 0],
          [10, 3],
          [3, 3],
          [3, 7],
          [10, 7],
          [10, 10],
          [0, 10],
          [0, 0],
        ],
      ],
    };
    expect(labelPoint(C)).toEqual([1.5, 5]);
  });
});

describe('layerGroups', () => {
  it('groups category → measures → indicators and disables variables without scores', () => {
    const f = {
      categories: [{ id: 'crime', name: 'Violent crime', weight: 1 }],
      measures: [{ id: 'violence', name: 'Violence', category: 'crime', weight: 1 }],
      indicators: [
        { id: 'vwi', name: 'Violence with injury', measure: 'violence', level: 'ward' },
        { id: 'ae', name: 'A&E assaults', measure: 'violence', level: 'borough' },
      ],
    } as unknown as FrameworkInfo;
    const groups = layerGroups(f, new Set(['index', 'category:crime', 'measure:violence', 'indicator:vwi']));
    expect(groups.map((g) => g.label)).toEqual(['Overall', 'Violent crime']);
    expect(groups[1].options.map((o) => [o.key, o.depth, o.available])).toEqual([
      ['category:crime', 0, true],
      ['measure:violence', 1, true],
      ['indicator:vwi', 2, true],
      ['indicator:ae', 2, false],
    ]);
    expect(groups[1].options[3].label).toBe('A&E assaults (borough stand-in)');
  });
});

describe('topWards', () => {
  it('lists ranked wards best first, skipping unranked, ties in table order', () => {
    const t = { rank: Float64Array.from([3, NaN, 1, 4.5, 2, 4.5]) } as unknown as WardTable;
    expect(topWards(t, 10)).toEqual([2, 4, 0, 3, 5]);
    expect(topWards(t, 2)).toEqual([2, 4]);
  });
});

describe('resultCsv (the map’s CSV download)', () => {
  it('is byte for byte what the CLI writes as results.csv, formula-looking names neutralised in both', () => {
    const loaded = loadFramework('test/fixtures/small/framework.yaml');
    const result = run(loaded.framework, loaded.inputs);
    // names a spreadsheet would run as formulas; a negative number stays a number
    const names = ['=HYPERLINK("http://example.org")', '+1+1', '-2', '@SUM(A1)'];
    names.forEach((name, i) => (result.areas.names[i] = name));
    const chunks: Uint8Array[] = [];
    resultsCsvChunks(result, (c) => chunks.push(c.slice()));
    const cli = Buffer.concat(chunks).toString('utf8');
    const map = resultCsv(result);
    expect(map).toBe(cli);
    const table = parseCsv(map, { file: 'wardrank-results.csv' });
    const nameColumn = table.header.indexOf('name');
    expect(nameColumn).toBeGreaterThanOrEqual(0);
    expect(table.rows.slice(0, 4).map((r) => r[nameColumn])).toEqual([
      `'=HYPERLINK("http://example.org")`,
      `'+1+1`,
      '-2',
      `'@SUM(A1)`,
    ]);
  });
});
