/**
 * The Monte Carlo fast path: `score()`'s arithmetic from cached normalised columns straight to
 * ranks, skipping what a run does not need (treatment records, borough summaries, ranks within
 * boroughs, the run log) and allocating nothing per run on the arithmetic path.
 *
 * Imputation, outlier treatment and normalisation act on each indicator column on its own, so
 * the normalised columns depend only on (impute, treat, normalise) — not on weights, on which
 * indicator is left out, or on borough stand-ins. They are computed once per combination
 * (`NormalisedCache`, with the [1, 100] rescaling and logarithms geometric means need; the treated columns,
 * the costly part, once per (impute, treat)) and shared by every run using it. When indicator
 * weights are not perturbed, a measure's score depends only on that combination, the indicator
 * aggregation method and which of its indicators the run leaves out, so measure scores are cached
 * on that key, and so is each run's whole *layout* (per category: its measure score columns, or
 * their logarithms for geometric means over measures) on (combination, aggregation methods,
 * stand-ins, indicators left out). The reference set of the statistics and the positive scale
 * are core's (`referenceSet`, `positiveScale`), and the index is core's `combineColumns`.
 * A run then computes only:
 *
 *   category c:  weighted mean of its measures with data              (framework order)
 *   index:       weighted mean of the categories (IoD exponential transform first if asked)
 *   rank:        priority rank (core's `rankDescending`, into a buffer reused across runs)
 *
 * and, when indicator weights are perturbed, the measure means first:
 *
 *   measure m:   weighted mean of its indicators present in the run   (framework order)
 *
 * Groups are formed exactly as `measureGroups` / `categoryGroups` form them (members with data,
 * a group kept when some member weight is positive), and every mean is core's
 * `weightedRowMean` with the same columns, weights and order, so the index and ranks equal
 * `score()`'s to the last bit (tested against `score()`).
 */
import type { Methods } from '../core/framework.ts';
import { indicatorInputs, type Prepared, type ScoreOptions } from '../core/run.ts';
import { impute } from '../core/steps/impute.ts';
import { treat } from '../core/steps/treat.ts';
import { normalise } from '../core/steps/normalise.ts';
import { referenceSet } from '../core/steps/referenceSet.ts';
import { indicatorWeights } from '../core/steps/deriveWeights.ts';
import { weightedRowMean, type RowMeanBuffers } from '../core/stats/weightedMean.ts';
import { rescaleIndicator, rescalesIndicators } from '../core/steps/positiveScale.ts';
import { combineColumns } from '../core/steps/combine.ts';
import { rankDescending } from '../core/stats/rankDescending.ts';

export type RunOptions = Required<Pick<ScoreOptions, 'methods' | 'weights' | 'omit' | 'boroughStandIns'>>;

export interface FastResult {
  index: Float64Array;
  rank: Float64Array;
  /** Measures and categories with data nominally but none in this run (weights renormalised). */
  emptied: string[];
}

interface Columns {
  key: string;
  normalised: Float64Array[];
  /** Reference set of the statistics (undefined: every area). */
  ref?: Uint8Array;
  /** Nominal indicator weights: declared, or derived by PCA (core's `indicatorWeights`). */
  indicatorWeights: Record<string, number>;
  /** The columns rescaled to [1, 100] when geometric aggregation needs it (core's positiveScale). */
  rescaled?: Float64Array[];
  /** ln of the aggregation input columns, by whether they are the rescaled ones (geometric means take each logarithm once). */
  logged: Map<boolean, Float64Array[]>;
}

/** Normalised columns of every indicator (in `prepared.specs` order), per (impute, treat, normalise). */
export class NormalisedCache {
  private readonly byKey = new Map<string, Columns>();
  /** Treated columns per (impute, treat): shared by every normalisation method. */
  private readonly treated = new Map<string, Record<string, Float64Array>>();
  constructor(private readonly prepared: Prepared) {}

  get size(): number {
    return this.byKey.size;
  }

  columns(methods: Methods): Columns {
    const t = methods.treat;
    const treatKey = `${methods.impute.method}|${t.method}|${t.skew}|${t.kurtosis}|${t.max_winsorised}|${methods.statistics?.over}`;
    const key = `${treatKey}|${methods.normalise.method}|${methods.normalise.reference}|${methods.normalise.range ?? ''}|${methods.statistics?.over}|${methods.weights?.indicators}`;
    let cols = this.byKey.get(key);
    if (!cols) {
      const { specs, areas } = this.prepared;
      const raw = indicatorInputs(this.prepared);
      const ref = referenceSet(this.prepared, methods).ref;
      let treated = this.treated.get(treatKey);
      if (!treated) {
        const im = impute(raw, methods.impute.method, areas.parent, areas.parentCodes.length);
        this.treated.set(treatKey, (treated = treat(specs, im.columns, methods.treat, ref).columns));
      }
      const no = normalise(treated, Object.fromEntries(specs.map((s) => [s.id, s.direction])), methods.normalise, ref, specs).columns;
      cols = { key, normalised: specs.map((s) => no[s.id]), ref, indicatorWeights: indicatorWeights(specs, no, methods.weights, ref).weights, logged: new Map() };
      this.byKey.set(key, cols);
    }
    return cols;
  }

