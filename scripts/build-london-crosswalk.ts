/**
 * Builds data/london-2018/crosswalk_wards2013_to_wards2018.csv: the population-weighted crosswalk
 * from 2013 ONS wards (City merged, the vintage of the GLA ward atlas and ward profiles) to
 * GLA 2018 wards (City merged, the project's base geography).
 *
 * Population points: each 2011 LSOA's interior point (src/core/pointInside.ts) carrying its
 * IoD 2019 mid-2015 population (excluding prisoners). Run on its own with
 *   node --import tsx scripts/build-london-crosswalk.ts
 * and as part of scripts/build-london-geo.ts. Reads the raw files from $WARDRANK_RAW_DATA
 * (default ../shared/data beside the repository).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { InputError } from '../src/core/errors.ts';
import { columnIndex, formatCsv, parseCsv } from '../src/io/csv.ts';
import { writeFileAtomic } from '../src/io/atomic.ts';
import { dasymetricCrosswalk, populationCrosswalk, type Crosswalk } from './lib/geo/crosswalk.ts';
import { CROSSWALK_COLUMNS, crosswalkRows } from './lib/geo/crosswalkTable.ts';
import { pointInside } from '../src/core/pointInside.ts';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const RAW = resolve(process.env.WARDRANK_RAW_DATA ?? join(REPO, '..', 'shared', 'data'));
export const OUT = join(REPO, 'data', 'london-2018');
/** Output folder of the current index (December 2022 wards). */
export const OUT_2022 = join(REPO, 'data', 'london');

export const INPUTS = {
  wards2018: 'boundaries/london_wards_2018_citymerged.geojson',
  wards2013: 'boundaries/london_wards_2013_ons_gen_citymerged.geojson',
  lsoa2011: 'boundaries/london_lsoa2011_gen.geojson',
  lsoaPopulation: 'deprivation/england_lsoa11_File_6_-_IoD2019_Population_Denominators.csv.gz',
  imdWards: 'deprivation/imd2019_london_wards2018.csv',
  boroughProfiles: 'profiles/gla_borough_profiles_2015_cleaned.csv',
  wardProfiles: 'profiles/gla_ward_profiles_2015_wards2011.csv',
  thames: 'basemap/thames.geojson',
  tubeLines: 'basemap/tube_lines.geojson',
} as const;

export const CROSSWALK_FILE = 'crosswalk_wards2013_to_wards2018.csv';
const LSOA_POPULATION_COLUMN = 'Total population: mid 2015 (excluding prisoners)';

/** The GLA ward tables are Latin-1 exports. */
const LATIN1 = new Set([INPUTS.wardProfiles, 'profiles/gla_ward_atlas_wards2011.csv']);

