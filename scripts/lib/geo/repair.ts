/**
 * Repairs that change no area:
 *  - dropping a position equal to the one before it (a zero-length edge). OGC Simple Features
 *    allows such repeats, but turf `booleanValid` reports them as a "puncture" and they give
 *    the topology zero-length segments;
 *  - dropping rings left with fewer than 4 positions (they enclose no area), and polygons
 *    whose exterior ring is dropped; a feature left with no polygon keeps an empty one.
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { area, polygon as turfPolygon } from '@turf/turf';

export interface RepairCounts {
  repeatedPositions: number;
  degenerateRings: number;
}

/** A repaired copy of the collection, with what was removed. */
export function removeRepeatedPositions<P>(fc: FeatureCollection<Polygon | MultiPolygon, P>): {
  features: FeatureCollection<Polygon | MultiPolygon, P>;
  removed: number;
  degenerateRings: number;
} {
  const counts: RepairCounts = { repeatedPositions: 0, degenerateRings: 0 };
  const features = fc.features.map((f): Feature<Polygon | MultiPolygon, P> => ({
    ...f,
    geometry: repairGeometry(f.geometry, counts),
  }));
  return { features: { ...fc, features }, removed: counts.repeatedPositions, degenerateRings: counts.degenerateRings };
}

function repairGeometry(g: Polygon | MultiPolygon, counts: RepairCounts): Polygon | MultiPolygon {
  const polygon = (rings: Position[][]): Position[][] => {
    const kept = rings.map((r) => dedupe(r, counts));
    if (kept[0].length < 4) {
      counts.degenerateRings += kept.length;
      return [];
    }
    const out = kept.filter((r) => r.length >= 4);
    counts.degenerateRings += kept.length - out.length;
    return out;
  };
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: polygon(g.coordinates) };
  return { type: 'MultiPolygon', coordinates: g.coordinates.map(polygon).filter((p) => p.length > 0) };
}

function dedupe(ring: Position[], counts: RepairCounts): Position[] {
  const out = ring.filter((p, i) => i === 0 || p[0] !== ring[i - 1][0] || p[1] !== ring[i - 1][1]);
  counts.repeatedPositions += ring.length - out.length;
  return out;
}

/**
 * Drops polygon parts of a MultiPolygon smaller than `minAreaM2` (geodesic area, turf) when the
 * feature has a larger part: generalised boundary products (ONS BGC) leave slivers of a few m²
 * touching the main part at a point or along an edge, which make the feature invalid (OGC: parts
 * of a MultiPolygon may touch only at points). A feature's largest part is always kept.
 */
export function dropSliverParts<P>(
  fc: FeatureCollection<Polygon | MultiPolygon, P>,
  minAreaM2: number,
): { features: FeatureCollection<Polygon | MultiPolygon, P>; dropped: { feature: number; areaM2: number }[] } {
  const dropped: { feature: number; areaM2: number }[] = [];
  const features = fc.features.map((f, i): Feature<Polygon | MultiPolygon, P> => {
    if (f.geometry.type !== 'MultiPolygon' || f.geometry.coordinates.length < 2) return f;
    const areas = f.geometry.coordinates.map((p) => area(turfPolygon(p)));
    const largest = areas.indexOf(Math.max(...areas));
    const keep = f.geometry.coordinates.filter((_, k) => k === largest || areas[k] >= minAreaM2);
    areas.forEach((a, k) => {
      if (k !== largest && a < minAreaM2) dropped.push({ feature: i, areaM2: a });
    });
    if (keep.length === f.geometry.coordinates.length) return f;
    return {
      ...f,
      geometry:
        keep.length === 1 ? { type: 'Polygon', coordinates: keep[0] } : { type: 'MultiPolygon', coordinates: keep },
    };
  });
  return { features: { ...fc, features }, dropped };
}
