/**
 * `wardrank run --format <list>`: the output formats. csv, arrow and geojson are the run
 * folder's standing contents (the server and the map read them), always written by
 * writeOutputs; xlsx and topojson are extra files produced here and passed to writeOutputs'
 * `extraFiles`, so they land inside the same atomic folder write and in the manifest's hashes.
 * The writers are imported only when asked for, so every other command starts without exceljs.
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../core/errors.ts';
import type { Result } from '../core/types.ts';
import type { Loaded } from './loadFramework.ts';

export const OUTPUT_FORMATS = ['csv', 'arrow', 'geojson', 'xlsx', 'topojson'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
export const DEFAULT_FORMATS = 'csv,arrow,geojson';

/** Splits a comma-separated list; returns the known formats and any unknown names. */
export function parseFormats(list: string): { formats: OutputFormat[]; unknown: string[] } {
  const names = list
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const known = new Set<string>(OUTPUT_FORMATS);
  return { formats: names.filter((n) => known.has(n)) as OutputFormat[], unknown: names.filter((n) => !known.has(n)) };
}

/** The extra files (results.xlsx, results.topojson) the requested formats call for. */
export async function formatFiles(
  formats: readonly OutputFormat[],
  result: Result,
  loaded: Loaded,
  options: { reproducible?: boolean } = {},
): Promise<Record<string, Uint8Array | string>> {
  const files: Record<string, Uint8Array | string> = {};
  if (formats.includes('xlsx')) {
    const { resultsWorkbook } = await import('./xlsx.ts');
    files['results.xlsx'] = await resultsWorkbook(result, loaded, options);
  }
  if (formats.includes('topojson')) {
    if (!loaded.boundaries) {
      throw new InputError('--format topojson needs boundaries', {
        file: loaded.path.split('/').pop(),
        field: 'areas.boundaries',
        expected: 'a GeoJSON boundaries file declared in the framework',
      });
    }
    const { resultsTopoJson } = await import('./topojson.ts');
    files['results.topojson'] = resultsTopoJson(result, readFileSync(loaded.boundaries, 'utf8'));
  }
  return files;
}
