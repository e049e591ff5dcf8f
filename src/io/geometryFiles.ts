/**
 * The map geometry a framework declares (`areas.boundaries` and `areas.basemap`), as files named
 * the way an output folder stores them: `geo/boundaries.json` and `geo/basemap/<id>.json`.
 * `wardrank run` copies them into its output folder so that folder is self-contained (the
 * server can serve a run without the framework's folder), and `wardrank serve` reads a
 * framework's geometry through the same names, so both sources serve identical bytes.
 */
import { existsSync } from 'node:fs';
import { INPUT_LIMITS, readInput } from './inputFile.ts';
import { basename } from 'node:path';
import { InputError } from '../core/errors.ts';
import type { Loaded } from './loadFramework.ts';
import { resolveInsideReal as resolveInside } from './paths.ts';

export const BOUNDARIES_FILE = 'geo/boundaries.json';

/** Output-folder name of a basemap layer's GeoJSON. Layer ids are `[a-z0-9_]+` (framework schema). */
export function basemapFile(id: string): string {
  return `geo/basemap/${id}.json`;
}

/** Output-folder name → bytes of every geometry file the framework declares (none: empty). */
export function geometryFiles(
  loaded: Pick<Loaded, 'framework' | 'dir' | 'path' | 'boundaries'>,
): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  if (loaded.boundaries) files[BOUNDARIES_FILE] = readInput(loaded.boundaries, BOUNDARIES_FILE, INPUT_LIMITS.geojson);
  loaded.framework.areas.basemap.forEach((layer, k) => {
    const abs = resolveInside(loaded.dir, layer.file);
    const where = { file: basename(loaded.path), field: `areas.basemap[${k}].file` };
    if (!abs)
      throw new InputError(`path "${layer.file}" leaves the framework folder`, {
        ...where,
        expected: 'a path inside the folder of the framework file',
      });
    if (!existsSync(abs))
      throw new InputError(`basemap file "${layer.file}" not found`, {
        ...where,
        expected: 'an existing GeoJSON file, relative to the framework file',
      });
    files[basemapFile(layer.id)] = readInput(abs, layer.file, INPUT_LIMITS.geojson);
  });
  return files;
}

/**
 * The monthly series the framework declares (key `monthly`), copied under its own name so that an
 * output folder served on its own still has the map's time series; none declared: empty.
 */
export function monthlyFiles(loaded: Pick<Loaded, 'framework' | 'dir' | 'path'>): Record<string, Uint8Array> {
  const spec = loaded.framework.monthly;
  if (!spec) return {};
  const abs = resolveInside(loaded.dir, spec.file);
  const where = { file: basename(loaded.path), field: 'monthly.file' };
  if (!abs)
    throw new InputError(`path "${spec.file}" leaves the framework folder`, {
      ...where,
      expected: 'a path inside the folder of the framework file',
    });
  if (!existsSync(abs))
    throw new InputError(`monthly series file "${spec.file}" not found`, {
      ...where,
      expected: 'an existing CSV file, relative to the framework file',
    });
  return { [spec.file]: readInput(abs, spec.file, INPUT_LIMITS.table) };
}
