/**
 * Covariate balance between the pilots and their comparison wards, per measure and for the
 * index score: the standardised mean difference (`standardisedMeanDifference`) before matching
 * (pilots against every ward in the comparison pool) and after (pilots against the matched
 * comparison wards; a ward matched to two pilots, with replacement, counts twice). Each pilot
 * area contributes its own value (a cluster: its population-weighted mean, `areaValue`).
 */
import { areaValue } from './areaValue.ts';
import type { Match, Profiled } from './matchComparisons.ts';
import type { Unit } from './pilotUnits.ts';
import { balanceFlag, standardisedMeanDifference, type Smd } from './standardisedMeanDifference.ts';

export interface BalanceRow {
  /** Measure id, or "index". */
  variable: string;
  before: Smd;
  after: Smd;
  flagBefore: ReturnType<typeof balanceFlag>;
  flagAfter: ReturnType<typeof balanceFlag>;
}

export function balanceTable(
  r: Profiled,
  pilots: readonly Unit[],
  pool: Uint8Array,
  matches: readonly Match[],
): BalanceRow[] {
  const variables: [string, Float64Array][] = [
    ...r.measureIds.map((id) => [id, r.measures[id]] as [string, Float64Array]),
    ['index', r.index],
  ];
  const poolWards = [...pool.keys()].filter((i) => pool[i]);
  return variables.map(([variable, col]) => {
    const treated = pilots.map((u) => areaValue(col, u.members, r.areas.population));
    const before = standardisedMeanDifference(
      treated,
      poolWards.map((i) => col[i]),
    );
    const after = standardisedMeanDifference(
      treated,
      matches.map((m) => col[m.area]),
    );
    return { variable, before, after, flagBefore: balanceFlag(before.smd), flagAfter: balanceFlag(after.smd) };
  });
}
