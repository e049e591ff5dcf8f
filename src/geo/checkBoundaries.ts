/**
 * Checks a boundaries GeoJSON against the areas it should draw: a FeatureCollection whose
 * features carry `properties.code`, one per area, each with a Polygon or MultiPolygon whose
 * rings are closed, have at least four positions and finite coordinates inside the expected
 * extent (a swapped latitude/longitude lands far outside it). Warnings, not errors: two areas
 * with the same geometry, and a ring that crosses, touches or doubles back on itself (the first
 * such ring of each area, with the point: `ringSelfIntersection`, rounded to 7 decimals ≈ 1 cm).
 * Pure: takes the parsed JSON, returns problems located by feature index and code.
 */
import type { Problem } from '../core/errors.ts';
import { ringSelfIntersection } from './ringSelfIntersection.ts';

type Position = number[];

export function checkBoundaries(
  geojson: unknown,
  file: string,
  areaCodes: readonly string[],
  extent: readonly [number, number, number, number] = [-180, -90, 180, 90],
): Problem[] {
  const problems: Problem[] = [];
  const bad = (field: string, message: string, expected: string) =>
    problems.push({ file, field, message, expected, severity: 'error' });
  const fc = geojson as { type?: unknown; features?: unknown };
  if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    bad('type', 'not a GeoJSON FeatureCollection', 'an object with type "FeatureCollection" and a features array');
    return problems;
  }
  const wanted = new Set(areaCodes);
  const seen = new Set<string>();
  /** Geometry (as JSON) → the first area drawn with it: a duplicated polygon is a warning. */
  const shapes = new Map<string, string>();
  const [west, south, east, north] = extent;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON of unknown shape, checked field by field
  fc.features.forEach((f: any, k: number) => {
    const code = f?.properties?.code;
    const where = `features[${k}]${typeof code === 'string' ? ` (${code})` : ''}`;
    if (typeof code !== 'string' || code === '')
      return bad(`${where}.properties.code`, 'feature without an area code', 'properties.code');
    if (!wanted.has(code))
      return bad(
        `${where}.properties.code`,
        `area "${code}" is in the boundaries but not in the areas file`,
        'one feature per area of the framework',
      );
    if (seen.has(code))
      return bad(`${where}.properties.code`, `area "${code}" has more than one feature`, 'one feature per area');
    seen.add(code);
    const g = f.geometry;
    if (!g) return bad(`${where}.geometry`, `area "${code}" has no geometry`, 'a Polygon or MultiPolygon');
    const polygons: unknown =
      g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : undefined;
    if (!Array.isArray(polygons))
      return bad(`${where}.geometry.type`, `geometry type "${g.type}"`, 'Polygon or MultiPolygon');
    if (polygons.length === 0)
      return bad(`${where}.geometry.coordinates`, `area "${code}" has an empty ${g.type}`, 'at least one polygon');
    const key = JSON.stringify(polygons);
    const same = shapes.get(key);
    if (same !== undefined)
      problems.push({
        file,
        field: `${where}.geometry`,
        message: `area "${code}" has the same geometry as "${same}"`,
        expected: 'a distinct boundary per area',
        severity: 'warning',
      });
    else shapes.set(key, code);
    let crossing: { field: string; at: [number, number] } | undefined;
    for (const [pi, rings] of polygons.entries()) {
      if (!Array.isArray(rings) || rings.length === 0)
        return bad(`${where}.geometry`, 'a polygon with no rings', 'at least one linear ring');
      for (const [ri, ring] of (rings as Position[][]).entries()) {
        const problem = ringProblem(ring, west, south, east, north);
        if (problem) return bad(`${where}.geometry`, problem.message, problem.expected);
        const at = crossing ? undefined : ringSelfIntersection(ring);
        if (at)
          crossing = { field: `${where}.geometry.coordinates${g.type === 'Polygon' ? '' : `[${pi}]`}[${ri}]`, at };
      }
    }
    if (crossing) {
      const [x, y] = crossing.at.map((v) => Math.round(v * 1e7) / 1e7);
      problems.push({
        file,
        field: crossing.field,
        message: `area "${code}" has a self-intersecting ring: it meets itself at [${x}, ${y}]`,
        expected: 'a simple ring (no crossing, touching or doubling back)',
        severity: 'warning',
      });
    }
  });
  const missing = areaCodes.filter((c) => !seen.has(c));
  if (missing.length)
    bad(
      'features',
      `${missing.length} area(s) have no feature: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}`,
      'a feature for every area',
    );
  return problems;
}

function ringProblem(
  ring: Position[],
  west: number,
  south: number,
  east: number,
  north: number,
): { message: string; expected: string } | undefined {
  if (!Array.isArray(ring) || ring.length < 4)
    return {
      message: `a ring with ${Array.isArray(ring) ? ring.length : 0} positions`,
      expected: 'at least 4 positions (a closed triangle or more)',
    };
  for (const p of ring) {
    if (!Array.isArray(p) || p.length < 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1]))
      return { message: 'a position that is not [longitude, latitude] numbers', expected: '[lon, lat] pairs' };
    if (p[0] < west || p[0] > east || p[1] < south || p[1] > north) {
      return {
        message: `position [${p[0]}, ${p[1]}] lies outside the expected extent [${west}, ${south}, ${east}, ${north}] (latitude and longitude swapped?)`,
        expected: '[longitude, latitude] in WGS84 inside areas.extent',
      };
    }
  }
  const a = ring[0];
  const b = ring[ring.length - 1];
  if (a[0] !== b[0] || a[1] !== b[1])
    return { message: 'a ring that is not closed', expected: 'the last position equal to the first' };
  return undefined;
}
