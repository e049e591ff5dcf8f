/**
 * The Monte Carlo fast path: `score()`'s pipeline from the prepared data to ranks, through the
 * same stage functions, skipping what a run does not need (treatment records, evidence notes,
 * borough summaries, ranks within boroughs, the run log) and computing nothing twice.
 *
 * A run calls exactly what `score()` calls, in the same order with the same arguments:
 *
 *   data     core `prepare()` on the run's indicator-table patches (dataVariants.ts), then
 *            `indicatorInputs` (smoothed rates where declared)
 *   columns  core `impute` → `referenceSet` → `treat` → `normalise` → `rescaleIndicator` when
 *            `rescalesIndicators` (the positive scale geometric means need)
 *   weights  core `indicatorWeights` (declared, or PCA-derived)
 *   measures core `measureGroups` + `aggregateGroups` (indicators → measures)
 *   categories core `categoryGroups` + `aggregateGroups` (measures → categories)
 *   index    core `combineColumns` (the combine step's arithmetic, into buffers reused across runs)
 *   rank     core `rankDescending` (the rank step's priority rank, into a buffer reused across runs)
 *
 * so its index and ranks equal `score()`'s to the last bit (tested). What it adds is caching,
 * every cache keyed by a stable serialisation (`stableKey`) of exactly the settings the cached
 * stage reads — never a hand-built string:
 *
 * - the reference set of the statistics per {data, impute, statistics, combine.min_coverage}
 *   (what `referenceSet` reads); normalised columns per {reference, treat, normalise, rescale}
 *   (imputation, treatment and normalisation act on each indicator column on its own, so they do
 *   not depend on weights, on which indicator is left out or on stand-ins), the treated columns
 *   (the costly part) per {reference, treat};
 * - when indicator weights are not perturbed, each measure's score per {columns, method, group}
 *   (the group: its id, members present, weights and coverage threshold) and each run's measure
 *   layout per {columns, method, omit, stand-ins}, so such a run only aggregates categories,
 *   combines and ranks.
 *
 * Runs with the same method and data choices receive the same `methods` and `data` objects
 * (`runOptions`), so a run finds its data and columns by those objects' identity and the keys
 * above are serialised once per combination of choices, not once per run.
 */
import type { Methods } from '../core/framework.ts';
import { indicatorInputs, type Prepared } from '../core/run.ts';
import { impute } from '../core/steps/impute.ts';
import { treat } from '../core/steps/treat.ts';
import { normalise } from '../core/steps/normalise.ts';
import { aggregateGroups, categoryGroups, measureGroups, type Group } from '../core/steps/aggregate.ts';
import { referenceSet } from '../core/steps/referenceSet.ts';
import { rescaleIndicator, rescalesIndicators } from '../core/steps/positiveScale.ts';
import { indicatorWeights } from '../core/steps/deriveWeights.ts';
import { combineColumns } from '../core/steps/combine.ts';
import type { RowMeanBuffers } from '../core/stats/weightedMean.ts';
import { rankDescending } from '../core/stats/rankDescending.ts';
import { PreparedVariants, type DataVariants, type SpecPatches } from './dataVariants.ts';
import type { RunOptions } from './design.ts';
import { stableKey } from './factorSpec.ts';

export type { RunOptions } from './design.ts';

export interface FastResult {
  index: Float64Array;
  rank: Float64Array;
  /** Measures and categories with data nominally but none in this run (weights renormalised). */
  emptied: string[];
}

interface Columns {
  /** stableKey of the settings the columns depend on. */
  key: string;
  /** A short stand-in for `key` in the keys of caches built on these columns (same one-to-one meaning). */
  id: string;
  normalised: Record<string, Float64Array>;
  /** The reference set of the statistics (undefined: every area). */
  ref: Uint8Array | undefined;
}

/** Normalised columns of every indicator with data (as aggregation reads them), per the settings they depend on. */
export class NormalisedCache {
  private readonly byKey = new Map<string, Columns>();
  /** Reference sets of the statistics per {data, impute, statistics, combine coverage} (what `referenceSet` reads). */
  private readonly refs = new Map<string, Uint8Array | undefined>();
  /** Treated columns per {reference key, treat}: shared by every normalisation method. */
  private readonly treated = new Map<string, Record<string, Float64Array>>();

  get size(): number {
    return this.byKey.size;
  }

  columns(prepared: Prepared, dataKey: string, methods: Methods): Columns {
    const refKey = stableKey({
      data: dataKey,
      impute: methods.impute,
      statistics: methods.statistics,
      coverage: methods.combine.min_coverage,
    });
    const rescale = rescalesIndicators(methods);
    const key = stableKey({ reference: refKey, treat: methods.treat, normalise: methods.normalise, rescale });
    let cols = this.byKey.get(key);
    if (!cols) {
      const { specs, areas } = prepared;
      if (!this.refs.has(refKey)) this.refs.set(refKey, referenceSet(prepared, methods).ref);
      const ref = this.refs.get(refKey);
      const treatKey = stableKey({ reference: refKey, treat: methods.treat });
      let treated = this.treated.get(treatKey);
      if (!treated) {
        // as score(): smoothed rates where the table declares smoothing, crude values elsewhere
        const im = impute(indicatorInputs(prepared), methods.impute.method, areas.parent, areas.parentCodes.length);
        this.treated.set(treatKey, (treated = treat(specs, im.columns, methods.treat, ref).columns));
      }
      const directions = Object.fromEntries(specs.map((s) => [s.id, s.direction]));
      const normalised = normalise(treated, directions, methods.normalise, ref, specs).columns;
      if (rescale) for (const id of Object.keys(normalised)) normalised[id] = rescaleIndicator(normalised[id], ref);
      cols = { key, id: `c${this.byKey.size}`, normalised, ref };
      this.byKey.set(key, cols);
    }
    return cols;
  }
}

