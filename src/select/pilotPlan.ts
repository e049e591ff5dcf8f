/**
 * The whole pilot plan from a scored run: selection (`selectPilots`), each pilot's reasons
 * (rank, decile, borough, the three measures contributing most, the higher-ranked wards passed
 * over on the way to it), comparison wards (`matchComparisons`), the balance table
 * (`balanceTable`) and the caveats a commissioner must read. Pure: the CLI reads the files and
 * writes the outputs.
 */
import { topMeasures, type Contribution } from '../core/explain.ts';
import type { Result, RobustnessRow } from '../core/types.ts';
import { balanceTable, type BalanceRow } from './balanceTable.ts';
import { noteCaveats } from './noteCaveats.ts';
import type { Geography } from './geography.ts';
import { matchComparisons, type Matching } from './matchComparisons.ts';
import type { Unit } from './pilotUnits.ts';
import { pilotOptions, withPreference, type PilotOption } from './pilotOptions.ts';
import { robustEvidence, type RobustEvidence } from './robustEvidence.ts';
import { selectPilots, type PassedOver, type Selection } from './selectPilots.ts';
import type { PilotSettings } from './settings.ts';

export type { RobustnessRow };

export interface PilotReason {
  unit: Unit;
  rank: number;
  decile: number;
  topMeasures: Contribution[];
  /** Wards ranked between the previous pilot and this one that were not chosen. */
  passedOver: PassedOver[];
  inGreedy: boolean;
  robustness?: RobustnessRow;
}

/** What the plan may use beyond the scored run: robustness output and area flag columns. */
export interface PlanInputs {
  robustness?: Map<string, RobustnessRow>;
  /** Codes listed in robust-candidates.csv (undefined when not read). */
  candidates?: Set<string>;
  flags?: Map<string, Uint8Array>;
}

export interface PilotPlan {
  settings: PilotSettings;
  evidence?: RobustEvidence;
  /** Recommended, London-wide spread and robust sets side by side. */
  options: PilotOption[];
  rankedCount: number;
  selection: Selection;
  pilots: PilotReason[];
  matching: Matching;
  balance: BalanceRow[];
  caveats: string[];
  warnings: string[];
}

export function pilotPlan(result: Result, g: Geography, declared: PilotSettings, inputs: PlanInputs = {}): PilotPlan {
  const { robustness } = inputs;
  const settings = withPreference(declared);
  const evidence = robustness ? robustEvidence(result.areas.codes, robustness, inputs.candidates) : undefined;
  const ctx = { evidence, flags: inputs.flags };
  const selection = selectPilots(result, g, settings, ctx);
  const options = pilotOptions(result, g, settings, ctx, selection);
  const chosen = [...selection.chosen].sort((a, b) => result.rank[a.seed] - result.rank[b.seed]);
  const greedySeeds = new Set(selection.greedy.map((u) => u.seed));
  let previousRank = 0;
  const pilots = chosen.map((unit) => {
    const rank = result.rank[unit.seed];
    const passedOver = selection.passedOver.filter(
      (p) => result.rank[p.area] > previousRank && result.rank[p.area] < rank,
    );
    previousRank = rank;
    return {
      unit,
      rank,
      decile: result.decile[unit.seed],
      topMeasures: topMeasures(result, unit.seed, 3),
      passedOver,
      inGreedy: greedySeeds.has(unit.seed),
      robustness: robustness?.get(result.areas.codes[unit.seed]),
    };
  });
  const matching = matchComparisons(
    result,
    g,
    chosen,
    selection.excluded,
    { ...settings.matching, comparisons: settings.comparisons, buffer_km: settings.buffer_km },
    selection.flagged,
  );
  const balance = balanceTable(result, chosen, matching.pool.eligible, matching.matches);
  return {
    settings,
    evidence,
    options,
    rankedCount: result.rank.filter((x) => x === x).length,
    selection,
    pilots,
    matching,
    balance,
    caveats: [
      ...noteCaveats(
        result,
        pilots.map((p) => p.unit),
        robustness !== undefined,
      ),
      ...balanceCaveat(balance),
    ],
    warnings: [...selection.warnings, ...matching.warnings],
  };
}

/** Says plainly when matching could not find look-alikes (pilots chosen for extreme scores often have none). */
function balanceCaveat(balance: readonly BalanceRow[]): string[] {
  const measures = balance.filter((b) => b.variable !== 'index');
  const bad = measures.filter((b) => b.flagAfter === 'warn').length;
  if (!bad) return [];
  return [
    `Even the closest comparison wards differ from the pilots by |SMD| > 0.25 on ${bad} of ${measures.length} measures: no ward in the pool closely resembles the pilots. ` +
      'Evaluate with methods that adjust for the remaining difference (difference-in-differences, regression on the baseline profile), not with raw comparisons.',
  ];
}
