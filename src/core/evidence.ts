/**
 * How much of each category's weight rests on named proxies and on borough stand-ins, and which
 * of its declared indicators had no data — so a report can say plainly when a category is built
 * from stand-ins (e.g. public attitudes without the survey file).
 *
 *   proxyShare_c   = Σ_{i in c, status proxy}  w_m(i) · w_i     (effective weights within c)
 *   boroughShare_c = Σ_{i in c, level borough} w_m(i) · w_i
 */
import type { Framework } from './framework.ts';
import type { Excluded } from './types.ts';

export interface CategoryEvidence {
  category: string;
  proxyShare: number;
  boroughShare: number;
  /** Declared indicators of the category left out for lack of data (no public source, no file supplied). */
  noData: string[];
}

export function categoryEvidence(
  framework: Framework,
  weights: { indicators: Record<string, number>; measures: Record<string, number> },
  categoryIds: readonly string[],
  excluded: readonly Excluded[],
): CategoryEvidence[] {
  const measureOf = new Map(framework.measures.map((m) => [m.id, m.category]));
  const left = new Set(excluded.map((e) => e.id));
  return categoryIds.map((c) => {
    let proxyShare = 0;
    let boroughShare = 0;
    for (const spec of framework.indicators) {
      if (measureOf.get(spec.measure) !== c) continue;
      const w = (weights.indicators[spec.id] ?? 0) * (weights.measures[spec.measure] ?? 0);
      if (spec.status === 'proxy') proxyShare += w;
      if (spec.level === 'borough') boroughShare += w;
    }
    const noData = framework.indicators
      .filter((s) => measureOf.get(s.measure) === c && left.has(s.id))
      .map((s) => s.id);
    return { category: c, proxyShare, boroughShare, noData };
  });
}

/** A plain sentence for a category that rests substantially on stand-ins, or undefined. */
export function evidenceWarning(e: CategoryEvidence, name: string): string | undefined {
  if (e.proxyShare < 0.25 && e.boroughShare < 0.5 && e.noData.length === 0) return undefined;
  const pct = (x: number) => `${Math.round(x * 100)} %`;
  const parts = [`${pct(e.proxyShare)} of its weight on named proxies`, `${pct(e.boroughShare)} on borough stand-ins`];
  const missing = e.noData.length
    ? `; ${e.noData.length} declared indicator(s) have no data (${e.noData.join(', ')})`
    : '';
  return `category ${e.category} (${name}): ${parts.join(', ')}${missing}`;
}
