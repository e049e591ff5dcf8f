/**
 * Boundary-vintage crosswalk: carry a table keyed to one set of polygons (e.g. 2013 wards)
 * onto another (e.g. 2018 wards) by areal interpolation.
 *
 * A crosswalk is a sparse matrix of shares s_ij = the part of source unit i that falls in
 * target unit j, with Σ_j s_ij = 1 for every covered source. Then
 *   counts:  y_j = Σ_i s_ij · x_i                               (apportionCounts)
 *   rates:   r_j = Σ_i s_ij P_i r_i / Σ_i s_ij P_i              (apportionRates)
 * where P_i is the source unit's population. Rates that have a numerator and a denominator
 * should instead be re-derived from the apportioned numerator and denominator (two calls of
 * apportionCounts); apportionRates is for rates published without their counts.
 *
 * Two ways to estimate s_ij:
 *  - area: s_ij = |A_i ∩ B_j| / Σ_k |A_i ∩ B_k| (areal weighting; Goodchild & Lam 1980,
 *    "Areal interpolation: a variant of the traditional spatial problem", Geo-Processing 1,
 *    297–312). Assumes people are spread evenly over the source unit.
 *  - population: s_ij = Σ_{p ∈ A_i ∩ B_j} P_p / Σ_{p ∈ A_i, p ∈ some B} P_p over small areas p
 *    (e.g. LSOA interior points with their populations): the share of the source unit's
 *    population living in each target (point-based dasymetric weighting; Mennis 2003,
 *    "Generating surface models of population using dasymetric mapping", Prof. Geographer 55).
 *    Source units containing no population point fall back to area weights (listed in
 *    `areaFallback`).
 *
 * Missing values. A source whose value is NaN contributes nothing and makes the target
 * (partly) missing. The target's missing share is the part of its inflow, weighted by source
 * size (`sourceWeight`: population or area), that comes from missing sources. A target is NaN
 * when all its contributing sources are missing, when nothing flows into it, or when its
 * missing share exceeds `maxMissingShare` (default 0: any missing contribution makes the target
 * missing, because a partial sum is not the count). With maxMissingShare > 0, a partly missing
 * target gets the sum (counts) or weighted mean (rates) of its non-missing contributions.
 */
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { area, bbox, booleanPointInPolygon, featureCollection, intersect } from '@turf/turf';
import { InputError } from '../../../src/core/errors.ts';
import { GridIndex } from './gridIndex.ts';
import { localFrame, type LocalFrame } from './localFrame.ts';
import { pointInside } from '../../../src/core/pointInside.ts';
import { scanlineOverlaps } from './scanlineOverlap.ts';

export interface Crosswalk {
  method: 'area' | 'population';
  sourceCodes: string[];
  targetCodes: string[];
  /** Sparse triplets (source index, target index, share), sorted by source then target. */
  source: Int32Array;
  target: Int32Array;
  /** Share of the source unit in the target; per source the shares sum to 1 where covered. */
  share: Float64Array;
  /** Size of each source unit as the method measured it: population found in it, or area in m². */
  sourceWeight: Float64Array;
  /** Source codes apportioned by area because no population point fell in them (population method). */
  areaFallback: string[];
  /** Source codes with no overlap with any target: they have no triplets. */
  uncovered: string[];
  notes: string[];
}

export interface CrosswalkOptions {
  sourceKey: string;
  targetKey: string;
  /** Shares below this are dropped and the rest renormalised (default 0: keep all). */
  minShare?: number;
}

type Areal = Feature<Polygon | MultiPolygon>;

export interface AreaCrosswalkOptions extends CrosswalkOptions {
  /**
   * How overlap areas are measured: 'clip' (default) intersects the polygons exactly (turf,
   * geodesic areas; about 80 s for 625 × 633 London wards); 'scanline' integrates along lines
   * `stepMetres` apart (default 5 m; src/geo/scanlineOverlap.ts; a few seconds, shares within
   * a fraction of a percent).
   */
  engine?: 'clip' | 'scanline';
  stepMetres?: number;
}

