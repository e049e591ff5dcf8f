/**
 * Step "reference": the set of areas whose values feed the statistics of outlier treatment and
 * normalisation (means, SDs, minima, maxima, medians, ranks, skewness, kurtosis) — by default
 * the areas the framework ranks (`methods.statistics.over: ranked`), so an area that is not
 * ranked (the City of London, with no police data) cannot move anyone else's scores.
 *
 * "Ranked" is decided from which values are present after the run's imputation, with the
 * framework's own weights, every indicator with data and the coverage thresholds of
 * aggregation (measures' and categories' `min_coverage`, `methods.combine.min_coverage`):
 * an area is a member when it would get an index. The set does not depend on the run's other
 * choices (weights, indicators left out), so every run of a robustness analysis with the same
 * imputation shares it. `over: all` uses every area with a value.
 */
import type { Framework, IndicatorSpec, Methods } from '../framework.ts';
import type { Areas, StepRecord } from '../types.ts';
import { impute } from './impute.ts';
import { aggregateGroups, categoryGroups, measureGroups } from './aggregate.ts';
import { weightedRowMean } from '../stats/weightedMean.ts';

/** The parts of a `Prepared` run the reference set reads. */
export interface ReferenceInputs {
  framework: Framework;
  specs: readonly IndicatorSpec[];
  raw: Readonly<Record<string, Float64Array>>;
  areas: Areas;
}

export interface ReferenceSet {
  /** 1 = member; undefined = every area (nothing to exclude). */
  ref: Uint8Array | undefined;
  members: number;
  record: StepRecord;
}

export function referenceSet(prepared: ReferenceInputs, methods: Methods): ReferenceSet {
  const n = prepared.areas.codes.length;
  const over = methods.statistics?.over ?? 'ranked';
  if (over === 'all')
    return {
      ref: undefined,
      members: n,
      record: { step: 'reference', settings: { over }, notes: ['statistics over every area with a value'] },
    };
  const ranked = rankable(prepared, methods);
  let members = 0;
  for (let i = 0; i < n; i++) members += ranked[i];
  const outside = prepared.areas.codes.filter((_, i) => ranked[i] === 0);
  if (members === n || members === 0) {
    const why = members === 0 ? 'no area would be ranked; statistics over every area' : 'every area is ranked';
    return {
      ref: undefined,
      members: n,
      record: { step: 'reference', settings: { over, members: n, areas: n }, notes: [why] },
    };
  }
  const listed = outside.length <= 20 ? `: ${outside.join(', ')}` : '';
  return {
    ref: ranked,
    members,
    record: {
      step: 'reference',
      settings: { over, members, areas: n },
      notes: [
        `${outside.length} area(s) not ranked left out of the statistics of treatment and normalisation${listed}`,
      ],
    },
  };
}

/**
 * 1 where an area would get an index under the framework's own weights (presence only). The
 * answer is row by row and depends only on which indicators a row has, so it is worked out once
 * per presence pattern (England: 32,844 areas, one pattern) and handed to every area with it.
 */
export function rankable(prepared: ReferenceInputs, methods: Methods): Uint8Array {
  const { specs, raw, areas } = prepared;
  const n = areas.codes.length;
  const columns: Record<string, Float64Array> = {};
  for (const s of specs) columns[s.id] = raw[s.id];
  const filled = impute(columns, methods.impute.method, areas.parent, areas.parentCodes.length).columns;
  const ids = Object.keys(filled);
  // each area's pattern as bit masks (bit k of word ⌊k/30⌋: indicator k present), numbered in
  // order of appearance
  const words = Math.max(1, Math.ceil(ids.length / 30));
  const mask = new Int32Array(n * words);
  for (let k = 0; k < ids.length; k++) {
    const col = filled[ids[k]];
    const word = Math.floor(k / 30);
    const bit = 1 << (k % 30);
    for (let i = 0; i < n; i++) if (col[i] === col[i]) mask[i * words + word] |= bit;
  }
  const numberOf = new Map<number | string, number>();
  const firstRow: number[] = [];
  const pattern = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const key = words === 1 ? mask[i] : mask.subarray(i * words, (i + 1) * words).join(',');
    let p = numberOf.get(key);
    if (p === undefined) {
      p = firstRow.length;
      firstRow.push(i);
      numberOf.set(key, p);
    }
    pattern[i] = p;
  }
  // one row per pattern (its first area's values), then every area takes its pattern's answer
  const rows: Record<string, Float64Array> = {};
  for (const id of ids) {
    const col = filled[id];
    const row = new Float64Array(firstRow.length);
    for (let p = 0; p < firstRow.length; p++) row[p] = col[firstRow[p]];
    rows[id] = row;
  }
  const perPattern = rankableRows(prepared, methods, rows, firstRow.length);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = perPattern[pattern[i]];
  return out;
}

/** 1 where a row of `columns` (NaN = missing) would get an index under the framework's own weights: row by row. */
export function rankableRows(
  prepared: ReferenceInputs,
  methods: Methods,
  columns: Record<string, Float64Array>,
  n: number,
): Uint8Array {
  const { framework, specs } = prepared;
  const presence: Record<string, Float64Array> = {};
  for (const [id, col] of Object.entries(columns)) presence[id] = presenceOf(col);
  const mGroups = measureGroups(
    framework.measures,
    new Map(specs.map((s) => [s.id, s.measure])),
    Object.fromEntries(specs.map((s) => [s.id, s.weight])),
  );
  const measures = aggregateGroups(mGroups, presence, 'arithmetic', n).scores;
  const cGroups = categoryGroups(
    framework.categories,
    framework.measures,
    new Set(mGroups.map((g) => g.id)),
    Object.fromEntries(framework.measures.map((m) => [m.id, m.weight])),
  );
  const categories = aggregateGroups(cGroups, measures, 'arithmetic', n).scores;
  const index = weightedRowMean(
    cGroups.map((g) => categories[g.id]),
    cGroups.map((g) => framework.categories.find((c) => c.id === g.id)!.weight),
    'arithmetic',
    methods.combine.min_coverage,
    n,
  ).value;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = index[i] === index[i] ? 1 : 0;
  return out;
}

/**
 * 1 where a value is present, NaN where missing. (A plain loop:
 * TypedArray.from with a map function runs ≈ 20× slower in V8.)
 */
function presenceOf(col: Float64Array): Float64Array {
  const out = new Float64Array(col.length);
  for (let i = 0; i < col.length; i++) out[i] = col[i] === col[i] ? 1 : NaN;
  return out;
}