  /** The columns aggregation reads: rescaled to [1, 100] when `rescale`, and their logarithms when `logged`. */
  input(cols: Columns, rescale: boolean, logged: boolean): Float64Array[] {
    if (rescale && !cols.rescaled) cols.rescaled = cols.normalised.map((x) => rescaleIndicator(x, cols.ref));
    const base = rescale ? cols.rescaled! : cols.normalised;
    if (!logged) return base;
    let out = cols.logged.get(rescale);
    if (!out) cols.logged.set(rescale, (out = base.map((x) => logInPlace(x.slice()))));
    return out;
  }
}

/** One category of a run: its measures' score columns, which measures they are, and measures emptied. */
interface CategoryLayout {
  members: Float64Array[];
  /** Framework measure positions of `members`. */
  measures: number[];
  /** Notes for measures with data nominally but none in the run. */
  emptiedMeasures: string[];
}

const buffers = (n: number): RowMeanBuffers => ({ value: new Float64Array(n), coverage: new Float64Array(n) });

export class FastScorer {
  private readonly n: number;
  private readonly cache: NormalisedCache;
  private readonly rank: Float64Array;
  /** Exponentially transformed category scores, per category, reused across runs. */
  private readonly transformed: Float64Array[];
  /** Spec positions of each framework measure, in spec order. */
  private readonly measureSpecs: number[][];
  /** Framework measure positions of each framework category. */
  private readonly categoryMeasures: number[][];
  private readonly nominalMeasure: boolean[];
  private readonly nominalCategory: boolean[];
  private readonly measureOut: RowMeanBuffers[];
  private readonly categoryOut: RowMeanBuffers[];
  private readonly indexOut: RowMeanBuffers;
  private readonly coveredOut: RowMeanBuffers;
  /** Cached measure scores: key (combination, method, measure) → which members were left out → scores. */
  private readonly measureCache = new Map<string, Map<string, Float64Array>>();
  /** ln of the scores of a cached measure column (geometric means over measures). */
  private readonly loggedPositive = new WeakMap<Float64Array, Float64Array>();
  /** Run layouts by (combination, aggregation methods, stand-ins, left out): see `cachedLayout`. */
  private readonly layouts = new Map<string, CategoryLayout[]>();

  constructor(private readonly prepared: Prepared) {
    const { framework, specs } = prepared;
    this.n = prepared.areas.codes.length;
    this.cache = new NormalisedCache(prepared);
    this.rank = new Float64Array(this.n);
    this.transformed = framework.categories.map(() => new Float64Array(this.n));
    this.measureSpecs = framework.measures.map((m) => specs.flatMap((s, k) => (s.measure === m.id ? [k] : [])));
    this.categoryMeasures = framework.categories.map((c) => framework.measures.flatMap((m, j) => (m.category === c.id ? [j] : [])));
    this.nominalMeasure = this.measureSpecs.map((ks) => ks.length > 0);
    this.nominalCategory = this.categoryMeasures.map((js) => js.some((j) => this.nominalMeasure[j]));
    this.measureOut = framework.measures.map(() => buffers(this.n));
    this.categoryOut = framework.categories.map(() => buffers(this.n));
    this.indexOut = buffers(this.n);
    this.coveredOut = buffers(this.n);
  }

  /** Normalisation combinations computed so far. */
  get combinations(): number {
    return this.cache.size;
  }

  score(options: RunOptions): FastResult {
    const { framework } = this.prepared;
    const { methods, weights: w } = options;
    const n = this.n;
    const reusable = w.indicators === undefined;
    const layout = reusable ? this.cachedLayout(options) : this.layout(options, false);
    const geometricMeasures = methods.aggregate.measures === 'geometric';
    const categoryScores: Float64Array[] = [];
    const categoryWeights: number[] = [];
    const transformed: Float64Array[] = [];
    const emptied: string[] = [];
    for (let q = 0; q < framework.categories.length; q++) {
      const c = framework.categories[q];
      const { members, measures, emptiedMeasures } = layout[q];
      for (const e of emptiedMeasures) emptied.push(e);
      const weights: number[] = [];
      for (const j of measures) weights.push(w.measures?.[framework.measures[j].id] ?? framework.measures[j].weight);
      if (members.length === 0 || !weights.some((x) => x > 0)) {
        if (this.nominalCategory[q]) emptied.push(`category ${c.id}`);
        continue;
      }
      const value = weightedRowMean(members, weights, methods.aggregate.measures, c.min_coverage, n, this.categoryOut[q], geometricMeasures).value;
      categoryScores.push(value);
      transformed.push(this.transformed[q]);
      categoryWeights.push(w.categories?.[c.id] ?? c.weight);
    }
    // combine(): core's combineColumns (exponential: X over the areas ranked in this run)
    const index = combineColumns(categoryScores, categoryWeights, methods.combine.method, methods.combine.min_coverage, n, { transformed, into: this.indexOut, covered: this.coveredOut }).value;
    return { index, rank: rankDescending(index, this.rank), emptied };
  }