/** Areal-weighting crosswalk (Goodchild & Lam 1980): shares of each source unit's area. */
export function areaCrosswalk(
  source: FeatureCollection,
  target: FeatureCollection,
  opts: AreaCrosswalkOptions,
): Crosswalk {
  const src = polygonsOf(source, 'source');
  const tgt = polygonsOf(target, 'target');
  const sourceCodes = codesOf(src, opts.sourceKey, 'source');
  const targetCodes = codesOf(tgt, opts.targetKey, 'target');
  const all = src.map((_, i) => i);
  const { pieces, sourceArea } =
    opts.engine === 'scanline'
      ? scanlinePieces(src, tgt, localFrame(source), opts.stepMetres ?? 5)
      : overlapAreas(src, tgt, all, sourceCodes, targetCodes);
  const notes = [coverageNote(pieces, sourceArea, sourceCodes)];
  if (opts.engine === 'scanline')
    notes.push(`overlap areas by scanline integration, lines ${opts.stepMetres ?? 5} m apart`);
  return assemble('area', sourceCodes, targetCodes, pieces, sourceArea, [], notes, opts.minShare ?? 0);
}

export interface PopulationCrosswalkOptions extends CrosswalkOptions {
  /** Point property holding the population (a finite number ≥ 0). */
  populationKey: string;
}

/**
 * Population-weighted crosswalk: each point (e.g. an LSOA's interior point) carries its
 * population to the source and target units it falls in.
 */
export function populationCrosswalk(
  source: FeatureCollection,
  target: FeatureCollection,
  points: FeatureCollection<Point>,
  opts: PopulationCrosswalkOptions,
): Crosswalk {
  const src = polygonsOf(source, 'source');
  const tgt = polygonsOf(target, 'target');
  const sourceCodes = codesOf(src, opts.sourceKey, 'source');
  const targetCodes = codesOf(tgt, opts.targetKey, 'target');
  const pop = populationsOf(points, opts.populationKey);
  const inSource = locatePoints(points, src);
  const inTarget = locatePoints(points, tgt);

  const pieces: Map<number, number>[] = src.map(() => new Map());
  const sourcePop = new Float64Array(src.length);
  let outsideSources = 0;
  let outsideSourcesPop = 0;
  let outsideTargets = 0;
  let outsideTargetsPop = 0;
  for (let p = 0; p < pop.length; p++) {
    const s = inSource[p];
    if (s < 0) {
      outsideSources++;
      outsideSourcesPop += pop[p];
      continue;
    }
    sourcePop[s] += pop[p];
    const t = inTarget[p];
    if (t < 0) {
      outsideTargets++;
      outsideTargetsPop += pop[p];
      continue;
    }
    pieces[s].set(t, (pieces[s].get(t) ?? 0) + pop[p]);
  }
  const notes = [
    `${pop.length} population points; ${outsideSources} outside every source unit (population ${outsideSourcesPop} ignored); ` +
      `${outsideTargets} inside a source unit but outside every target unit (population ${outsideTargetsPop} not apportioned: the shares of their source units are renormalised over the targets their other points reach)`,
  ];

  // Source units that no populated point links to a target are apportioned by area instead.
  const empty = src.map((_, i) => i).filter((i) => sumValues(pieces[i]) === 0);
  if (empty.length > 0) {
    const { pieces: byArea } = overlapAreas(src, tgt, empty, sourceCodes, targetCodes);
    for (const i of empty) pieces[i] = byArea[i];
  }
  const fallback = empty.filter((i) => pieces[i].size > 0).map((i) => sourceCodes[i]);
  if (fallback.length > 0) {
    notes.push(
      `${fallback.length} source units contain no population point reaching a target and were apportioned by area: ${fallback.join(' ')}`,
    );
  }
  return assemble('population', sourceCodes, targetCodes, pieces, sourcePop, fallback, notes, opts.minShare ?? 0);
}

export interface DasymetricCrosswalkOptions extends PopulationCrosswalkOptions {
  /** Scanline spacing for the overlap areas, m (default 5). */
  stepMetres?: number;
  /**
   * Parts of a small area in a target smaller than this share of the small area are treated as
   * boundary noise (generalised vs full-resolution lines) and dropped (default 0.01).
   */
  minSplitShare?: number;
}

/**
 * Population crosswalk with small areas split by area: each small area (e.g. an LSOA) belongs
 * to the source unit containing its interior point (small areas nest in source units), and its
 * population is shared among targets in proportion to the area of it each covers:
 *   w_ij = Σ_{l ∈ A_i} P_l · |l ∩ B_j| / Σ_k |l ∩ B_k|,   s_ij = w_ij / Σ_k w_ik
 * (areal weighting inside each small area; the "intelligent" two-step dasymetric estimate of
 * Mennis 2003 with small areas as the ancillary zones). Overlap areas by scanline
 * (src/geo/scanlineOverlap.ts). Reported as method "population".
 */
