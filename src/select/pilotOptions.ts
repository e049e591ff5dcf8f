/**
 * The options a commissioner weighs side by side:
 *
 * - `recommended`: the set chosen under the settings in force — with the programme's stated
 *   preference applied (`preference.single_borough` → all pilots in the best borough, unless a
 *   borough is named) and the objective in force (`expected` by default when robustness evidence
 *   is given);
 * - `spread`: the best London-wide spread — no single borough, at most `max_per_borough` (1 when
 *   unset) per borough, total index score, only the exclusion rules (list and flags), no
 *   robustness rules: what the index alone recommends;
 * - `robust`: the best robust set — the spread constraints with the `expected` objective and the
 *   robustness eligibility rules (robust candidates only by default); unavailable without a
 *   robustness folder.
 *
 * Every option keeps the spacing rules (non-adjacent, minimum distance) and clusters.
 */
import type { Geography } from './geography.ts';
import { centroidKm } from './geography.ts';
import type { Ranking } from './pilotUnits.ts';
import { selectPilots, type Selection, type SelectionContext } from './selectPilots.ts';
import type { PilotSettings } from './settings.ts';

export type OptionId = 'recommended' | 'spread' | 'robust';

export interface PilotOption {
  id: OptionId;
  title: string;
  /** The rule of this option in words. */
  rule: string;
  selection?: Selection;
  /** Why the option could not be computed. */
  unavailable?: string;
  /** Smallest and largest centroid distance between two pilots (km); NaN with fewer than two or no centroids. */
  minKm: number;
  maxKm: number;
}

/** The settings with the programme's preference applied (single borough → `borough: best` unless one is named). */
export function withPreference(s: PilotSettings): PilotSettings {
  return s.preference?.single_borough && !s.borough ? { ...s, borough: 'best' } : s;
}

export function pilotOptions(
  r: Ranking,
  g: Geography,
  s: PilotSettings,
  ctx: SelectionContext,
  recommended: Selection,
): PilotOption[] {
  const cap = s.max_per_borough ?? 1;
  const spreadSettings: PilotSettings = { ...s, borough: undefined, max_per_borough: cap, objective: 'index' };
  const out: PilotOption[] = [
    option('recommended', recommendedTitle(s), recommendedRule(s, recommended), g, recommended),
  ];
  out.push(
    option(
      'spread',
      'Best London-wide spread',
      `highest total index score, at most ${cap} pilot(s) per borough, exclusion rules only (no robustness rules)`,
      g,
      safeSelect(() => selectPilots(r, g, spreadSettings, { flags: ctx.flags })),
    ),
  );
  if (ctx.evidence) {
    const robustSettings: PilotSettings = { ...spreadSettings, objective: 'expected' };
    out.push(
      option(
        'robust',
        'Best robust set',
        `highest expected number of pilots in the top decile, at most ${cap} pilot(s) per borough, robustness eligibility rules applied`,
        g,
        safeSelect(() => selectPilots(r, g, robustSettings, ctx)),
      ),
    );
  } else {
    out.push({
      id: 'robust',
      title: 'Best robust set',
      rule: '',
      unavailable: 'no robustness folder given (run `wardrank robustness` and pass --robustness <dir>)',
      minKm: NaN,
      maxKm: NaN,
    });
  }
  return out;
}

function recommendedTitle(s: PilotSettings): string {
  if (s.preference?.single_borough && (s.borough ?? 'best').toLowerCase() === 'best')
    return 'Recommended: the programme’s preference (one borough)';
  return 'Recommended';
}

function recommendedRule(s: PilotSettings, sel: Selection): string {
  const parts = [
    sel.objective === 'expected' ? 'highest expected number of pilots in the top decile' : 'highest total index score',
  ];
  if (sel.borough)
    parts.push(
      sel.borough.rule === 'named'
        ? 'all in the named borough'
        : 'all in one borough (the borough whose best feasible set is best)',
    );
  else if (s.max_per_borough !== undefined) parts.push(`at most ${s.max_per_borough} per borough`);
  if (sel.eligibility.rules.length) parts.push(sel.eligibility.rules.join('; '));
  return parts.join(', ');
}

function safeSelect(f: () => Selection): Selection | string {
  try {
    return f();
  } catch (e) {
    return (e as Error).message;
  }
}

function option(id: OptionId, title: string, rule: string, g: Geography, sel: Selection | string): PilotOption {
  if (typeof sel === 'string') return { id, title, rule, unavailable: sel, minKm: NaN, maxKm: NaN };
  const seeds = sel.chosen.map((u) => u.seed);
  let minKm = Infinity;
  let maxKm = -Infinity;
  for (let a = 0; a < seeds.length; a++)
    for (let b = a + 1; b < seeds.length; b++) {
      const d = centroidKm(g, seeds[a], seeds[b]);
      if (d === d) {
        minKm = Math.min(minKm, d);
        maxKm = Math.max(maxKm, d);
      }
    }
  return {
    id,
    title,
    rule,
    selection: sel,
    minKm: Number.isFinite(minKm) ? minKm : NaN,
    maxKm: Number.isFinite(maxKm) ? maxKm : NaN,
  };
}
