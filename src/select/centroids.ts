/**
 * Ward centroids from boundaries: the centre of mass of each polygon (turf `centerOfMass`,
 * the area-weighted mean of the polygon's triangles), which for a compact ward is where a
 * reader expects its middle. Used only for distances (minimum distance between pilots, the
 * spillover buffer), where a few hundred metres' difference from another definition of
 * "centre" is immaterial next to km-scale thresholds.
 */
import { centerOfMass } from '@turf/center-of-mass';
import type { FeatureCollection } from 'geojson';

/** Centroids aligned to `codes` (features joined on properties.code); NaN where no feature. */
export function centroidsFromBoundaries(
  fc: FeatureCollection,
  codes: readonly string[],
): { lon: Float64Array; lat: Float64Array; missing: string[] } {
  const index = new Map(codes.map((c, i) => [c, i]));
  const lon = new Float64Array(codes.length).fill(NaN);
  const lat = new Float64Array(codes.length).fill(NaN);
  for (const f of fc.features) {
    const i = index.get(String(f.properties?.code ?? ''));
    if (i === undefined || !f.geometry) continue;
    const [x, y] = centerOfMass(f).geometry.coordinates;
    lon[i] = x;
    lat[i] = y;
  }
  const missing = codes.filter((_, i) => lon[i] !== lon[i]);
  return { lon, lat, missing };
}
