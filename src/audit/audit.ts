/**
 * The statistical audit of a run: every figure the report shows, computed from a `Result`
 * (pure; the CLI writes it as audit.json and renders it as audit.html).
 *
 * - coverage of each indicator (ward values present, borough stand-in or ward level), measure,
 *   category and the index; excluded indicators with reasons;
 * - distributions (histograms of raw and treated values) with the skewness, kurtosis and
 *   treatment recorded by the treat step;
 * - correlations of the normalised indicators (direction applied, so "higher = higher priority"
 *   throughout) within each category and between measures; flags for near-duplicate pairs
 *   (|r| > 0.9) and for negative correlations inside a measure;
 * - Cronbach's alpha per measure (its indicators) and per category (its measures);
 * - PCA per category (its indicators);
 * - each indicator's correlation with its measure, its category and the index;
 * - effective versus nominal weights at every level (Paruolo, Saisana & Saltelli 2013).
 *
 * The thresholds follow the JRC's audits of composite indicators (e.g. Saisana, Saltelli &
 * Tarantola 2005; COINr `get_corr_flags`): |r| > 0.9 suggests double counting.
 */
import type { Excluded, Result } from '../core/types.ts';
import { countPresent } from '../core/stats/moments.ts';
import { correlate, correlationMatrix, type CorrelationMatrix, type CorrelationMethod } from './correlation.ts';
import { cronbachAlpha, type Alpha } from './cronbachAlpha.ts';
import { effectiveWeights, type EffectiveWeight } from './effectiveWeights.ts';
import { histogram, type Histogram } from './histogram.ts';
import { pca, type Pca } from './pca.ts';

export interface AuditOptions {
  method?: CorrelationMethod;
  /** |r| above this flags a pair as redundant (default 0.9). */
  redundant?: number;
  /** r below this inside a measure is flagged (default 0). */
  negativeBelow?: number;
  bins?: number;
}

export interface IndicatorCoverage {
  id: string;
  name: string;
  measure: string;
  level: 'ward' | 'borough';
  status: string;
  /** Areas with a value (after denominate and apportion). */
  present: number;
  share: number;
  imputed: number;
}

export interface GroupCoverage {
  id: string;
  name: string;
  present: number;
  share: number;
}

export interface Distribution {
  id: string;
  raw: Histogram;
  treated: Histogram;
  skewBefore: number;
  kurtosisBefore: number;
  action: string;
  winsorised: number;
  skewAfter: number;
  kurtosisAfter: number;
}

export interface FlaggedPair {
  a: string;
  b: string;
  r: number;
  n: number;
  /** Both in the same measure. */
  sameMeasure: boolean;
}

export interface GroupAlpha extends Alpha {
  id: string;
  name: string;
}

export interface IndicatorLinks {
  id: string;
  measure: string;
  category: string;
  withMeasure: number;
  withCategory: number;
  withIndex: number;
}

export interface Audit {
  framework: string;
  areas: number;
  ranked: number;
  method: CorrelationMethod;
  thresholds: { redundant: number; negativeBelow: number };
  coverage: {
    indicators: IndicatorCoverage[];
    measures: GroupCoverage[];
    categories: GroupCoverage[];
    excluded: Excluded[];
  };
  distributions: Distribution[];
  correlations: {
    /** Per category: its indicators, ordered by measure. */
    categories: { id: string; name: string; measureOf: string[]; matrix: CorrelationMatrix }[];
    /** All measures, ordered by category. */
    measures: CorrelationMatrix;
    categoryOfMeasure: string[];
  };
  flags: { redundant: FlaggedPair[]; negativeWithinMeasure: FlaggedPair[] };
  alpha: { measures: GroupAlpha[]; categories: GroupAlpha[] };
  pca: (Pca & { category: string; name: string })[];
  indicatorLinks: IndicatorLinks[];
  effectiveWeights: {
    indicatorsInMeasures: { group: string; weights: EffectiveWeight[] }[];
    measuresInCategories: { group: string; weights: EffectiveWeight[] }[];
    categoriesInIndex: EffectiveWeight[];
    /** Each indicator against the index, nominal weight = indicator × measure × category weight. */
    indicatorsInIndex: EffectiveWeight[];
  };
}

