/**
 * Builds the London geography shipped in data/london-2018/ from the raw files in
 * $WARDRANK_RAW_DATA (default ../shared/data):
 *   areas.csv            633 GLA 2018 wards (City merged): code, name, borough, inner/outer,
 *                        population (IoD 2019, mid-2015), a label point inside each ward
 *   wards.geojson        wards simplified for the web, shared borders preserved
 *   wards.topojson       the same as a quantised topology, with a `boroughs` object
 *   boroughs.geojson     the 33 boroughs, dissolved from the simplified wards
 *   thames.geojson, tube_lines.geojson   basemap layers
 *   adjacency.csv        queen contiguity of the unsimplified wards
 *   crosswalk_wards2013_to_wards2018.csv (scripts/build-london-crosswalk.ts)
 *   geo-manifest.json    inputs and outputs with SHA-256, settings and checks
 * Deterministic: the same inputs give the same bytes. Run:
 *   node --import tsx scripts/build-london-geo.ts
 * Methods: docs/geography.md.
 */
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Feature, FeatureCollection, LineString, MultiPolygon, Polygon } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { feature } from 'topojson-client';
import { booleanPointInPolygon, booleanValid, area } from '@turf/turf';
import { InputError } from '../src/core/errors.ts';
import { columnIndex, formatCsv, parseCsv } from '../src/io/csv.ts';
import { writeFileAtomic } from '../src/io/atomic.ts';
import { adjacencyRows, queenAdjacency } from './lib/geo/adjacency.ts';
import { dissolveBy } from './lib/geo/dissolve.ts';
import { pointInside } from '../src/geo/pointInside.ts';
import { quantizeDecimal } from './lib/geo/quantizeDecimal.ts';
import { removeRepeatedPositions } from './lib/geo/repair.ts';
import { simplifyPolygons, type SimplifyReport } from './lib/geo/simplify.ts';
import {
  buildWardCrosswalk,
  CROSSWALK_FILE,
  crosswalkCsv,
  INPUTS,
  lsoaPopulationAreas,
  WARD_CROSSWALK_METHOD,
  OUT,
  readCounts,
  RAW,
  readGeoJson,
  readRaw,
  round6,
  sha256,
  wardProfilePopulation2015,
} from './build-london-crosswalk.ts';
import { apportionCounts, type Crosswalk } from './lib/geo/crosswalk.ts';

/** Settings recorded in the manifest; docs/geography.md explains the choices. */
export const SETTINGS = {
  /** Visvalingam effective area (m²): p99 displacement ≈ 7 m, about one pixel at zoom 14. */
  simplifyMinAreaM2: 150,
  /** Boundaries closer than this count as touching for queen contiguity (the GLA file is exact). */
  adjacencyToleranceMetres: 0.05,
  /** Decimal places of coordinates: the input's, since simplification only drops vertices. */
  coordinateDecimals: 6,
  /** The City polygon's code in the 2018 file, renamed from the GLA artefact "Castle Baynard". */
  cityWardCode: 'E05009297',
} as const;

const CITY_BOROUGH = 'E09000001';

type Areal = Feature<Polygon | MultiPolygon>;

export interface WardRecord {
  code: string;
  name: string;
  borough_code: string;
  borough_name: string;
  inner_outer: 'inner' | 'outer';
  population: number;
}

/** Borough code → name and inner/outer London (ONS statistical definition) from the GLA borough profiles. */
export function readBoroughs(): Map<string, { name: string; innerOuter: 'inner' | 'outer' }> {
  const file = INPUTS.boroughProfiles;
  const t = parseCsv(readRaw(file), { file });
  const [gss, name, io] = ['gss', 'name', 'inner_outer_london'].map((c) => columnIndex(t, c));
  const out = new Map<string, { name: string; innerOuter: 'inner' | 'outer' }>();
  t.rows.forEach((r, i) => {
    const v = r[io] === 'Inner London' ? 'inner' : r[io] === 'Outer London' ? 'outer' : undefined;
    if (!v) throw new InputError(`"${r[io]}" is neither Inner nor Outer London`, { file, row: i + 2, column: 'inner_outer_london', expected: '"Inner London" or "Outer London"' });
    out.set(r[gss], { name: r[name], innerOuter: v });
  });
  return out;
}

/** Ward code → population (IoD 2019 ward summary: mid-2015 small-area estimates). */
export function readWardPopulation(): Map<string, number> {
  return readCounts(INPUTS.imdWards, 'ward_code', 'population');
}