export function dasymetricCrosswalk(
  source: FeatureCollection,
  target: FeatureCollection,
  smallAreas: FeatureCollection,
  opts: DasymetricCrosswalkOptions,
): Crosswalk {
  const small = polygonsOf(smallAreas, 'small-area');
  const points: FeatureCollection<Point> = {
    type: 'FeatureCollection',
    features: small.map((f) => ({
      type: 'Feature',
      properties: f.properties,
      geometry: { type: 'Point', coordinates: pointInside(f.geometry) },
    })),
  };
  // The point method gives the source of each small area and the fallback target.
  const byPoint = populationCrosswalk(source, target, points, opts);
  const tgt = polygonsOf(target, 'target');
  const pop = populationsOf(points, opts.populationKey);
  const inSource = locatePoints(points, polygonsOf(source, 'source'));
  const inTarget = locatePoints(points, tgt);
  const ov = scanlineOverlaps(small, tgt, localFrame(target), opts.stepMetres ?? 5);
  const minSplit = opts.minSplitShare ?? 0.01;

  const pieces: Map<number, number>[] = byPoint.sourceCodes.map(() => new Map());
  let k = 0;
  let noOverlap = 0;
  let dropped = 0;
  for (let l = 0; l < small.length; l++) {
    const parts: [number, number][] = [];
    for (; k < ov.a.length && ov.a[k] === l; k++) parts.push([ov.b[k], ov.areaM2[k]]);
    const s = inSource[l];
    if (s < 0) continue;
    const total = parts.reduce((acc, [, a]) => acc + a, 0);
    const kept = parts.filter(([, a]) => total > 0 && a / total >= minSplit);
    dropped += parts.length - kept.length;
    const keptTotal = kept.reduce((acc, [, a]) => acc + a, 0);
    if (keptTotal <= 0) {
      noOverlap++;
      if (inTarget[l] >= 0) pieces[s].set(inTarget[l], (pieces[s].get(inTarget[l]) ?? 0) + pop[l]);
      continue;
    }
    for (const [t, a] of kept) pieces[s].set(t, (pieces[s].get(t) ?? 0) + (pop[l] * a) / keptTotal);
  }
  const notes = [
    `${small.length} small areas assigned to source units by interior point and split over targets by area (scanline step ${opts.stepMetres ?? 5} m); ` +
      `${dropped} parts under ${minSplit} of their small area dropped as boundary noise; ${noOverlap} small areas overlapping no target kept whole at their point's target`,
    ...byPoint.notes,
  ];
  // Sources that no small area reaches keep the point method's result (its area fallback).
  const fallback = byPoint.areaFallback.filter((c) => pieces[byPoint.sourceCodes.indexOf(c)].size === 0);
  const idx = new Map(byPoint.sourceCodes.map((c, i) => [c, i]));
  for (const c of fallback) {
    const i = idx.get(c) as number;
    for (let q = 0; q < byPoint.share.length; q++)
      if (byPoint.source[q] === i) pieces[i].set(byPoint.target[q], byPoint.share[q]);
  }
  return assemble(
    'population',
    byPoint.sourceCodes,
    byPoint.targetCodes,
    pieces,
    byPoint.sourceWeight,
    fallback,
    notes,
    opts.minShare ?? 0,
  );
}

export interface ApportionOptions {
  /** Largest tolerated missing share of a target's inflow (default 0; see the module comment). */
  maxMissingShare?: number;
}

/** Counts by target: y_j = Σ_i s_ij x_i, with missing sources handled as in the module comment. */
export function apportionCounts(cw: Crosswalk, values: Float64Array, opts: ApportionOptions = {}): Float64Array {
  checkLength(cw, values, 'values');
  return apportion(cw, values, cw.sourceWeight, false, opts.maxMissingShare ?? 0).value;
}

/**
 * Rates by target as the mean of source rates weighted by apportioned population:
 * r_j = Σ_i s_ij P_i r_i / Σ_i s_ij P_i. A source with a missing rate or population is missing.
 */
export function apportionRates(
  cw: Crosswalk,
  rates: Float64Array,
  sourcePopulation: Float64Array,
  opts: ApportionOptions = {},
): Float64Array {
  checkLength(cw, rates, 'rates');
  checkLength(cw, sourcePopulation, 'sourcePopulation');
  const present = new Float64Array(rates.length);
  for (let i = 0; i < rates.length; i++) present[i] = Number.isFinite(sourcePopulation[i]) ? rates[i] : NaN;
  return apportion(cw, present, sourcePopulation, true, opts.maxMissingShare ?? 0).value;
}

/** Per target, the share of its inflow (weighted by source size) that comes from sources whose value is NaN. */
export function missingShares(cw: Crosswalk, values: Float64Array): Float64Array {
  checkLength(cw, values, 'values');
  return apportion(cw, values, cw.sourceWeight, false, 1).missingShare;
}

