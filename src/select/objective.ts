/**
 * What the chosen set maximises, by name (a registry, so another objective is one entry):
 *
 * - `index`: the total index score of the pilot areas, Σ score(u).
 * - `expected`: the expected number of pilot areas in the top decile over the robustness runs,
 *   E[Σ 1{u in top decile}] = Σ P(top decile)(u) by linearity of expectation, which
 *   `robustness.csv` gives exactly per ward (for a cluster, the population-weighted mean of its
 *   wards' probabilities, as `areaValue`). Per-run scores are not written by the robustness run,
 *   so the expected *score* of a set is not available; the expected top-decile count is.
 *
 * Both are sums over the areas, so `bestKSet` maximises them exactly. Ties between sets go to
 * the set first in the order (objective value, then index score, highest first).
 */
import { areaValue } from './areaValue.ts';
import type { Ranking, Unit } from './pilotUnits.ts';
import type { RobustEvidence } from './robustEvidence.ts';
import type { Objective } from './settings.ts';

export interface ObjectiveSpec {
  /** Words for the note: what the total is. */
  label: string;
  value: (u: Unit, r: Ranking, ev?: RobustEvidence) => number;
  needsRobustness: boolean;
}

export const OBJECTIVES: Record<Objective, ObjectiveSpec> = {
  index: { label: 'total index score', value: (u) => u.score, needsRobustness: false },
  expected: {
    label: 'expected number of pilots in the top decile over the robustness runs (Σ P(top decile))',
    value: (u, r, ev) => (ev ? areaValue(ev.pTopDecile, u.members, r.areas.population) : NaN),
    needsRobustness: true,
  },
};

/** Units re-ordered by objective (descending, then index score, then the existing order) with their values. */
export function orderByObjective(
  units: readonly Unit[],
  kind: Objective,
  r: Ranking,
  ev?: RobustEvidence,
): { units: Unit[]; values: Float64Array } {
  const spec = OBJECTIVES[kind];
  const v = units.map((u) => {
    const x = spec.value(u, r, ev);
    return x === x ? x : -Infinity;
  });
  const order = units.map((_, i) => i).sort((a, b) => v[b] - v[a] || units[b].score - units[a].score || a - b);
  return { units: order.map((i) => units[i]), values: Float64Array.from(order, (i) => v[i]) };
}
