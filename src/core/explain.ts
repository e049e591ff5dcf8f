/**
 * Why a ward ranks where it does: each category's, measure's and indicator's contribution, on a
 * scale where they add up.
 *
 * With W, w the effective weights (renormalised over the values the ward has, as in
 * aggregation), S the scores and x the normalised indicator values:
 *
 * - combine arithmetic: index = Σ_c W_c·S_c, so category c contributes W_c·S_c.
 * - combine exponential: index = Σ_c W_c·X_c with X_c the exponentially transformed category
 *   score, so category c contributes W_c·X_c (the transformed scale; `transformed` = X_c).
 * - combine geometric: ln index = Σ_c W_c·ln S_c, so category c contributes W_c·ln S_c and the
 *   contributions add up to ln index (`scale: 'log-index'`).
 *
 * Below a category, when measures → categories is arithmetic, S_c = Σ_m w_m·S_m; when indicators
 * → measures is arithmetic, S_m = Σ_i w_i·x_i. A measure's (indicator's) `contribution` is on the
 * index scale — W_c·w_m·S_m (W_c·w_m·w_i·x_i) — when the category contributes W_c·S_c (arithmetic
 * combination) and every level between is arithmetic; the contributions then add up to the
 * index exactly. Otherwise (exponential or geometric combination, or a geometric level below)
 * a measure's contribution is its part of its category's score, w_m·S_m (geometric level:
 * w_m·ln S_m, adding up to ln S_c), and `within` says so.
 *
 * `drivers` are the entries of the finest level whose contributions add up to `total` (the
 * index, or ln index): measures when they are on the index scale, categories otherwise, largest
 * first. "Pushed up most by" (CLI `top`, the map, the pilot notes) lists these, the same
 * quantity the bars show.
 */
import type { Result } from './types.ts';

export interface Contribution {
  id: string;
  name: string;
  score: number;
  weight: number;
  contribution: number;
}

/** What a level's contributions add up to. */
export type Within = 'index' | 'log-index' | 'category' | 'log-category' | 'measure' | 'log-measure';

export interface Explanation {
  code: string;
  name: string;
  parentName: string;
  rank: number;
  decile: number;
  index: number;
  /** What the category contributions add up to: the index, or (geometric combination) ln index. */
  scale: 'index' | 'log-index';
  /** index, or ln index: the sum of the category contributions. */
  total: number;
  /** True when the measures' contributions are on the index scale (every level arithmetic). */
  exact: boolean;
  /** What the measure contributions add up to, and the indicator contributions. */
  within: { measures: Within; indicators: Within };
  /** The finest level whose contributions add up to `total`, largest first (the "pushed up most by" list). */
  drivers: (Contribution & { level: 'category' | 'measure' })[];
  categories: (Contribution & {
    /** The exponentially transformed score X (exponential combination only). */
    transformed?: number;
    measures: (Contribution & {
      indicators: (Contribution & { raw: number; smoothed?: number; level: string; unit: string; imputed: boolean })[];
    })[];
  })[];
}

/** Which measures of the run each category holds, and which indicators each measure, with their specs. */
interface Structure {
  categories: {
    id: string;
    spec: Result['framework']['categories'][number];
    measures: {
      id: string;
      spec: Result['framework']['measures'][number];
      indicators: { id: string; spec: Result['framework']['indicators'][number] }[];
    }[];
  }[];
}

/** Built once per result: explaining the top 20 areas looks the ids up once, not per area. */
const structures = new WeakMap<Result, Structure>();

function structure(result: Result): Structure {
  let s = structures.get(result);
  if (s) return s;
  const f = result.framework;
  const first = <T extends { id: string }>(xs: readonly T[]) => {
    const m = new Map<string, T>();
    for (const x of xs) if (!m.has(x.id)) m.set(x.id, x);
    return m;
  };
  const categoryById = first(f.categories);
  const measureById = first(f.measures);
  const indicatorById = first(f.indicators);
  s = {
    categories: result.categoryIds.map((cid) => ({
      id: cid,
      spec: categoryById.get(cid)!,
      measures: result.measureIds
        .filter((id) => measureById.get(id)!.category === cid)
        .map((mid) => ({
          id: mid,
          spec: measureById.get(mid)!,
          indicators: result.indicatorIds
            .filter((id) => indicatorById.get(id)!.measure === mid)
            .map((id) => ({ id, spec: indicatorById.get(id)! })),
        })),
    })),
  };
  structures.set(result, s);
  return s;
}

export function explainArea(result: Result, i: number): Explanation {
  return explain(result, i, true);
}

