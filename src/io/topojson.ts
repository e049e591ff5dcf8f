/**
 * The results as TopoJSON for GIS (QGIS opens it directly): the same features and properties as
 * results.geojson (boundaries joined to the results), converted by topojson-server into one
 * object `results` with shared arcs and quantised coordinates. Shared borders are stored once,
 * so the geometry takes a fraction of the space (the properties, a row of results per ward, do not shrink).
 *
 * Quantisation q = 1e5 snaps coordinates to a 100 000 × 100 000 grid over the bounding box
 * (about 0.5 m across London), far finer than the boundaries' own generalisation.
 * Reference: Bostock, TopoJSON specification 1.0 (https://github.com/topojson/topojson-specification).
 */
import { topology } from 'topojson-server';
import type { FeatureCollection } from 'geojson';
import type { Result } from '../core/types.ts';
import { resultsGeoJson } from './writeOutputs.ts';

export const TOPOJSON_QUANTISATION = 1e5;

export function resultsTopoJson(result: Result, boundariesText: string, quantisation = TOPOJSON_QUANTISATION): string {
  const fc = JSON.parse(resultsGeoJson(result, boundariesText)) as FeatureCollection;
  return JSON.stringify(topology({ results: fc }, quantisation));
}
