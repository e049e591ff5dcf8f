/**
 * Everything pilot selection needs about where wards are, read from the framework's files:
 * adjacency (`areas.adjacency`, or a file given on the command line), centroids (the areas
 * CSV's `lon`,`lat` when present, otherwise the centre of mass of each boundary in
 * `areas.boundaries`), and the `inner_outer` class. Returns the SHA-256 of each file read so
 * the decision note can cite them.
 */
import { INPUT_LIMITS, readInput } from '../io/inputFile.ts';
import { relative, resolve } from 'node:path';
import type { FeatureCollection } from 'geojson';
import type { Problem } from '../core/errors.ts';
import type { Loaded } from '../io/loadFramework.ts';
import { readAdjacency } from '../io/readAdjacency.ts';
import { readAreaAttributes } from '../io/readAreaAttributes.ts';
import { centroidsFromBoundaries } from '../select/centroids.ts';
import { neighbourSets, type Geography } from '../select/geography.ts';
import { sha256File } from '../shared/sha256.ts';

export function loadGeography(
  loaded: Loaded,
  adjacencyOverride?: string,
): { geography: Geography; hashes: Record<string, string>; warnings: Problem[]; centroidSource: string } {
  const codes = loaded.inputs.areas.codes;
  const hashes: Record<string, string> = {};
  const warnings: Problem[] = [];
  const label = (abs: string) =>
    abs.startsWith(loaded.dir + '/') ? relative(loaded.dir, abs) : relative(process.cwd(), abs);
  const geography: Geography = {};
  const adjacencyPath = adjacencyOverride ? resolve(adjacencyOverride) : loaded.adjacency;
  if (adjacencyPath) {
    const read = readAdjacency(adjacencyPath, label(adjacencyPath), codes);
    geography.neighbours = neighbourSets(codes.length, read.pairs);
    warnings.push(...read.warnings);
    hashes[label(adjacencyPath)] = sha256File(adjacencyPath);
  }
  const spec = loaded.framework.areas;
  const attrs = readAreaAttributes(resolve(loaded.dir, spec.file), spec.file, spec.code_column, codes);
  geography.innerOuter = attrs.innerOuter;
  let centroidSource = 'none';
  if (attrs.lon && attrs.lat) {
    geography.lon = attrs.lon;
    geography.lat = attrs.lat;
    centroidSource = `${spec.file} lon, lat`;
  } else if (loaded.boundaries) {
    const c = centroidsFromBoundaries(
      JSON.parse(
        readInput(loaded.boundaries, label(loaded.boundaries), INPUT_LIMITS.geojson).toString('utf8'),
      ) as FeatureCollection,
      codes,
    );
    geography.lon = c.lon;
    geography.lat = c.lat;
    hashes[label(loaded.boundaries)] = sha256File(loaded.boundaries);
    centroidSource = `centre of mass of ${label(loaded.boundaries)}`;
    if (c.missing.length)
      warnings.push({
        file: label(loaded.boundaries),
        message: `${c.missing.length} area(s) have no boundary, so no centroid (e.g. ${c.missing.slice(0, 3).join(', ')})`,
        severity: 'warning',
      });
  }
  return { geography, hashes, warnings, centroidSource };
}
