/**
 * Why a ward ranks where it does. For arithmetic aggregation the index decomposes exactly:
 *
 *   index = Σ_c W_c · Σ_m w_m · Σ_i w_i · x_i
 *
 * with W, w the effective (renormalised) weights and x the normalised values, so the
 * contribution of indicator i is W_c·w_m·w_i·x_i and of measure m is W_c·w_m·S_m (weight ×
 * normalised value). Where a ward lacks a value the weights are renormalised over what it has,
 * as in aggregation. For geometric or exponential methods the same products are reported as
 * an approximate, first-order attribution, and `exact` is false.
 */
import type { Result } from './types.ts';

export interface Contribution {
  id: string;
  name: string;
  score: number;
  weight: number;
  contribution: number;
}

export interface Explanation {
  code: string;
  name: string;
  parentName: string;
  rank: number;
  decile: number;
  index: number;
  exact: boolean;
  categories: (Contribution & { measures: (Contribution & { indicators: (Contribution & { raw: number; smoothed?: number; level: string; unit: string; imputed: boolean })[] })[] })[];
}

export function explainArea(result: Result, i: number): Explanation {
  const f = result.framework;
  const W = presentWeights(result.categoryIds, result.weights.categories, (id) => result.categories[id][i]);
  const categories = result.categoryIds.map((cid) => {
    const cat = f.categories.find((c) => c.id === cid)!;
    const mids = result.measureIds.filter((m) => f.measures.find((x) => x.id === m)!.category === cid);
    const wm = presentWeights(mids, result.weights.measures, (id) => result.measures[id][i]);
    const measures = mids.map((mid) => {
      const ms = f.measures.find((m) => m.id === mid)!;
      const iids = result.indicatorIds.filter((id) => f.indicators.find((s) => s.id === id)!.measure === mid);
      const wi = presentWeights(iids, result.weights.indicators, (id) => result.normalised[id][i]);
      const indicators = iids.map((id) => {
        const spec = f.indicators.find((s) => s.id === id)!;
        const x = result.normalised[id][i];
        const weight = W[cid] * wm[mid] * wi[id];
        return { id, name: spec.name, score: x, weight, contribution: x === x ? weight * x : NaN, raw: result.raw[id][i], ...(result.smoothed[id] ? { smoothed: result.smoothed[id][i] } : {}), level: spec.level, unit: spec.unit, imputed: result.imputed[id][i] === 1 };
      });
      const s = result.measures[mid][i];
      const weight = W[cid] * wm[mid];
      return { id: mid, name: ms.name, score: s, weight, contribution: s === s ? weight * s : NaN, indicators };
    });
    const s = result.categories[cid][i];
    return { id: cid, name: cat.name, score: s, weight: W[cid], contribution: s === s ? W[cid] * s : NaN, measures };
  });
  const m = result.methods;
  return {
    code: result.areas.codes[i],
    name: result.areas.names[i],
    parentName: result.areas.parentNames[result.areas.parent[i]] ?? '',
    rank: result.rank[i],
    decile: result.decile[i],
    index: result.index[i],
    exact: m.aggregate.indicators === 'arithmetic' && m.aggregate.measures === 'arithmetic' && m.combine.method === 'arithmetic',
    categories,
  };
}

/** The measures that push a ward up most: measure contributions, largest first. */
export function topMeasures(result: Result, i: number, k = 3): Contribution[] {
  return explainArea(result, i)
    .categories.flatMap((c) => c.measures.map(({ indicators: _ignored, ...m }) => m))
    .filter((m) => m.contribution === m.contribution)
    .sort((a, b) => b.contribution - a.contribution)
    .slice(0, k);
}

/** Weights renormalised over the members that have a value for this area. */
function presentWeights(ids: readonly string[], weights: Record<string, number>, value: (id: string) => number): Record<string, number> {
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