/** The 2018 wards, cleaned, sorted by code, with the project's four properties. */
export function wardFeatures(): { wards: FeatureCollection<Polygon | MultiPolygon>; records: WardRecord[]; repeatedPositions: number } {
  const raw = readGeoJson<FeatureCollection<Polygon | MultiPolygon>>(INPUTS.wards2018);
  const { features: clean, removed, degenerateRings } = removeRepeatedPositions(raw);
  if (degenerateRings > 0) throw new InputError(`${degenerateRings} ward rings enclose no area`, { file: INPUTS.wards2018, expected: 'ward polygons with area' });
  const boroughs = readBoroughs();
  const population = readWardPopulation();
  const records: WardRecord[] = [];
  const features: Areal[] = clean.features.map((f, i) => {
    const p = f.properties as Record<string, unknown>;
    const code = String(p.GSS_CODE);
    const boroughCode = String(p.LAGSSCODE);
    const borough = boroughs.get(boroughCode);
    const pop = population.get(code);
    const where = { file: INPUTS.wards2018, field: `features[${i}].properties` };
    if (!borough) throw new InputError(`ward ${code}: borough ${boroughCode} is not in ${INPUTS.boroughProfiles}`, { ...where, expected: 'one of the 33 London boroughs' });
    if (pop === undefined) throw new InputError(`ward ${code} has no population in ${INPUTS.imdWards}`, { ...where, expected: 'a ward code of the IoD 2019 ward summary' });
    // GLA artefact: the merged City polygon is named after one of its wards.
    const isCity = code === SETTINGS.cityWardCode;
    if (isCity && boroughCode !== CITY_BOROUGH) throw new InputError(`ward ${code} is not in the City`, { ...where, expected: `borough ${CITY_BOROUGH}` });
    const rec: WardRecord = {
      code,
      name: isCity ? 'City of London' : String(p.NAME),
      borough_code: boroughCode,
      borough_name: borough.name,
      inner_outer: borough.innerOuter,
      population: pop,
    };
    records.push(rec);
    return { type: 'Feature', properties: { code, name: rec.name, borough_code: rec.borough_code, borough_name: rec.borough_name }, geometry: f.geometry };
  });
  const order = records.map((_, i) => i).sort((a, b) => (records[a].code < records[b].code ? -1 : 1));
  if (records.length !== population.size) {
    throw new InputError(`${records.length} ward polygons but ${population.size} wards with a population`, { file: INPUTS.imdWards, expected: 'the same ward set' });
  }
  return {
    wards: { type: 'FeatureCollection', features: order.map((i) => features[i]) },
    records: order.map((i) => records[i]),
    repeatedPositions: removed,
  };
}

