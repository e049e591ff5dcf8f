/**
 * Step "weights": indicator weights within each measure, declared (the indicator table's
 * `weight`, default) or derived from principal components (`methods.weights.indicators: pca`):
 * for each measure with two or more indicators in the run, the Handbook's squared-loadings
 * weights (stats/pcaWeights.ts) of its normalised indicators over the reference-set areas that
 * have every one of them. A measure where PCA cannot be done (fewer than three such areas, a
 * constant indicator) keeps its declared weights, and the log says so. Weights given for the
 * run (the map's sliders, a robustness draw) take precedence over both.
 */
import type { IndicatorSpec, Methods } from '../framework.ts';
import type { StepRecord } from '../types.ts';
import { pcaWeights } from '../stats/pcaWeights.ts';

export function indicatorWeights(
  specs: readonly IndicatorSpec[],
  normalised: Readonly<Record<string, Float64Array>>,
  settings: Methods['weights'] | undefined,
  ref: Uint8Array | undefined,
  overrides: Readonly<Record<string, number>> = {},
): { weights: Record<string, number>; record: StepRecord } {
  const weights: Record<string, number> = Object.fromEntries(specs.map((s) => [s.id, s.weight]));
  const method = settings?.indicators ?? 'declared';
  const notes: string[] = [];
  const derived: Record<string, Record<string, number>> = {};
  if (method === 'pca') {
    const byMeasure = new Map<string, IndicatorSpec[]>();
    for (const s of specs) byMeasure.set(s.measure, [...(byMeasure.get(s.measure) ?? []), s]);
    for (const [measure, members] of byMeasure) {
      if (members.length < 2) continue;
      const p = pcaWeights(
        members.map((s) => normalised[s.id]),
        ref ? (i) => ref[i] === 1 : undefined,
      );
      if (!p.weights) {
        notes.push(`${measure}: declared weights kept (${p.why})`);
        continue;
      }
      derived[measure] = Object.fromEntries(members.map((s, k) => [s.id, p.weights![k]]));
      members.forEach((s, k) => (weights[s.id] = p.weights![k]));
      notes.push(`${measure}: PCA weights over ${p.rows} areas, ${p.factors} factor(s) kept`);
    }
  }
  for (const [id, w] of Object.entries(overrides)) if (id in weights) weights[id] = w;
  return { weights, record: { step: 'weights', settings: { indicators: method, derived }, notes } };
}
