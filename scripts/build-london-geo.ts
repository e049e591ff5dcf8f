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
import { pointInside } from '../src/core/pointInside.ts';
import { quantizeDecimal } from './lib/geo/quantizeDecimal.ts';
import { dropSliverParts, removeRepeatedPositions } from './lib/geo/repair.ts';
import { readGlaWardTable } from './lib/london/glaWardTable.ts';
import { buildCarriedWards } from './lib/london/carriedWards.ts';
import { atlasCrosswalk, CARRIED_2022, EMPLOYED, JOBS, PTAL_SCORE } from './lib/london/carried2022.ts';
import { centralActivity, workdayPopulation } from './lib/london/workdayPopulation.ts';
import { readCensus2021LsoaPopulation, readLsoaWardLookup, sumByArea } from './lib/london/lsoaWards.ts';
import { POP, readIod2025 } from './lib/london/iod2025Wards.ts';
import { formatNumber } from './lib/london/builtTable.ts';
import { simplifyPolygons, type SimplifyReport } from './lib/geo/simplify.ts';
import {
  buildWardCrosswalk,
  CROSSWALK_FILE,
  crosswalkCsv,
  INPUTS,
  lsoaPopulationAreas,
  WARD_CROSSWALK_METHOD,
  OUT,
  OUT_2022,
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
  /** Parts of a ward MultiPolygon below this area (m²) are generalisation slivers and dropped (2022 BGC wards). */
  sliverMaxAreaM2: 10,
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

/** A base geography: wards (properties code, name, borough_code, borough_name) sorted by code, and their records. */
export interface BaseAreas {
  wards: FeatureCollection<Polygon | MultiPolygon>;
  records: WardRecord[];
  repeatedPositions: number;
  /** 2022: invalid wards in the input, and sliver parts dropped to repair them. */
  repair?: { invalid_in_input: string[]; sliver_parts_dropped: { code: string; area_m2: number }[] };
}

/** Columns of areas.csv beyond the geography (written between `population` and `lon`,`lat`). */
export interface ExtraColumns {
  header: string[];
  values: string[][];
  checks: Record<string, unknown>;
}

/**
 * What differs between the two base geographies; everything else (repair, simplification,
 * topology, boroughs, label points, adjacency, basemap, manifest) is the same code.
 */
export interface GeoVintage {
  id: '2018' | '2022';
  out: string;
  outLabel: string;
  description: string;
  baseGeography: string;
  inputs: string[];
  crosswalkFile: string;
  populationNote: string;
  crosswalkNote: string;
  base(): BaseAreas;
  crosswalk(base: BaseAreas, lsoas: FeatureCollection<Polygon | MultiPolygon>): Crosswalk;
  /** Crosswalk checks recorded in the manifest. */
  crosswalkChecks(
    cw: Crosswalk,
    base: BaseAreas,
    lsoas: FeatureCollection<Polygon | MultiPolygon>,
  ): Record<string, unknown>;
  extraColumns?(base: BaseAreas, crosswalkText: string): ExtraColumns;
}

/** Borough code → name and inner/outer London (ONS statistical definition) from the GLA borough profiles. */
export function readBoroughs(): Map<string, { name: string; innerOuter: 'inner' | 'outer' }> {
  const file = INPUTS.boroughProfiles;
  const t = parseCsv(readRaw(file), { file });
  const [gss, name, io] = ['gss', 'name', 'inner_outer_london'].map((c) => columnIndex(t, c));
  const out = new Map<string, { name: string; innerOuter: 'inner' | 'outer' }>();
  t.rows.forEach((r, i) => {
    const v = r[io] === 'Inner London' ? 'inner' : r[io] === 'Outer London' ? 'outer' : undefined;
    if (!v)
      throw new InputError(`"${r[io]}" is neither Inner nor Outer London`, {
        file,
        row: i + 2,
        column: 'inner_outer_london',
        expected: '"Inner London" or "Outer London"',
      });
    out.set(r[gss], { name: r[name], innerOuter: v });
  });
  return out;
}

/** Ward code → population (IoD 2019 ward summary: mid-2015 small-area estimates). */
export function readWardPopulation(): Map<string, number> {
  return readCounts(INPUTS.imdWards, 'ward_code', 'population');
}

/** The 2018 wards, cleaned, sorted by code, with the project's four properties. */
export function wardFeatures(): {
  wards: FeatureCollection<Polygon | MultiPolygon>;
  records: WardRecord[];
  repeatedPositions: number;
} {
  const raw = readGeoJson<FeatureCollection<Polygon | MultiPolygon>>(INPUTS.wards2018);
  const { features: clean, removed, degenerateRings } = removeRepeatedPositions(raw);
  if (degenerateRings > 0)
    throw new InputError(`${degenerateRings} ward rings enclose no area`, {
      file: INPUTS.wards2018,
      expected: 'ward polygons with area',
    });
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
    if (!borough)
      throw new InputError(`ward ${code}: borough ${boroughCode} is not in ${INPUTS.boroughProfiles}`, {
        ...where,
        expected: 'one of the 33 London boroughs',
      });
    if (pop === undefined)
      throw new InputError(`ward ${code} has no population in ${INPUTS.imdWards}`, {
        ...where,
        expected: 'a ward code of the IoD 2019 ward summary',
      });
    // GLA artefact: the merged City polygon is named after one of its wards.
    const isCity = code === SETTINGS.cityWardCode;
    if (isCity && boroughCode !== CITY_BOROUGH)
      throw new InputError(`ward ${code} is not in the City`, { ...where, expected: `borough ${CITY_BOROUGH}` });
    const rec: WardRecord = {
      code,
      name: isCity ? 'City of London' : String(p.NAME),
      borough_code: boroughCode,
      borough_name: borough.name,
      inner_outer: borough.innerOuter,
      population: pop,
    };
    records.push(rec);
    return {
      type: 'Feature',
      properties: { code, name: rec.name, borough_code: rec.borough_code, borough_name: rec.borough_name },
      geometry: f.geometry,
    };
  });
  const order = records.map((_, i) => i).sort((a, b) => (records[a].code < records[b].code ? -1 : 1));
  if (records.length !== population.size) {
    throw new InputError(`${records.length} ward polygons but ${population.size} wards with a population`, {
      file: INPUTS.imdWards,
      expected: 'the same ward set',
    });
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
function checkFeatures(
  fc: FeatureCollection<Polygon | MultiPolygon>,
  reference: FeatureCollection<Polygon | MultiPolygon>,
) {
  const a = fc.features.reduce((s, f) => s + area(f), 0);
  const b = reference.features.reduce((s, f) => s + area(f), 0);
  return {
    features: fc.features.length,
    invalid: fc.features.filter((f) => !booleanValid(f)).length,
    areaChange: Number(((a - b) / b).toPrecision(6)),
  };
}

export function buildGeo(v: GeoVintage = VINTAGE_2018): void {
  const base = v.base();
  const { wards, records, repeatedPositions } = base;
  const files = new Map<string, string>();

  // Wards and boroughs: one topology, simplified once.
  const simplified = simplifyPolygons(wards, { minAreaM2: SETTINGS.simplifyMinAreaM2 });
  const wardObject = simplified.topology.objects.areas;
  const names = new Map(records.map((r) => [r.borough_code, r.borough_name]));
  const boroughObject = dissolveBy(simplified.topology, wardObject, 'borough_code', (code) => ({
    code,
    name: names.get(code),
  }));
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

  // The crosswalk from 2013 wards, population-weighted by LSOA 2011 (the vintage of the GLA ward tables).
  const lsoas = lsoaPopulationAreas();
  const crosswalk = v.crosswalk(base, lsoas);
  const crosswalkText = crosswalkCsv(crosswalk);
  files.set(v.crosswalkFile, crosswalkText);
  const extra = v.extraColumns?.(base, crosswalkText);

  // Label points: inside the unsimplified ward, checked against the simplified one too.
  let labelsOutsideSimplified = 0;
  const rows = records.map((r, i) => {
    const [lon, lat] = round6(pointInside(wards.features[i].geometry));
    if (!booleanPointInPolygon([lon, lat], simplified.features.features[i], { ignoreBoundary: true }))
      labelsOutsideSimplified++;
    return [
      r.code,
      r.name,
      r.borough_code,
      r.borough_name,
      r.inner_outer,
      r.population,
      ...(extra?.values[i] ?? []),
      lon.toFixed(6),
      lat.toFixed(6),
    ];
  });
  files.set(
    'areas.csv',
    formatCsv(
      [
        'code',
        'name',
        'borough_code',
        'borough_name',
        'inner_outer',
        'population',
        ...(extra?.header ?? []),
        'lon',
        'lat',
      ],
      rows,
    ),
  );

  // Basemap: the Thames simplified like the wards; tube lines are small and kept as they are.
  const thamesRaw = readGeoJson<FeatureCollection<Polygon | MultiPolygon>>(INPUTS.thames);
  const thamesRepair = removeRepeatedPositions(thamesRaw);
  const thamesIn: FeatureCollection<Polygon | MultiPolygon> = {
    type: 'FeatureCollection',
    features: thamesRepair.features.features.map((f) => ({
      type: 'Feature',
      properties: { name: 'River Thames' },
      geometry: f.geometry,
    })),
  };
  const thames = simplifyPolygons(thamesIn, { minAreaM2: SETTINGS.simplifyMinAreaM2 });
  files.set('thames.geojson', featureCollectionText(thames.features));
  const tube = readGeoJson<FeatureCollection<LineString>>(INPUTS.tubeLines);
  files.set(
    'tube_lines.geojson',
    featureCollectionText({
      type: 'FeatureCollection',
      features: tube.features.map((f) => ({
        type: 'Feature',
        properties: { line: f.properties?.line },
        geometry: f.geometry,
      })),
    }),
  );

  // Queen contiguity of the unsimplified wards.
  const adjacency = queenAdjacency(wards, { key: 'code', toleranceMetres: SETTINGS.adjacencyToleranceMetres });
  const pairs = adjacencyRows(adjacency);
  files.set('adjacency.csv', formatCsv(['code', 'neighbour'], pairs));
  const degrees = adjacency.codes.map((_, i) => adjacency.offsets[i + 1] - adjacency.offsets[i]);
  const crosswalkChecks = v.crosswalkChecks(crosswalk, base, lsoas);
  const lsoaPopulation = lsoas.features.reduce((s, f) => s + (f.properties?.population as number), 0);

  const manifest = {
    description: v.description,
    base_geography: v.baseGeography,
    licence:
      'Contains public sector information licensed under the Open Government Licence v3.0. Contains OS data © Crown copyright and database right. Greater London Authority, ONS, MHCLG, TfL.',
    inputs: v.inputs.map((rel) => ({
      path: rel,
      bytes: statSync(join(RAW, rel)).size,
      sha256: sha256(readFileSync(join(RAW, rel))),
    })),
    outputs: [...files.entries()]
      .sort()
      .map(([name, text]) => ({ path: `${v.outLabel}/${name}`, bytes: Buffer.byteLength(text), sha256: sha256(text) })),
    settings: {
      simplification: `Visvalingam-Whyatt on shared arcs (topojson-server + topojson-simplify), effective area >= ${SETTINGS.simplifyMinAreaM2} m2 kept; arcs that break a check kept whole`,
      simplify_min_area_m2: SETTINGS.simplifyMinAreaM2,
      coordinate_decimals: SETTINGS.coordinateDecimals,
      topojson_transform: `scale 1e-${SETTINGS.coordinateDecimals} (exact for the 6-decimal input)`,
      adjacency: 'queen contiguity (boundaries sharing at least one point) of the unsimplified wards',
      adjacency_tolerance_m: SETTINGS.adjacencyToleranceMetres,
      population: v.populationNote,
      inner_outer: 'GLA borough profiles inner_outer_london (ONS statistical definition of Inner/Outer London)',
      label_point:
        'area centroid if inside the unsimplified ward, else midpoint of the widest interior stretch of its latitude line (src/core/pointInside.ts)',
      crosswalk_method: WARD_CROSSWALK_METHOD,
      crosswalk: v.crosswalkNote,
      ...(v.id === '2022' ? { sliver_max_area_m2: SETTINGS.sliverMaxAreaM2 } : {}),
    },
    checks: {
      wards: records.length,
      boroughs: boroughs.features.length,
      repeated_positions_removed: repeatedPositions,
      ...(base.repair ? { repair: base.repair } : {}),
      ward_simplification: roundReport(simplified.report),
      wards_geojson: checkFeatures(simplified.features, wards),
      wards_topojson_decoded: checkFeatures(fromTopo, wards),
      boroughs_geojson: {
        features: boroughs.features.length,
        invalid: boroughs.features.filter((f) => !booleanValid(f)).length,
      },
      thames_repair: {
        repeated_positions_removed: thamesRepair.removed,
        zero_area_rings_removed: thamesRepair.degenerateRings,
      },
      thames_simplification: roundReport(thames.report),
      label_points_outside_simplified_ward: labelsOutsideSimplified,
      population_total: Math.round(records.reduce((s, r) => s + r.population, 0)),
      lsoa_population_total: lsoaPopulation,
      adjacency_pairs: adjacency.neighbours.length / 2,
      adjacency_min_neighbours: Math.min(...degrees),
      adjacency_max_neighbours: Math.max(...degrees),
      crosswalk_rows: crosswalk.share.length,
      crosswalk_notes: crosswalk.notes,
      ...crosswalkChecks,
      ...(extra ? extra.checks : {}),
    },
  };
  files.set('geo-manifest.json', JSON.stringify(manifest, null, 2) + '\n');
  for (const [name, text] of files) writeFileAtomic(join(v.out, name), text);
  for (const o of manifest.outputs) console.log(`${o.path}: ${o.bytes} bytes`);
  console.log(JSON.stringify(manifest.checks, null, 1));
}

export const VINTAGE_2018: GeoVintage = {
  id: '2018',
  out: OUT,
  outLabel: 'data/london-2018',
  description: 'London geography for wardrank, built by scripts/build-london-geo.ts; methods in docs/geography.md',
  baseGeography: 'GLA 2018 London wards (May 2018 - May 2022), City of London merged: 633 areas',
  inputs: Object.values(INPUTS),
  crosswalkFile: CROSSWALK_FILE,
  populationNote:
    'IoD 2019 ward summary (GLA) column population: ONS mid-2015 small-area population estimates, as used for the IoD 2019 denominators',
  crosswalkNote:
    WARD_CROSSWALK_METHOD === 'points'
      ? 'population: IoD 2019 mid-2015 LSOA 2011 populations at LSOA interior points; share of each 2013 ward population falling in each 2018 ward'
      : 'population: IoD 2019 mid-2015 LSOA 2011 populations, each LSOA in the 2013 ward of its interior point, split over 2018 wards by area (parts under 1 % dropped)',
  base: wardFeatures,
  // The 2018 crosswalk is computed on the GLA file as published (its repeats change no area).
  crosswalk: (_base, lsoas) => buildWardCrosswalk(readGeoJson(INPUTS.wards2018), lsoas),
  crosswalkChecks(crosswalk, base, lsoas) {
    // The other method is built too, to record how the two compare.
    const wards2018 = readGeoJson(INPUTS.wards2018);
    const profilePopulation = wardProfilePopulation2015();
    const validation = Object.fromEntries(
      (['points', 'lsoa-split'] as const).map((m) => [
        m,
        crosswalkValidation(
          m === WARD_CROSSWALK_METHOD ? crosswalk : buildWardCrosswalk(wards2018, lsoas, m),
          base.records,
          profilePopulation,
        ),
      ]),
    );
    return {
      crosswalk_validation: {
        compared: `${INPUTS.wardProfiles} "Population - 2015" carried to 2018 wards vs areas.csv population (changed wards: code not in both vintages)`,
        ...validation,
      },
    };
  },
};

/** Raw inputs of the 2022 base geography (beside INPUTS, which the crosswalk and basemap use). */
export const INPUTS_2022 = {
  wards2022: 'boundaries/london_wards_2022_ons_bgc.geojson',
  city: 'boundaries/city_of_london_lad2021_ons_bgc.geojson',
  lsoaWard: 'lookups/lsoa21_to_ward2025_bestfit_EW.csv',
  census2021: 'lookups/lsoa11_lsoa21_census2021_persons_EW.csv',
  iod2025: 'deprivation/london_lsoa21_iod2025_file7.csv',
  atlas: 'profiles/gla_ward_atlas_wards2011.csv',
} as const;

export const CROSSWALK_FILE_2022 = 'crosswalk_wards2013_to_wards2022.csv';

/**
 * The 2022 base areas: the ONS December 2022 wards outside the City (679) and the City of London
 * as one area (its district polygon, code E09000001), with ONS borough codes and names.
 * Repairs: repeated vertices removed; MultiPolygon slivers under SETTINGS.sliverMaxAreaM2
 * dropped (the BGC file has three invalid wards made so by 1–3 m² parts).
 * Population: ONS mid-2022 (IoD 2025 File 7 LSOA denominators) summed by the ONS best-fit
 * LSOA 2021 → ward lookup; Census 2021 usual residents the same way (areas.csv
 * population_census2021, a check).
 */
export function wardFeatures2022(): BaseAreas & { census2021: Map<string, number> } {
  const raw = readGeoJson<FeatureCollection<Polygon | MultiPolygon>>(INPUTS_2022.wards2022);
  const outside = { ...raw, features: raw.features.filter((f) => String(f.properties?.LAD22CD) !== CITY_BOROUGH) };
  const city = readGeoJson<FeatureCollection<Polygon | MultiPolygon>>(INPUTS_2022.city).features;
  if (city.length !== 1 || String(city[0].properties?.LAD21CD) !== CITY_BOROUGH)
    throw new InputError('expected the City of London district alone', {
      file: INPUTS_2022.city,
      expected: `one feature, LAD21CD ${CITY_BOROUGH}`,
    });
  const all: FeatureCollection<Polygon | MultiPolygon> = {
    type: 'FeatureCollection',
    features: [
      ...outside.features.map((f): Areal => ({
        type: 'Feature',
        properties: {
          code: String(f.properties?.WD22CD),
          name: String(f.properties?.WD22NM),
          borough_code: String(f.properties?.LAD22CD),
          borough_name: String(f.properties?.LAD22NM),
        },
        geometry: f.geometry,
      })),
      {
        type: 'Feature',
        properties: {
          code: CITY_BOROUGH,
          name: 'City of London',
          borough_code: CITY_BOROUGH,
          borough_name: 'City of London',
        },
        geometry: city[0].geometry,
      },
    ],
  };
  const { features: dedup, removed, degenerateRings } = removeRepeatedPositions(all);
  if (degenerateRings > 0)
    throw new InputError(`${degenerateRings} ward rings enclose no area`, {
      file: INPUTS_2022.wards2022,
      expected: 'ward polygons with area',
    });
  const invalid = dedup.features.filter((f) => !booleanValid(f)).map((f) => String(f.properties?.code));
  const { features: repaired, dropped } = dropSliverParts(dedup, SETTINGS.sliverMaxAreaM2);
  const stillInvalid = repaired.features.filter((f) => !booleanValid(f)).map((f) => String(f.properties?.code));
  if (stillInvalid.length)
    throw new InputError(`wards still invalid after repair: ${stillInvalid.join(', ')}`, {
      file: INPUTS_2022.wards2022,
      expected: 'valid polygons',
    });

  const lookup = readLsoaWardLookup(parseCsv(readRaw(INPUTS_2022.lsoaWard), { file: INPUTS_2022.lsoaWard }));
  const iod = readIod2025(parseCsv(readRaw(INPUTS_2022.iod2025), { file: INPUTS_2022.iod2025 }));
  const midRow = new Map(iod.codes.map((c, i) => [c, i]));
  const mid = iod.column(POP.total);
  const census = readCensus2021LsoaPopulation(
    parseCsv(readRaw(INPUTS_2022.census2021), { file: INPUTS_2022.census2021 }),
    new Set(lookup.map((l) => l.lsoa)),
  );
  const order = repaired.features
    .map((_, i) => i)
    .sort((a, b) =>
      String(repaired.features[a].properties?.code) < String(repaired.features[b].properties?.code) ? -1 : 1,
    );
  const features = order.map((i) => repaired.features[i]);
  const codes = features.map((f) => String(f.properties?.code));
  const population = sumByArea(
    lookup,
    (l) => {
      const r = midRow.get(l);
      if (r === undefined)
        throw new InputError(`LSOA ${l} is not in File 7`, {
          file: INPUTS_2022.iod2025,
          column: 'LSOA code (2021)',
          expected: 'every London LSOA of the ward lookup',
        });
      return mid[r];
    },
    codes,
    INPUTS_2022.lsoaWard,
  );
  const census2021 = sumByArea(lookup, (l) => census.get(l)!, codes, INPUTS_2022.lsoaWard);
  const withLsoa = new Set(lookup.map((l) => l.area));
  const empty = codes.filter((c) => !withLsoa.has(c));
  if (empty.length)
    throw new InputError(`${empty.length} base areas hold no LSOA (e.g. ${empty.slice(0, 3).join(', ')})`, {
      file: INPUTS_2022.lsoaWard,
      expected: 'every 2022 ward the best-fit ward of at least one LSOA 2021',
    });
  const boroughs = readBoroughs();
  const records: WardRecord[] = features.map((f, i) => {
    const p = f.properties as Record<string, string>;
    const b = boroughs.get(p.borough_code);
    if (!b)
      throw new InputError(`ward ${p.code}: borough ${p.borough_code} is not in ${INPUTS.boroughProfiles}`, {
        file: INPUTS_2022.wards2022,
        expected: 'one of the 33 London boroughs',
      });
    return {
      code: p.code,
      name: p.name,
      borough_code: p.borough_code,
      borough_name: p.borough_name,
      inner_outer: b.innerOuter,
      population: population[i],
    };
  });
  return {
    wards: { type: 'FeatureCollection', features },
    records,
    repeatedPositions: removed,
    repair: {
      invalid_in_input: invalid,
      sliver_parts_dropped: dropped.map((d) => ({
        code: String(repaired.features[d.feature].properties?.code),
        area_m2: Number(d.areaM2.toFixed(2)),
      })),
    },
    census2021: new Map(codes.map((c, i) => [c, census2021[i]])),
  };
}

/** Residents, workday population and the central activity flag for areas.csv (2022). */
function extraColumns2022(base: BaseAreas & { census2021?: Map<string, number> }, crosswalkText: string): ExtraColumns {
  const codes = base.records.map((r) => r.code);
  const atlas = readGlaWardTable(parseCsv(readRaw(INPUTS_2022.atlas), { file: INPUTS_2022.atlas }), {
    codeColumn: 'New Code',
    skipRows: 1,
  });
  const profiles = readGlaWardTable(parseCsv(readRaw(INPUTS.wardProfiles), { file: INPUTS.wardProfiles }), {
    codeColumn: 'New code',
  });
  const cw = atlasCrosswalk(parseCsv(crosswalkText, { file: CROSSWALK_FILE_2022 }), atlas, codes);
  const carried = buildCarriedWards(
    atlas,
    profiles,
    cw,
    base.records.map((r) => r.name),
    CARRIED_2022,
    { label: '2022', file: 'carried_wards.csv' },
  );
  const residents = Float64Array.from(base.records, (r) => r.population);
  const workday = workdayPopulation(residents, carried.values[JOBS], carried.values[EMPLOYED]);
  const central = centralActivity(carried.values[JOBS], carried.values.population_2013, carried.values[PTAL_SCORE]);
  const census = base.census2021!;
  return {
    header: ['population_census2021', 'workday_population', 'central_activity'],
    values: codes.map((c, i) => [String(census.get(c)), formatNumber(workday.values[i]), String(central[i])]),
    checks: {
      population_census2021_total: [...census.values()].reduce((a, b) => a + b, 0),
      workday_population_total: Math.round(workday.values.reduce((a, b) => a + b, 0)),
      workday_population_clamped: workday.clamped,
      central_activity_areas: codes.filter((_, i) => central[i] === 1),
    },
  };
}

export const VINTAGE_2022: GeoVintage = {
  id: '2022',
  out: OUT_2022,
  outLabel: 'data/london',
  description:
    'London geography (current index, ONS December 2022 wards) for wardrank, built by scripts/build-london-geo.ts; methods in docs/geography.md',
  baseGeography:
    'ONS December 2022 London wards (BGC), the 679 wards outside the City and the City of London as one area (code E09000001): 680 areas',
  inputs: [
    ...Object.values(INPUTS_2022),
    INPUTS.wards2013,
    INPUTS.lsoa2011,
    INPUTS.lsoaPopulation,
    INPUTS.boroughProfiles,
    INPUTS.wardProfiles,
    INPUTS.thames,
    INPUTS.tubeLines,
  ],
  crosswalkFile: CROSSWALK_FILE_2022,
  populationNote:
    'ONS mid-2022 small-area population estimates (IoD 2025 File 7 LSOA 2021 denominators) summed to wards by the ONS best-fit LSOA 2021 → ward lookup; population_census2021: Census 2021 usual residents the same way',
  crosswalkNote:
    'population: IoD 2019 mid-2015 LSOA 2011 populations at LSOA interior points; share of each 2013 ward population falling in each 2022 base area',
  base: wardFeatures2022,
  crosswalk: (base, lsoas) => buildWardCrosswalk(base.wards, lsoas, WARD_CROSSWALK_METHOD, 'code'),
  crosswalkChecks(cw) {
    const source = wardProfilePopulation2015();
    const x = Float64Array.from(cw.sourceCodes, (c) => source.get(c) ?? NaN);
    const y = apportionCounts(cw, x);
    return {
      crosswalk_validation: {
        compared: `${INPUTS.wardProfiles} "Population - 2015" carried to 2022 areas: London total kept (no same-year population exists on 2022 wards to compare ward by ward)`,
        source_total: x.reduce((a, b) => a + (Number.isNaN(b) ? 0 : b), 0),
        carried_total: Number(y.reduce((a, b) => a + b, 0).toFixed(1)),
      },
    };
  },
  extraColumns: extraColumns2022,
};

/** `--vintage 2018|2022` builds one; without it both are built. */
function main(): void {
  const i = process.argv.indexOf('--vintage');
  const which = i >= 0 ? process.argv[i + 1] : 'all';
  if (which !== 'all' && which !== '2018' && which !== '2022')
    throw new Error(`--vintage must be 2018 or 2022, not ${which}`);
  if (which !== '2022') buildGeo(VINTAGE_2018);
  if (which !== '2018') buildGeo(VINTAGE_2022);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