/** `withIndicators` false leaves each measure's indicator list empty (the drivers do not need it). */
function explain(result: Result, i: number, withIndicators: boolean): Explanation {
  const m = result.methods;
  const combine = m.combine.method;
  const measuresArithmetic = m.aggregate.measures === 'arithmetic';
  const indicatorsArithmetic = m.aggregate.indicators === 'arithmetic';
  const onIndexScale = combine === 'arithmetic' && measuresArithmetic;
  const W = presentWeights(result.categoryIds, result.weights.categories, (id) => result.categories[id][i]);
  const term = (arithmetic: boolean, w: number, s: number) => (s === s ? (arithmetic ? w * s : w * Math.log(s)) : NaN);
  const categories = structure(result).categories.map(({ id: cid, spec: cat, measures: inCategory }) => {
    const mids = inCategory.map((x) => x.id);
    const wm = presentWeights(mids, result.weights.measures, (id) => result.measures[id][i]);
    const outer = onIndexScale ? W[cid] : 1;
    const measures = inCategory.map(({ id: mid, spec: ms, indicators: inMeasure }) => {
      const wi = withIndicators
        ? presentWeights(
            inMeasure.map((x) => x.id),
            result.weights.indicators,
            (id) => result.normalised[id][i],
          )
        : {};
      const inner = onIndexScale && indicatorsArithmetic ? outer * wm[mid] : 1;
      const indicators = (withIndicators ? inMeasure : []).map(({ id, spec }) => {
        const x = result.normalised[id][i];
        const weight = inner * wi[id];
        return {
          id,
          name: spec.name,
          score: x,
          weight,
          contribution: term(indicatorsArithmetic, weight, x),
          raw: result.raw[id][i],
          ...(result.smoothed[id] ? { smoothed: result.smoothed[id][i] } : {}),
          level: spec.level,
          unit: spec.unit,
          imputed: result.imputed[id][i] === 1,
        };
      });
      const s = result.measures[mid][i];
      const weight = outer * wm[mid];
      return {
        id: mid,
        name: ms.name,
        score: s,
        weight,
        contribution: term(measuresArithmetic, weight, s),
        indicators,
      };
    });
    const s = result.categories[cid][i];
    const X = result.transformed?.[cid]?.[i];
    const value = combine === 'exponential' ? (X ?? NaN) : s;
    return {
      id: cid,
      name: cat.name,
      score: s,
      weight: W[cid],
      contribution: term(combine !== 'geometric', W[cid], value),
      ...(combine === 'exponential' ? { transformed: value } : {}),
      measures,
    };
  });
  const index = result.index[i];
  const within = {
    measures: (onIndexScale ? 'index' : measuresArithmetic ? 'category' : 'log-category') as Within,
    indicators: (onIndexScale && indicatorsArithmetic
      ? 'index'
      : indicatorsArithmetic
        ? 'measure'
        : 'log-measure') as Within,
  };
  const driverList = onIndexScale
    ? categories.flatMap((c) => c.measures.map(({ indicators: _i, ...x }) => ({ ...x, level: 'measure' as const })))
    : categories.map(({ measures: _m, transformed: _t, ...x }) => ({ ...x, level: 'category' as const }));
  return {
    code: result.areas.codes[i],
    name: result.areas.names[i],
    parentName: result.areas.parentNames[result.areas.parent[i]] ?? '',
    rank: result.rank[i],
    decile: result.decile[i],
    index,
    scale: combine === 'geometric' ? 'log-index' : 'index',
    total: combine === 'geometric' ? Math.log(index) : index,
    exact: onIndexScale && indicatorsArithmetic,
    within,
    drivers: driverList
      .filter((d) => d.contribution === d.contribution)
      .sort((a, b) => b.contribution - a.contribution),
    categories,
  };
}

/** The k largest drivers of a ward's index (see `Explanation.drivers`): what "pushed up most by" lists. */
export function topDrivers(result: Result, i: number, k = 3): Contribution[] {
  return explain(result, i, false)
    .drivers.slice(0, k)
    .map(({ level: _l, ...d }) => d);
}

/** Same as `topDrivers` (the name callers in select/ and cli/ use). */
export const topMeasures = topDrivers;

/** Weights renormalised over the members that have a value for this area. */
function presentWeights(
  ids: readonly string[],
  weights: Record<string, number>,
  value: (id: string) => number,
): Record<string, number> {
  let total = 0;
  for (const id of ids) if (value(id) === value(id)) total += weights[id] ?? 0;
  const out: Record<string, number> = {};
  for (const id of ids) out[id] = value(id) === value(id) && total > 0 ? (weights[id] ?? 0) / total : 0;
  return out;
}

/** Index of an area by code, or by name (case-insensitive, exact then unique prefix). */
export function findArea(result: Pick<Result, 'areas'>, query: string): number[] {
  const { codes, names } = result.areas;
  const q = query.trim().toLowerCase();
  const byCode = codes.findIndex((c) => c.toLowerCase() === q);
  if (byCode >= 0) return [byCode];
  const exact = names.flatMap((n, i) => (n.toLowerCase() === q ? [i] : []));
  if (exact.length) return exact;
  return names.flatMap((n, i) => (n.toLowerCase().includes(q) ? [i] : []));
}
