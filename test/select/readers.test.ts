/** The pilot inputs' readers and geometry helpers: adjacency, area attributes, centroids, note rendering. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import { InputError } from '../../src/core/errors.ts';
import { readAdjacency } from '../../src/io/readAdjacency.ts';
import { neighbourSets } from '../../src/select/geography.ts';
import { readAreaAttributes } from '../../src/io/readAreaAttributes.ts';
import { centroidsFromBoundaries } from '../../src/select/centroids.ts';
import { centroidKm } from '../../src/select/geography.ts';
import { renderHtml, renderMarkdown } from '../../src/select/renderNote.ts';

const file = (name: string, text: string) => {
  const p = join(mkdtempSync(join(tmpdir(), 'wardrank-select-')), name);
  writeFileSync(p, text);
  return p;
};

describe('readAdjacency', () => {
  it('makes the graph symmetric, ignores self-pairs and warns about unknown codes', () => {
    const r = readAdjacency(file('adj.csv', 'code,neighbour\nA,B\nB,C\nC,C\nA,Z\n'), 'adj.csv', ['A', 'B', 'C']);
    expect(r.pairs).toEqual([
      [0, 1],
      [1, 2],
      [2, 2],
    ]);
    expect(neighbourSets(3, r.pairs).map((s) => [...s].sort())).toEqual([[1], [0, 2], [1]]);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0].message).toMatch(/1 code\(s\) are not areas.*Z/);
  });

  it('names the row of an empty code', () => {
    try {
      readAdjacency(file('adj.csv', 'code,neighbour\nA,B\nA,\n'), 'adj.csv', ['A', 'B']);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).problems[0]).toMatchObject({ file: 'adj.csv', row: 3, column: 'neighbour' });
    }
  });
});

describe('readAreaAttributes', () => {
  it('aligns lon, lat and inner_outer to the codes and rejects a latitude out of range', () => {
    const a = readAreaAttributes(
      file('areas.csv', 'code,lon,lat,inner_outer\nB,0.1,51.5,Outer\nA,-0.1,51.4,Inner\n'),
      'areas.csv',
      'code',
      ['A', 'B', 'C'],
    );
    expect([...a.lon!]).toEqual([-0.1, 0.1, NaN]);
    expect([...a.lat!]).toEqual([51.4, 51.5, NaN]);
    expect(a.innerOuter).toEqual(['inner', 'outer', '']);
    expect(() =>
      readAreaAttributes(file('areas.csv', 'code,lon,lat\nA,51.5,-0.1\nB,0,95\n'), 'areas.csv', 'code', ['A', 'B']),
    ).toThrow(/lat 95 is out of range/);
    expect(readAreaAttributes(file('areas.csv', 'code,name\nA,x\n'), 'areas.csv', 'code', ['A'])).toEqual({});
  });
});

describe('centroidsFromBoundaries', () => {
  it('puts the centroid of each small-fixture square at its middle; 0.01° of longitude at the equator ≈ 1.112 km', () => {
    const fc = JSON.parse(readFileSync('test/fixtures/small/areas.geojson', 'utf8')) as FeatureCollection;
    const c = centroidsFromBoundaries(fc, ['A01', 'A02', 'A06', 'ZZZ']);
    expect(c.lon[0]).toBeCloseTo(0.005, 9);
    expect(c.lat[0]).toBeCloseTo(0.005, 9);
    expect(c.lon[2]).toBeCloseTo(0.005, 9);
    expect(c.lat[2]).toBeCloseTo(0.015, 9);
    expect(c.missing).toEqual(['ZZZ']);
    // Haversine, R = 6371.0088 km: 0.01° = 6371.0088 · 0.01 · π/180 = 1.11195 km.
    expect(centroidKm({ lon: c.lon, lat: c.lat }, 0, 1)).toBeCloseTo((6371.0088 * 0.01 * Math.PI) / 180, 4);
  });
});

describe('renderNote', () => {
  it('escapes HTML, keeps bold and code, and escapes | in Markdown tables', () => {
    const doc = {
      title: 'T <x>',
      blocks: [
        { kind: 'paragraph' as const, text: '**A & B** `c<d>`' },
        { kind: 'table' as const, header: ['a|b'], rows: [['<i>']] },
      ],
    };
    const html = renderHtml(doc);
    expect(html).toContain('<title>T &lt;x&gt;</title>');
    expect(html).toContain('<p><strong>A &amp; B</strong> <code>c&lt;d&gt;</code></p>');
    expect(html).toContain('<td>&lt;i&gt;</td>');
    expect(renderMarkdown(doc)).toContain('| a\\|b |');
  });
});
