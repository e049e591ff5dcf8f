/**
 * Dissolve areas of a topology into groups (wards → boroughs) by merging their shared arcs
 * (topojson-client `mergeArcs`): the group's outline is made of the very arcs its members
 * use, so group borders coincide exactly with member borders at every simplification.
 */
import type { GeometryCollection, GeometryObject, MultiPolygon, Topology } from 'topojson-specification';
import { mergeArcs } from 'topojson-client';
import type { GeoJsonProperties } from 'geojson';

/**
 * One MultiPolygon per distinct value of `key` in the members' properties, ordered by that
 * value, carrying the properties returned by `properties(value)`.
 */
export function dissolveBy(
  topology: Topology,
  members: GeometryCollection,
  key: string,
  properties: (value: string) => GeoJsonProperties,
): GeometryCollection {
  const groups = new Map<string, GeometryObject[]>();
  for (const g of members.geometries) {
    const value = String((g.properties as Record<string, unknown> | undefined)?.[key]);
    const list = groups.get(value);
    if (list) list.push(g);
    else groups.set(value, [g]);
  }
  const geometries = [...groups.keys()].sort().map((value): MultiPolygon => {
    const merged = mergeArcs(topology, groups.get(value) as never) as MultiPolygon;
    return { type: 'MultiPolygon', arcs: merged.arcs, properties: properties(value) ?? {} };
  });
  return { type: 'GeometryCollection', geometries };
}