/** A run's measures: the groups `score()` forms and their score columns. */
interface MeasureLayout {
  groups: Group[];
  scores: Record<string, Float64Array>;
  ids: Set<string>;
}

export class FastScorer {
  private readonly n: number;
  private readonly cache = new NormalisedCache();
  private readonly variants: PreparedVariants;
  private readonly rank: Float64Array;
  /** Per category with data nominally (framework order): its measures with an indicator with data. */
  private readonly nominalLayout: { id: string; measures: string[] }[];
  /** Measure scores per {columns, method} and then per group (its id, members, weights, coverage threshold). */
  private readonly measureScores = new Map<string, Map<string, Float64Array>>();
  private readonly groupsByChoice = new Map<string, Group[]>();
  private readonly groupKeys = new WeakMap<Group, string>();
  /** Measure layouts per {columns, method, omit, stand-ins} (indicator weights nominal). */
  private readonly layouts = new Map<string, MeasureLayout>();
  private readonly categoryById: Map<string, Prepared['framework']['categories'][number]>;
  /** Exponentially transformed category scores (one per category) and the index buffers, reused across runs. */
  private readonly transformed: Float64Array[];
  private readonly indexOut: RowMeanBuffers;
  /** Category score buffers (one per framework category, used in group order), reused across runs. */
  private readonly categoryOut: RowMeanBuffers[];
  private readonly coveredOut: RowMeanBuffers;
  /** A run's data and normalised columns per (methods, data patches) object pair: see `runColumns`. */
  private readonly columnsOf = new WeakMap<Methods, WeakMap<SpecPatches, { prepared: Prepared; cols: Columns }>>();
  /** Geometric-mean inputs (logarithms) of cached columns: core aggregateGroups' `logMemo`. */
  private readonly logMemo = new WeakMap<Float64Array, Float64Array>();

  constructor(
    private readonly prepared: Prepared,
    data?: DataVariants,
  ) {
    this.n = prepared.areas.codes.length;
    this.variants = new PreparedVariants(prepared, data);
    this.rank = new Float64Array(this.n);
    this.transformed = prepared.framework.categories.map(() => new Float64Array(this.n));
    this.indexOut = { value: new Float64Array(this.n), coverage: new Float64Array(this.n) };
    this.coveredOut = { value: new Float64Array(this.n), coverage: new Float64Array(this.n) };
    this.categoryOut = prepared.framework.categories.map(() => ({
      value: new Float64Array(this.n),
      coverage: new Float64Array(this.n),
    }));
    const withData = new Set(prepared.specs.map((s) => s.measure));
    this.nominalLayout = prepared.framework.categories
      .map((c) => ({
        id: c.id,
        measures: prepared.framework.measures.filter((m) => m.category === c.id && withData.has(m.id)).map((m) => m.id),
      }))
      .filter((c) => c.measures.length > 0);
    this.categoryById = new Map(prepared.framework.categories.map((c) => [c.id, c]));
  }

  /** Normalisation combinations computed so far. */
  get combinations(): number {
    return this.cache.size;
  }

  score(options: RunOptions): FastResult {
    const { framework } = this.prepared;
    const { methods, weights: w } = options;
    const n = this.n;
    const { prepared, cols } = this.runColumns(options);
    const m =
      w.indicators === undefined
        ? this.cachedMeasures(prepared, cols, options)
        : this.measures(prepared, cols, options, false);
    // as score(): measures → categories → index
    const measureWeight: Record<string, number> = {};
    for (const x of framework.measures) measureWeight[x.id] = w.measures?.[x.id] ?? x.weight;
    const cGroups = categoryGroups(framework.categories, framework.measures, m.ids, measureWeight);
    const categoriesOut = aggregateGroups(
      cGroups,
      m.scores,
      methods.aggregate.measures,
      n,
      this.logMemo,
      this.categoryOut,
    );
    const categoryWeight: Record<string, number> = {};
    for (const g of cGroups) categoryWeight[g.id] = w.categories?.[g.id] ?? this.categoryById.get(g.id)!.weight;
    // as combine(): the categories in group order, their weights, the combination's method and coverage
    const ids = cGroups.map((g) => g.id);
    const scratch = { transformed: this.transformed, into: this.indexOut, covered: this.coveredOut };
    const index = combineColumns(
      ids.map((id) => categoriesOut.scores[id]),
      ids.map((id) => categoryWeight[id]),
      methods.combine.method,
      methods.combine.min_coverage,
      n,
      scratch,
    ).value;
    return { index, rank: rankDescending(index, this.rank), emptied: this.emptied(m.ids, cGroups) };
  }