  /**
   * The layout of a run whose indicator weights are the nominal ones: it depends only on the
   * normalised columns, the aggregation methods, what is left out and the stand-ins, so runs
   * sharing those (most of them) share one layout and go straight to the category means.
   */
  private cachedLayout(options: RunOptions): CategoryLayout[] {
    const { methods, omit, boroughStandIns } = options;
    const cols = this.cache.columns(methods);
    const key = `${cols.key}|${methods.aggregate.indicators}|${methods.aggregate.measures}|${rescalesIndicators(methods)}|${boroughStandIns}|${omit.join('\u0000')}`;
    let layout = this.layouts.get(key);
    if (!layout) this.layouts.set(key, (layout = this.layout(options, true)));
    return layout;
  }

  /**
   * Per category: the measure scores of the run (their logarithms for geometric means
   * over measures), which framework measures they are, and the measures with data
   * nominally but none in this run. `reuse`: the indicator weights are nominal, so measure
   * scores come from (and go to) the measure cache.
   */
  private layout(options: RunOptions, reuse: boolean): CategoryLayout[] {
    const { framework, specs } = this.prepared;
    const { methods, weights: w, omit } = options;
    const n = this.n;
    const aggIndicators = methods.aggregate.indicators;
    const geometricIndicators = aggIndicators === 'geometric';
    const cols = this.cache.columns(methods);
    const rescale = rescalesIndicators(methods);
    const input = this.cache.input(cols, rescale, geometricIndicators);
    const measureScore: (Float64Array | undefined)[] = new Array(framework.measures.length);
    for (let j = 0; j < framework.measures.length; j++) {
      const m = framework.measures[j];
      const members: Float64Array[] = [];
      const weights: number[] = [];
      let left = '';
      for (const k of this.measureSpecs[j]) {
        const s = specs[k];
        if ((omit.length > 0 && omit.includes(s.id)) || (!options.boroughStandIns && s.level === 'borough')) {
          left += `${k},`;
          continue;
        }
        members.push(input[k]);
        const nominal = cols.indicatorWeights[s.id];
        weights.push(reuse ? nominal : (w.indicators?.[s.id] ?? nominal));
      }
      if (members.length === 0 || !weights.some((x) => x > 0)) continue;
      if (!reuse) {
        measureScore[j] = weightedRowMean(members, weights, aggIndicators, m.min_coverage, n, this.measureOut[j], geometricIndicators).value;
        continue;
      }
      const slotKey = `${cols.key}|${aggIndicators}|${rescale}|${j}`;
      let slot = this.measureCache.get(slotKey);
      if (!slot) this.measureCache.set(slotKey, (slot = new Map()));
      let score = slot.get(left);
      if (!score) slot.set(left, (score = weightedRowMean(members, weights, aggIndicators, m.min_coverage, n, undefined, geometricIndicators).value));
      measureScore[j] = score;
    }
    const geometricMeasures = methods.aggregate.measures === 'geometric';
    return framework.categories.map((_, q) => {
      const layout: CategoryLayout = { members: [], measures: [], emptiedMeasures: [] };
      for (const j of this.categoryMeasures[q]) {
        const score = measureScore[j];
        if (!score) {
          if (this.nominalMeasure[j]) layout.emptiedMeasures.push(`measure ${framework.measures[j].id}`);
          continue;
        }
        layout.members.push(geometricMeasures ? this.logPositive(score, reuse) : score);
        layout.measures.push(j);
      }
      return layout;
    });
  }

  /** ln(score) (aggregates are never rescaled), remembered for cached (reused) measure columns. */
  private logPositive(score: Float64Array, cached: boolean): Float64Array {
    let out = cached ? this.loggedPositive.get(score) : undefined;
    if (!out) {
      out = logInPlace(score.slice());
      if (cached) this.loggedPositive.set(score, out);
    }
    return out;
  }
}

function logInPlace(x: Float64Array): Float64Array {
  for (let i = 0; i < x.length; i++) x[i] = Math.log(x[i]);
  return x;
}