/** Text of a raw input (gunzipped for .gz; the ward profiles are Latin-1). */
export function readRaw(rel: string): string {
  const bytes = readFileSync(join(RAW, rel));
  return (rel.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString(LATIN1.has(rel) ? 'latin1' : 'utf8');
}

/** code → count, from two columns of a raw CSV. */
export function readCounts(file: string, codeColumn: string, countColumn: string): Map<string, number> {
  const t = parseCsv(readRaw(file), { file });
  const code = columnIndex(t, codeColumn);
  const count = columnIndex(t, countColumn);
  return new Map(t.rows.map((r, i) => [r[code], parseCount(r[count], file, i + 2, countColumn)]));
}

/** 2013-ward code → GLA ward profiles "Population - 2015" (624 wards + the City as E09000001). */
export function wardProfilePopulation2015(): Map<string, number> {
  return readCounts(INPUTS.wardProfiles, 'New code', 'Population - 2015');
}

export function readGeoJson<G extends FeatureCollection = FeatureCollection>(rel: string): G {
  return JSON.parse(readRaw(rel)) as G;
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function sha256File(path: string): string {
  return sha256(readFileSync(path));
}

/** A number written with thousands separators ("1,296") as the IoD CSVs do. */
export function parseCount(text: string, file: string, row: number, column: string): number {
  const v = Number(text.replace(/,/g, ''));
  if (text.trim() === '' || !Number.isFinite(v) || v < 0) {
    throw new InputError(`"${text}" is not a count`, { file, row, column, expected: 'a number ≥ 0' });
  }
  return v;
}

/** London LSOA 2011 polygons with properties `code` and `population` (IoD 2019, mid-2015, excluding prisoners). */
export function lsoaPopulationAreas(): FeatureCollection<Polygon | MultiPolygon> {
  const lsoas = readGeoJson<FeatureCollection<Polygon | MultiPolygon>>(INPUTS.lsoa2011);
  const population = readCounts(INPUTS.lsoaPopulation, 'LSOA code (2011)', LSOA_POPULATION_COLUMN);
  const features = lsoas.features.map((f, i): Feature<Polygon | MultiPolygon> => {
    const code = String(f.properties?.LSOA11CD);
    const pop = population.get(code);
    if (pop === undefined) {
      throw new InputError(`LSOA ${code} has no population in ${INPUTS.lsoaPopulation}`, {
        file: INPUTS.lsoa2011,
        field: `features[${i}].properties.LSOA11CD`,
        expected: 'an LSOA 2011 code present in the IoD 2019 denominators',
      });
    }
    return { type: 'Feature', properties: { code, population: pop }, geometry: f.geometry };
  });
  return { type: 'FeatureCollection', features };
}

/** LSOA 2011 interior points (6 decimals) with their populations. */
export function lsoaPopulationPoints(areas = lsoaPopulationAreas()): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: areas.features.map((f) => ({
      type: 'Feature',
      properties: f.properties,
      geometry: { type: 'Point', coordinates: round6(pointInside(f.geometry)) },
    })),
  };
}

export function round6(p: number[]): number[] {
  return [Math.round(p[0] * 1e6) / 1e6, Math.round(p[1] * 1e6) / 1e6];
}

/**
 * How the shipped 2013 → 2018 crosswalk is computed:
 *  - 'points': populationCrosswalk, each LSOA's population wholly in the 2018 ward containing
 *    its interior point (the method the crosswalk was first specified with);
 *  - 'lsoa-split': dasymetricCrosswalk, each LSOA's population split over 2018 wards by area.
 * docs/geography.md compares them ('lsoa-split' is about twice as close on changed wards).
 */
export type WardCrosswalkMethod = 'points' | 'lsoa-split';
export const WARD_CROSSWALK_METHOD: WardCrosswalkMethod = 'points';

/** The 2013 → 2018 ward crosswalk (population-weighted, by LSOA 2011). */
export function buildWardCrosswalk(
  wards2018: FeatureCollection,
  lsoas: FeatureCollection<Polygon | MultiPolygon> = lsoaPopulationAreas(),
  method: WardCrosswalkMethod = WARD_CROSSWALK_METHOD,
  /**
   * Property of the target features holding their code ('GSS_CODE'
   * in the GLA 2018 file, 'code' for the 2022 base areas).
   */
  targetKey = 'GSS_CODE',
): Crosswalk {
  const wards2013 = readGeoJson(INPUTS.wards2013);
  const opts = { sourceKey: 'WD13CD', targetKey, populationKey: 'population' };
  return method === 'points'
    ? populationCrosswalk(wards2013, wards2018, lsoaPopulationPoints(lsoas), opts)
    : dasymetricCrosswalk(wards2013, wards2018, lsoas, opts);
}

export function crosswalkCsv(cw: Crosswalk): string {
  return formatCsv(CROSSWALK_COLUMNS, crosswalkRows(cw));
}

function main(): void {
  const cw = buildWardCrosswalk(readGeoJson(INPUTS.wards2018));
  writeFileAtomic(join(OUT, CROSSWALK_FILE), crosswalkCsv(cw));
  console.log(`${CROSSWALK_FILE}: ${cw.share.length} rows, ${cw.sourceCodes.length} → ${cw.targetCodes.length} wards`);
  for (const n of cw.notes) console.log(`  ${n}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