  /**
   * The run's data and normalised columns. They depend on its methods and data patches only, and
   * runs with the same discrete choices share those objects (`runOptions`), so the keys are
   * computed once per pair of objects rather than once per run; the caches under them stay
   * keyed by `stableKey`.
   */
  private runColumns(options: RunOptions): { prepared: Prepared; cols: Columns } {
    const { methods, data } = options;
    let byData = this.columnsOf.get(methods);
    if (!byData) this.columnsOf.set(methods, (byData = new WeakMap()));
    let found = byData.get(data);
    if (!found) {
      const dataKey = PreparedVariants.key(data);
      const prepared = this.variants.get(data, dataKey);
      byData.set(data, (found = { prepared, cols: this.cache.columns(prepared, dataKey, methods) }));
    }
    return found;
  }

  /** The measures of a run whose indicator weights are nominal: one layout per {columns, method, omit, stand-ins}. */
  private cachedMeasures(prepared: Prepared, cols: Columns, options: RunOptions): MeasureLayout {
    const key = stableKey({
      columns: cols.id,
      method: options.methods.aggregate.indicators,
      weights: options.methods.weights,
      omit: options.omit,
      boroughStandIns: options.boroughStandIns,
    });
    let layout = this.layouts.get(key);
    if (!layout) this.layouts.set(key, (layout = this.measures(prepared, cols, options, true)));
    return layout;
  }

  /** `score()`'s measure step: the run's indicators (left-out and switched-off ones dropped), grouped and aggregated. */
  private measures(prepared: Prepared, cols: Columns, options: RunOptions, reuse: boolean): MeasureLayout {
    const { methods, weights: w } = options;
    const method = methods.aggregate.indicators;
    if (!reuse) {
      const groups = this.measureGroupsOf(prepared, cols, options, w.indicators);
      return {
        groups,
        scores: aggregateGroups(groups, cols.normalised, method, this.n, this.logMemo).scores,
        ids: new Set(groups.map((g) => g.id)),
      };
    }
    const groups = this.nominalGroups(prepared, cols, options);
    const slotKey = stableKey({ columns: cols.id, method });
    let slot = this.measureScores.get(slotKey);
    if (!slot) this.measureScores.set(slotKey, (slot = new Map()));
    const scores: Record<string, Float64Array> = {};
    for (const g of groups) {
      const key = this.groupKey(g);
      let s = slot.get(key);
      if (!s) slot.set(key, (s = aggregateGroups([g], cols.normalised, method, this.n, this.logMemo).scores[g.id]));
      scores[g.id] = s;
    }
    return { groups, scores, ids: new Set(groups.map((g) => g.id)) };
  }

  /** core `indicatorWeights` and `measureGroups` over the run's indicators, as `score()` forms them. */
  private measureGroupsOf(
    prepared: Prepared,
    cols: Columns,
    options: RunOptions,
    overrides: Readonly<Record<string, number>> | undefined,
  ): Group[] {
    const { omit, boroughStandIns, methods } = options;
    const specs = prepared.specs.filter((s) => !omit.includes(s.id) && (boroughStandIns || s.level !== 'borough'));
    const indicatorWeight = indicatorWeights(specs, cols.normalised, methods.weights, cols.ref, overrides).weights;
    return measureGroups(prepared.framework.measures, new Map(specs.map((s) => [s.id, s.measure])), indicatorWeight);
  }

  /**
   * Measure groups without indicator-weight overrides. `indicatorWeights` reads the normalised
   * columns only to derive weights (methods.weights.indicators: pca); declared weights depend on
   * {omit, stand-ins} alone (every data variant has the same indicators), so the key holds the
   * columns only when they are read.
   */
  private nominalGroups(prepared: Prepared, cols: Columns, options: RunOptions): Group[] {
    const { methods, omit, boroughStandIns } = options;
    const key = stableKey({
      omit,
      boroughStandIns,
      weights: methods.weights,
      columns: methods.weights?.indicators === 'declared' ? undefined : cols.id,
    });
    let groups = this.groupsByChoice.get(key);
    if (!groups) this.groupsByChoice.set(key, (groups = this.measureGroupsOf(prepared, cols, options, undefined)));
    return groups;
  }

  /** stableKey of a group (its id, members, weights, coverage threshold), computed once per group object. */
  private groupKey(g: Group): string {
    let key = this.groupKeys.get(g);
    if (key === undefined) this.groupKeys.set(g, (key = stableKey(g)));
    return key;
  }

  /** Per category in framework order: its measures with data nominally but none in this run, then the category if it has none. */
  private emptied(measures: ReadonlySet<string>, cGroups: readonly Group[]): string[] {
    const out: string[] = [];
    for (const { id, measures: nominal } of this.nominalLayout) {
      for (const m of nominal) if (!measures.has(m)) out.push(`measure ${m}`);
      if (!cGroups.some((g) => g.id === id)) out.push(`category ${id}`);
    }
    return out;
  }
}