/** GeoJSON text with one feature per line (readable diffs), trailing newline. */
export function featureCollectionText(fc: FeatureCollection): string {
  return `{"type":"FeatureCollection","features":[\n${fc.features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}

function roundReport(r: SimplifyReport): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(r)) out[k] = Number.isInteger(v) ? v : Number(v.toPrecision(6));
  return out;
}

/**
 * How well the crosswalk carries a known count: the GLA ward profiles' 2015 population on
 * 2013 wards, carried to 2018 wards, against the IoD 2019 mid-2015 population of the 2018
 * wards. The two sources differ (GLA estimates vs ONS small-area estimates), so wards whose
 * code is in both vintages (boundaries unchanged) give the baseline disagreement; the gap
 * between changed and unchanged wards is what the crosswalk adds.
 */
export function crosswalkValidation(cw: Crosswalk, records: WardRecord[], source = wardProfilePopulation2015()) {
  const x = Float64Array.from(cw.sourceCodes, (c) => source.get(c) ?? NaN);
  const y = apportionCounts(cw, x);
  const truth = new Map(records.map((r) => [r.code, r.population]));
  const unchanged = new Set(cw.sourceCodes.filter((c) => truth.has(c)));
  const errors = (keep: (code: string) => boolean) =>
    cw.targetCodes
      .map((c, j) => [c, Math.abs(y[j] - (truth.get(c) as number)) / (truth.get(c) as number)] as const)
      .filter(([c]) => keep(c))
      .map(([, e]) => e)
      .sort((a, b) => a - b);
  const summary = (e: number[]) => ({
    wards: e.length,
    median_abs_pct_diff: Number((100 * e[Math.floor((e.length - 1) / 2)]).toFixed(2)),
    p90_abs_pct_diff: Number((100 * e[Math.floor(0.9 * (e.length - 1))]).toFixed(2)),
  });
  return {
    method: cw.method,
    rows: cw.share.length,
    unchanged_wards: summary(errors((c) => unchanged.has(c))),
    changed_wards: summary(errors((c) => !unchanged.has(c))),
  };
}

/** Validity and area of decoded features against the unsimplified ones. */
function checkFeatures(fc: FeatureCollection<Polygon | MultiPolygon>, reference: FeatureCollection<Polygon | MultiPolygon>) {
  const a = fc.features.reduce((s, f) => s + area(f), 0);
  const b = reference.features.reduce((s, f) => s + area(f), 0);
  return { features: fc.features.length, invalid: fc.features.filter((f) => !booleanValid(f)).length, areaChange: Number(((a - b) / b).toPrecision(6)) };
}

export function buildGeo(): void {
  const { wards, records, repeatedPositions } = wardFeatures();
  const files = new Map<string, string>();

  // Wards and boroughs: one topology, simplified once.
  const simplified = simplifyPolygons(wards, { minAreaM2: SETTINGS.simplifyMinAreaM2 });
  const wardObject = simplified.topology.objects.areas;
  const names = new Map(records.map((r) => [r.borough_code, r.borough_name]));
  const boroughObject = dissolveBy(simplified.topology, wardObject, 'borough_code', (code) => ({ code, name: names.get(code) }));
  const topo: Topology<{ wards: GeometryCollection; boroughs: GeometryCollection }> = {
    type: 'Topology',
    bbox: simplified.topology.bbox,
    arcs: simplified.topology.arcs,
    objects: { wards: wardObject, boroughs: boroughObject },
  };
  const boroughs = feature(topo, boroughObject) as FeatureCollection<Polygon | MultiPolygon>;
  const quantized = quantizeDecimal(topo, SETTINGS.coordinateDecimals);
  files.set('wards.geojson', featureCollectionText(simplified.features));
  files.set('boroughs.geojson', featureCollectionText(boroughs));
  files.set('wards.topojson', JSON.stringify(quantized) + '\n');
  const fromTopo = feature(quantized, quantized.objects.wards) as FeatureCollection<Polygon | MultiPolygon>;

  // Label points: inside the unsimplified ward, checked against the simplified one too.
  let labelsOutsideSimplified = 0;
  const rows = records.map((r, i) => {
    const [lon, lat] = round6(pointInside(wards.features[i].geometry));
    if (!booleanPointInPolygon([lon, lat], simplified.features.features[i], { ignoreBoundary: true })) labelsOutsideSimplified++;
    return [r.code, r.name, r.borough_code, r.borough_name, r.inner_outer, r.population, lon.toFixed(6), lat.toFixed(6)];
  });
  files.set('areas.csv', formatCsv(['code', 'name', 'borough_code', 'borough_name', 'inner_outer', 'population', 'lon', 'lat'], rows));

  // Basemap: the Thames simplified like the wards; tube lines are small and kept as they are.
  const thamesRaw = readGeoJson<FeatureCollection<Polygon | MultiPolygon>>(INPUTS.thames);
  const thamesRepair = removeRepeatedPositions(thamesRaw);
  const thamesIn: FeatureCollection<Polygon | MultiPolygon> = {
    type: 'FeatureCollection',
    features: thamesRepair.features.features.map((f) => ({ type: 'Feature', properties: { name: 'River Thames' }, geometry: f.geometry })),
  };
  const thames = simplifyPolygons(thamesIn, { minAreaM2: SETTINGS.simplifyMinAreaM2 });
  files.set('thames.geojson', featureCollectionText(thames.features));
  const tube = readGeoJson<FeatureCollection<LineString>>(INPUTS.tubeLines);
  files.set(
    'tube_lines.geojson',
    featureCollectionText({ type: 'FeatureCollection', features: tube.features.map((f) => ({ type: 'Feature', properties: { line: f.properties?.line }, geometry: f.geometry })) }),
  );

  // Queen contiguity of the unsimplified wards.
  const adjacency = queenAdjacency(wards, { key: 'code', toleranceMetres: SETTINGS.adjacencyToleranceMetres });
  const pairs = adjacencyRows(adjacency);
  files.set('adjacency.csv', formatCsv(['code', 'neighbour'], pairs));
  const degrees = adjacency.codes.map((_, i) => adjacency.offsets[i + 1] - adjacency.offsets[i]);

  // 2013 → 2018 crosswalk, population-weighted by LSOA 2011; the other method is built too,
  // to record how the two compare.
  const lsoas = lsoaPopulationAreas();
  const wards2018 = readGeoJson(INPUTS.wards2018);
  const crosswalk = buildWardCrosswalk(wards2018, lsoas);
  files.set(CROSSWALK_FILE, crosswalkCsv(crosswalk));
  const profilePopulation = wardProfilePopulation2015();
  const validation = Object.fromEntries(
    (['points', 'lsoa-split'] as const).map((m) => [
      m,
      crosswalkValidation(m === WARD_CROSSWALK_METHOD ? crosswalk : buildWardCrosswalk(wards2018, lsoas, m), records, profilePopulation),
    ]),
  );
  const lsoaPopulation = lsoas.features.reduce((s, f) => s + (f.properties?.population as number), 0);

  const manifest = {
    description: 'London geography for wardrank, built by scripts/build-london-geo.ts; methods in docs/geography.md',
    base_geography: 'GLA 2018 London wards (May 2018 - May 2022), City of London merged: 633 areas',
    licence: 'Contains public sector information licensed under the Open Government Licence v3.0. Contains OS data © Crown copyright and database right. Greater London Authority, ONS, MHCLG, TfL.',
    inputs: Object.values(INPUTS).map((rel) => ({ path: rel, bytes: statSync(join(RAW, rel)).size, sha256: sha256(readFileSync(join(RAW, rel))) })),
    outputs: [...files.entries()].sort().map(([name, text]) => ({ path: `data/london-2018/${name}`, bytes: Buffer.byteLength(text), sha256: sha256(text) })),
    settings: {
      simplification: `Visvalingam-Whyatt on shared arcs (topojson-server + topojson-simplify), effective area >= ${SETTINGS.simplifyMinAreaM2} m2 kept; arcs that break a check kept whole`,
      simplify_min_area_m2: SETTINGS.simplifyMinAreaM2,
      coordinate_decimals: SETTINGS.coordinateDecimals,
      topojson_transform: `scale 1e-${SETTINGS.coordinateDecimals} (exact for the 6-decimal input)`,
      adjacency: 'queen contiguity (boundaries sharing at least one point) of the unsimplified wards',
      adjacency_tolerance_m: SETTINGS.adjacencyToleranceMetres,
      population: 'IoD 2019 ward summary (GLA) column population: ONS mid-2015 small-area population estimates, as used for the IoD 2019 denominators',
      inner_outer: 'GLA borough profiles inner_outer_london (ONS statistical definition of Inner/Outer London)',
      label_point: 'area centroid if inside the unsimplified ward, else midpoint of the widest interior stretch of its latitude line (src/geo/pointInside.ts)',
      crosswalk_method: WARD_CROSSWALK_METHOD,
      crosswalk:
        WARD_CROSSWALK_METHOD === 'points'
          ? 'population: IoD 2019 mid-2015 LSOA 2011 populations at LSOA interior points; share of each 2013 ward population falling in each 2018 ward'
          : 'population: IoD 2019 mid-2015 LSOA 2011 populations, each LSOA in the 2013 ward of its interior point, split over 2018 wards by area (parts under 1 % dropped)',
    },
    checks: {
      wards: records.length,
      boroughs: boroughs.features.length,
      repeated_positions_removed: repeatedPositions,
      ward_simplification: roundReport(simplified.report),
      wards_geojson: checkFeatures(simplified.features, wards),
      wards_topojson_decoded: checkFeatures(fromTopo, wards),
      boroughs_geojson: { features: boroughs.features.length, invalid: boroughs.features.filter((f) => !booleanValid(f)).length },
      thames_repair: { repeated_positions_removed: thamesRepair.removed, zero_area_rings_removed: thamesRepair.degenerateRings },
      thames_simplification: roundReport(thames.report),
      label_points_outside_simplified_ward: labelsOutsideSimplified,
      population_total: Math.round(records.reduce((s, r) => s + r.population, 0)),
      lsoa_population_total: lsoaPopulation,
      adjacency_pairs: adjacency.neighbours.length / 2,
      adjacency_min_neighbours: Math.min(...degrees),
      adjacency_max_neighbours: Math.max(...degrees),
      crosswalk_rows: crosswalk.share.length,
      crosswalk_notes: crosswalk.notes,
      crosswalk_validation: {
        compared: `${INPUTS.wardProfiles} "Population - 2015" carried to 2018 wards vs areas.csv population (changed wards: code not in both vintages)`,
        ...validation,
      },
    },
  };
  files.set('geo-manifest.json', JSON.stringify(manifest, null, 2) + '\n');
  for (const [name, text] of files) writeFileAtomic(join(OUT, name), text);
  for (const o of manifest.outputs) console.log(`${o.path}: ${o.bytes} bytes`);
  console.log(JSON.stringify(manifest.checks, null, 1));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) buildGeo();