export function auditResult(result: Result, options: AuditOptions = {}): Audit {
  const method = options.method ?? 'pearson';
  const redundant = options.redundant ?? 0.9;
  const negativeBelow = options.negativeBelow ?? 0;
  const bins = options.bins ?? 20;
  const f = result.framework;
  const n = result.areas.codes.length;
  const spec = new Map(f.indicators.map((s) => [s.id, s]));
  const measureOf = (id: string) => spec.get(id)!.measure;
  const categoryOfMeasure = new Map(f.measures.map((m) => [m.id, m.category]));
  const name = (list: readonly { id: string; name: string }[], id: string) => list.find((x) => x.id === id)?.name ?? id;
  // Indicators in framework order grouped by measure in framework measure order.
  const ordered = result.measureIds.flatMap((m) => result.indicatorIds.filter((id) => measureOf(id) === m));
  const measuresOf = (c: string) => result.measureIds.filter((m) => categoryOfMeasure.get(m) === c);
  const indicatorsOfMeasure = (m: string) => ordered.filter((id) => measureOf(id) === m);
  const indicatorsOfCategory = (c: string) => ordered.filter((id) => categoryOfMeasure.get(measureOf(id)) === c);
  const norm = (id: string) => result.normalised[id];

  const coverage = {
    indicators: f.indicators
      .filter((s) => result.raw[s.id])
      .map((s) => {
        const present = countPresent(result.raw[s.id]);
        const imputed = result.imputed[s.id]?.reduce((a, v) => a + v, 0) ?? 0;
        return {
          id: s.id,
          name: s.name,
          measure: s.measure,
          level: s.level,
          status: s.status,
          present,
          share: present / n,
          imputed,
        };
      }),
    measures: result.measureIds.map((id) => groupCoverage(id, name(f.measures, id), result.measures[id], n)),
    categories: result.categoryIds.map((id) => groupCoverage(id, name(f.categories, id), result.categories[id], n)),
    excluded: result.excluded,
  };

  const treatment = new Map(result.treatment.map((t) => [t.indicator, t]));
  const distributions: Distribution[] = ordered.map((id) => {
    const t = treatment.get(id);
    return {
      id,
      raw: histogram(result.raw[id], bins),
      treated: histogram(result.treated[id], bins),
      skewBefore: t?.skewBefore ?? NaN,
      kurtosisBefore: t?.kurtosisBefore ?? NaN,
      action: t?.action ?? 'none',
      winsorised: t?.winsorised ?? 0,
      skewAfter: t?.skewAfter ?? NaN,
      kurtosisAfter: t?.kurtosisAfter ?? NaN,
    };
  });

  const all = correlationMatrix(ordered, ordered.map(norm), method);
  const k = ordered.length;
  const redundantPairs: FlaggedPair[] = [];
  const negative: FlaggedPair[] = [];
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const r = all.r[i * k + j];
      const sameMeasure = measureOf(ordered[i]) === measureOf(ordered[j]);
      const pair = { a: ordered[i], b: ordered[j], r, n: all.n[i * k + j], sameMeasure };
      if (Math.abs(r) > redundant) redundantPairs.push(pair);
      if (sameMeasure && r < negativeBelow) negative.push(pair);
    }
  }
  const submatrix = (ids: string[]): CorrelationMatrix => {
    const idx = ids.map((id) => ordered.indexOf(id));
    const m = ids.length;
    const r = new Float64Array(m * m);
    const nn = new Int32Array(m * m);
    idx.forEach((a, i) =>
      idx.forEach((b, j) => ((r[i * m + j] = all.r[a * k + b]), (nn[i * m + j] = all.n[a * k + b]))),
    );
    return { ids, r, n: nn };
  };
  const measureOrder = result.categoryIds.flatMap(measuresOf);
  const correlations = {
    categories: result.categoryIds.map((c) => {
      const ids = indicatorsOfCategory(c);
      return { id: c, name: name(f.categories, c), measureOf: ids.map(measureOf), matrix: submatrix(ids) };
    }),
    measures: correlationMatrix(
      measureOrder,
      measureOrder.map((m) => result.measures[m]),
      method,
    ),
    categoryOfMeasure: measureOrder.map((m) => categoryOfMeasure.get(m)!),
  };

  const alpha = {
    measures: result.measureIds.map((m) => ({
      id: m,
      name: name(f.measures, m),
      ...cronbachAlpha(indicatorsOfMeasure(m).map(norm)),
    })),
    categories: result.categoryIds.map((c) => ({
      id: c,
      name: name(f.categories, c),
      ...cronbachAlpha(measuresOf(c).map((m) => result.measures[m])),
    })),
  };

  const pcas = result.categoryIds.map((c) => {
    const ids = indicatorsOfCategory(c);
    return { category: c, name: name(f.categories, c), ...pca(ids, ids.map(norm)) };
  });

  const indicatorLinks = ordered.map((id) => {
    const m = measureOf(id);
    const c = categoryOfMeasure.get(m)!;
    return {
      id,
      measure: m,
      category: c,
      withMeasure: correlate(norm(id), result.measures[m], method).r,
      withCategory: correlate(norm(id), result.categories[c], method).r,
      withIndex: correlate(norm(id), result.index, method).r,
    };
  });

  const w = result.weights;
  const effective = {
    indicatorsInMeasures: result.measureIds.map((m) => {
      const ids = indicatorsOfMeasure(m);
      return {
        group: m,
        weights: effectiveWeights(
          ids,
          ids.map(norm),
          ids.map((id) => w.indicators[id]),
          result.measures[m],
        ),
      };
    }),
    measuresInCategories: result.categoryIds.map((c) => {
      const ids = measuresOf(c);
      return {
        group: c,
        weights: effectiveWeights(
          ids,
          ids.map((m) => result.measures[m]),
          ids.map((m) => w.measures[m]),
          result.categories[c],
        ),
      };
    }),
    categoriesInIndex: effectiveWeights(
      result.categoryIds,
      result.categoryIds.map((c) => result.categories[c]),
      result.categoryIds.map((c) => w.categories[c]),
      result.index,
    ),
    indicatorsInIndex: effectiveWeights(
      ordered,
      ordered.map(norm),
      ordered.map(
        (id) =>
          w.indicators[id] *
          (w.measures[measureOf(id)] ?? 0) *
          (w.categories[categoryOfMeasure.get(measureOf(id))!] ?? 0),
      ),
      result.index,
    ),
  };

  return {
    framework: f.name,
    areas: n,
    ranked: countPresent(result.rank),
    method,
    thresholds: { redundant, negativeBelow },
    coverage,
    distributions,
    correlations,
    flags: { redundant: redundantPairs, negativeWithinMeasure: negative },
    alpha,
    pca: pcas,
    indicatorLinks,
    effectiveWeights: effective,
  };
}

function groupCoverage(id: string, name: string, column: Float64Array, n: number): GroupCoverage {
  const present = countPresent(column);
  return { id, name, present, share: present / n };
}

/** audit.json: typed arrays as plain arrays, NaN and ±Infinity as null. */
export function auditJson(audit: Audit): string {
  return (
    JSON.stringify(
      audit,
      (_, v) => {
        if (typeof v === 'number' && !Number.isFinite(v)) return null;
        if (ArrayBuffer.isView(v))
          return Array.from(v as unknown as ArrayLike<number>, (x) => (Number.isFinite(x) ? x : null));
        return v;
      },
      1,
    ) + '\n'
  );
}