function apportion(
  cw: Crosswalk,
  values: Float64Array,
  weight: Float64Array,
  mean: boolean,
  maxMissingShare: number,
): { value: Float64Array; missingShare: Float64Array } {
  const nt = cw.targetCodes.length;
  const sum = new Float64Array(nt);
  const denom = new Float64Array(nt);
  const inflow = new Float64Array(nt);
  const missingInflow = new Float64Array(nt);
  const contributors = new Int32Array(nt);
  const missingContributors = new Int32Array(nt);
  // Shares alone weigh the inflow where the sizes of all contributors are unknown or zero.
  const shareInflow = new Float64Array(nt);
  const shareMissing = new Float64Array(nt);
  for (let k = 0; k < cw.share.length; k++) {
    const s = cw.source[k];
    const t = cw.target[k];
    const sh = cw.share[k];
    const w = Number.isFinite(weight[s]) && weight[s] > 0 ? sh * weight[s] : 0;
    const v = values[s];
    contributors[t]++;
    inflow[t] += w;
    shareInflow[t] += sh;
    if (Number.isNaN(v)) {
      missingContributors[t]++;
      missingInflow[t] += w;
      shareMissing[t] += sh;
    } else if (mean) {
      sum[t] += w * v;
      denom[t] += w;
    } else {
      sum[t] += sh * v;
    }
  }
  const value = new Float64Array(nt);
  const missingShare = new Float64Array(nt);
  for (let t = 0; t < nt; t++) {
    const m = inflow[t] > 0 ? missingInflow[t] / inflow[t] : shareInflow[t] > 0 ? shareMissing[t] / shareInflow[t] : 1;
    missingShare[t] = m;
    const allMissing = contributors[t] === 0 || missingContributors[t] === contributors[t];
    if (allMissing || m > maxMissingShare || (mean && denom[t] === 0)) value[t] = NaN;
    else value[t] = mean ? sum[t] / denom[t] : sum[t];
  }
  return { value, missingShare };
}

function checkLength(cw: Crosswalk, a: Float64Array, name: string): void {
  if (a.length !== cw.sourceCodes.length) {
    throw new InputError(
      `${name} has ${a.length} entries but the crosswalk has ${cw.sourceCodes.length} source units`,
      {
        field: name,
        expected: 'one value per crosswalk source code, in sourceCodes order',
      },
    );
  }
}

function polygonsOf(fc: FeatureCollection, role: string): Areal[] {
  fc.features.forEach((f, i) => {
    const t = f.geometry?.type;
    if (t !== 'Polygon' && t !== 'MultiPolygon') {
      throw new InputError(`${role} feature ${i} is a ${t ?? 'null geometry'}`, {
        field: `${role}.features[${i}].geometry`,
        expected: 'Polygon or MultiPolygon',
      });
    }
  });
  return fc.features as Areal[];
}

/** The codes of the features, read from a property; each must be present and unique. */
export function codesOf(features: Feature[], key: string, role: string): string[] {
  const seen = new Set<string>();
  return features.map((f, i) => {
    const v = f.properties?.[key];
    const field = `${role}.features[${i}].properties.${key}`;
    if (v === undefined || v === null || v === '')
      throw new InputError(`${role} feature ${i} has no "${key}"`, { field, expected: 'a code' });
    const code = String(v);
    if (seen.has(code)) throw new InputError(`${role} code ${code} appears twice`, { field, expected: 'unique codes' });
    seen.add(code);
    return code;
  });
}

function populationsOf(points: FeatureCollection<Point>, key: string): Float64Array {
  return Float64Array.from(points.features, (f, i) => {
    const v = f.properties?.[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || f.geometry?.type !== 'Point') {
      throw new InputError(
        `population point ${i} has ${f.geometry?.type !== 'Point' ? 'no Point geometry' : `"${key}" = ${String(v)}`}`,
        {
          field: `points.features[${i}].properties.${key}`,
          expected: 'a Point with a finite population ≥ 0',
        },
      );
    }
    return v;
  });
}

/** Flat `minX, minY, maxX, maxY` boxes of features, for GridIndex. */
export function featureBoxes(features: Feature[]): Float64Array {
  const boxes = new Float64Array(4 * features.length);
  features.forEach((f, i) => boxes.set(bbox(f).slice(0, 4), 4 * i));
  return boxes;
}

/** Index of the polygon containing each point (−1 if none; the lowest index if several). */
export function locatePoints(points: FeatureCollection<Point>, polygons: Areal[]): Int32Array {
  const index = new GridIndex(featureBoxes(polygons));
  return Int32Array.from(points.features, (p) => {
    const [x, y] = p.geometry.coordinates;
    let found = -1;
    index.query(x, y, x, y, (j) => {
      if ((found < 0 || j < found) && booleanPointInPolygon([x, y], polygons[j])) found = j;
    });
    return found;
  });
}

/** Areas (m², geodesic, turf) of the overlaps of chosen source units with every target. */
function overlapAreas(
  src: Areal[],
  tgt: Areal[],
  which: number[],
  sourceCodes: string[],
  targetCodes: string[],
): { pieces: Map<number, number>[]; sourceArea: Float64Array } {
  const index = new GridIndex(featureBoxes(tgt));
  const pieces: Map<number, number>[] = src.map(() => new Map());
  const sourceArea = new Float64Array(src.length);
  for (const i of which) {
    sourceArea[i] = area(src[i]);
    const [x0, y0, x1, y1] = bbox(src[i]);
    const candidates: number[] = [];
    index.query(x0, y0, x1, y1, (j) => candidates.push(j));
    candidates.sort((a, b) => a - b);
    for (const j of candidates) {
      let piece;
      try {
        piece = intersect(featureCollection([src[i], tgt[j]]));
      } catch (e) {
        throw new InputError(
          `cannot intersect source ${sourceCodes[i]} with target ${targetCodes[j]}: ${(e as Error).message}`,
          {
            field: `source ${sourceCodes[i]}`,
            expected: 'valid polygons (repair them first, e.g. with make_valid)',
          },
        );
      }
      const a = piece ? area(piece) : 0;
      if (a > 0) pieces[i].set(j, a);
    }
  }
  return { pieces, sourceArea };
}

/** Overlap areas of every source with every target, by scanline, as per-source maps. */
function scanlinePieces(
  src: Areal[],
  tgt: Areal[],
  frame: LocalFrame,
  step: number,
): { pieces: Map<number, number>[]; sourceArea: Float64Array } {
  const ov = scanlineOverlaps(src, tgt, frame, step);
  const pieces: Map<number, number>[] = src.map(() => new Map());
  for (let k = 0; k < ov.a.length; k++) pieces[ov.a[k]].set(ov.b[k], ov.areaM2[k]);
  return { pieces, sourceArea: ov.areaA };
}

function coverageNote(pieces: Map<number, number>[], sourceArea: Float64Array, codes: string[]): string {
  let worst = 1;
  let worstCode = '';
  let below = 0;
  pieces.forEach((m, i) => {
    if (sourceArea[i] <= 0 || m.size === 0) return;
    const c = sumValues(m) / sourceArea[i];
    if (c < 0.99) below++;
    if (c < worst) {
      worst = c;
      worstCode = codes[i];
    }
  });
  return `area coverage of source units by targets: lowest ${(100 * worst).toFixed(2)} %${worstCode ? ` (${worstCode})` : ''}; ${below} source units below 99 % (shares renormalised over the covered part)`;
}

function sumValues(m: Map<number, number>): number {
  let s = 0;
  for (const v of m.values()) s += v;
  return s;
}

function assemble(
  method: Crosswalk['method'],
  sourceCodes: string[],
  targetCodes: string[],
  pieces: Map<number, number>[],
  sourceWeight: Float64Array,
  areaFallback: string[],
  notes: string[],
  minShare: number,
): Crosswalk {
  const s: number[] = [];
  const t: number[] = [];
  const sh: number[] = [];
  const uncovered: string[] = [];
  let dropped = 0;
  pieces.forEach((m, i) => {
    const total = sumValues(m);
    const kept = [...m.entries()].filter(([, v]) => total > 0 && v / total >= minShare).sort((a, b) => a[0] - b[0]);
    dropped += m.size - kept.length;
    const keptTotal = kept.reduce((acc, [, v]) => acc + v, 0);
    if (keptTotal <= 0) {
      uncovered.push(sourceCodes[i]);
      return;
    }
    for (const [j, v] of kept) {
      s.push(i);
      t.push(j);
      sh.push(v / keptTotal);
    }
  });
  if (minShare > 0) notes.push(`${dropped} shares below ${minShare} dropped and the rest renormalised`);
  if (uncovered.length > 0) notes.push(`${uncovered.length} source units overlap no target: ${uncovered.join(' ')}`);
  return {
    method,
    sourceCodes,
    targetCodes,
    source: Int32Array.from(s),
    target: Int32Array.from(t),
    share: Float64Array.from(sh),
    sourceWeight,
    areaFallback,
    uncovered,
    notes,
  };
}
