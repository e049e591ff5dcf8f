/**
 * Pilot selection under constraints, with the reasons a commissioner needs: which wards were
 * chosen, which higher-ranked wards were passed over and the rule or constraint that excluded
 * each, and where a greedy top-down pick would have differed from the exact optimum.
 *
 * Eligible seeds: see `eligibility` (ranked, not excluded by list or flag, and meeting the
 * robustness rules when robustness evidence is given). The objective (`objective.ts`: total
 * index score, or the expected number of pilots in the top decile) is maximised exactly by
 * `bestKSet`. When no k areas satisfy the constraints the largest feasible number is chosen
 * and a warning says so.
 *
 * Single borough: a named borough restricts the candidates to it. `borough: best` solves the
 * constrained problem exactly within every borough and chooses the borough whose best feasible
 * set is best: most pilots first (a borough that can host all k beats one that cannot), then the
 * highest objective total, then the borough listed first. Every borough's set and total are
 * kept so the note can show the runners-up.
 */
import { InputError } from '../core/errors.ts';
import { greedyKSet, searchKSet, type KSet, type KSetProblem } from './bestKSet.ts';
import { eligibility, type Eligibility } from './eligibility.ts';
import type { Geography } from './geography.ts';
import { OBJECTIVES, orderByObjective } from './objective.ts';
import { pilotUnits, type Ranking, type Unit } from './pilotUnits.ts';
import type { RobustEvidence } from './robustEvidence.ts';
import type { Objective, PilotSettings } from './settings.ts';
import { unitConflict, type Conflict } from './unitConflict.ts';

export interface PassedOver {
  area: number;
  reasons: string[];
}

/** One borough's best feasible set under the constraints. */
export interface BoroughSet {
  borough: number;
  /** Chosen areas, in objective order. */
  units: Unit[];
  /** Objective total and index total of the set. */
  total: number;
  indexTotal: number;
  /** Whether the search finished (the set is proven best in that borough). */
  proven: boolean;
}

export interface BoroughChoice {
  borough: number;
  rule: 'named' | 'best-feasible-set';
  /** For `best`: every borough with an eligible ward, best first (most pilots, then total). */
  ranking: BoroughSet[];
}

export interface SelectionContext {
  evidence?: RobustEvidence;
  /** Flag columns of the areas file by name (1 = flagged), for `exclude_flags`. */
  flags?: ReadonlyMap<string, Uint8Array>;
}

export interface Selection {
  objective: Objective;
  /** Every candidate area, in objective order. */
  units: Unit[];
  /** The chosen areas, in objective order. */
  chosen: Unit[];
  /** Objective total of the chosen set, and its total index score. */
  total: number;
  indexTotal: number;
  greedy: Unit[];
  greedyTotal: number;
  /** Branch-and-bound nodes visited. */
  nodes: number;
  /** Whether the final search finished (the set is proven optimal). */
  proven: boolean;
  excluded: Set<number>;
  /** Ranked wards left out by an `exclude_flags` rule (flagged 1 in any of its columns). */
  flagged: Set<number>;
  eligibility: Eligibility;
  borough?: BoroughChoice;
  /** Ranked wards above the lowest-ranked pilot that were not chosen, in rank order. */
  passedOver: PassedOver[];
  warnings: string[];
}

/** The objective in force: the setting, else `expected` when robustness evidence is given, else `index`. */
export function objectiveOf(s: Pick<PilotSettings, 'objective'>, ev?: RobustEvidence): Objective {
  return s.objective ?? (ev ? 'expected' : 'index');
}

export function selectPilots(r: Ranking, g: Geography, s: PilotSettings, ctx: SelectionContext = {}): Selection {
  const { areas } = r;
  const warnings: string[] = [];
  const ev = ctx.evidence;
  const objective = objectiveOf(s, ev);
  if (OBJECTIVES[objective].needsRobustness && !ev)
    throw new InputError(`the objective "${objective}" needs robustness evidence`, {
      field: 'pilots.objective',
      expected: 'a robustness folder (--robustness <dir>), or --objective index',
    });
  const excluded = excludedAreas(areas.codes, s.exclude);
  const flags = new Map<string, Uint8Array>();
  for (const f of s.exclude_flags) {
    // The areas file's declared flags (areas.flag_columns), carried on the result's areas.
    const col = ctx.flags?.get(f) ?? areas.flags?.[f];
    if (!col)
      throw new InputError(`no flag column "${f}": the framework's areas.flag_columns does not declare it`, {
        field: 'pilots.exclude_flags',
        expected: `a 1/0 column of the areas file listed in areas.flag_columns, e.g. central_activity`,
      });
    flags.set(f, col);
  }
  const elig = eligibility(r, s, excluded, flags, ev);
  const flagged = new Set<number>();
  for (const col of flags.values()) col.forEach((v, i) => v === 1 && flagged.add(i));
  if (s.non_adjacent && !g.neighbours)
    warnings.push('no adjacency file: pilots were not checked for sharing a boundary');
  if ((s.min_distance_km > 0 || s.cluster) && !g.lon)
    warnings.push('no centroids (no lon/lat columns or boundaries): the minimum distance was not applied');
  if (s.cluster && !g.neighbours) warnings.push('no adjacency file: clusters are single wards');
  if (s.cluster && !areas.population.some((p) => p === p))
    warnings.push('no population column: the population cap cannot be checked, so clusters are single wards');

  const ordered = orderByObjective(pilotUnits(r, elig.eligible, g, s.cluster), objective, r, ev);
  const conflict = conflictCache(areas.codes.length, g, s);
  let units = ordered.units;
  let values = ordered.values;
  let borough: BoroughChoice | undefined;
  if (s.borough) {
    borough = chooseBorough(r, units, values, s, conflict);
    const keep = units.map((u, i) => [u, i] as const).filter(([u]) => u.borough === borough!.borough);
    values = Float64Array.from(keep, ([, i]) => values[i]);
    units = keep.map(([u]) => u);
  }
  const solved = solveUnits(units, values, s, conflict);
  if (solved.problem.k < s.k) {
    warnings.push(
      solved.exhaustive
        ? `only ${solved.problem.k} pilot area(s) satisfy the constraints (asked for ${s.k})`
        : `no set of ${s.k} pilot areas was found within the search budget; ${solved.problem.k} chosen`,
    );
  }
  if (!solved.complete)
    warnings.push(`the search stopped at its node budget: the chosen set is the best found, not proven optimal`);
  const items = solved.best?.items ?? [];
  const greedy = greedyKSet(solved.problem);
  const chosen = items.map((i) => units[i]);
  const total = solved.best?.total ?? 0;
  const passedOver = passedOverWards(r, units, items, elig, borough, s, conflict, solved.problem, total);
  return {
    objective,
    units,
    chosen,
    total,
    indexTotal: chosen.reduce((a, u) => a + u.score, 0),
    greedy: greedy.items.map((i) => units[i]),
    greedyTotal: greedy.total,
    nodes: solved.nodes,
    proven: solved.complete,
    excluded,
    flagged,
    eligibility: elig,
    borough,
    passedOver,
    warnings,
  };
}

type ConflictFn = (a: Unit, b: Unit) => Conflict | undefined;

interface Solved {
  best?: KSet;
  problem: KSetProblem;
  nodes: number;
  /** The final search finished. */
  complete: boolean;
  /** Every search of the descent finished (so a smaller k is proven the most that fits). */
  exhaustive: boolean;
}

/**
 * The exact optimum over `units` (objective `values`, descending) for k, k−1, … until a set
 * exists. One node budget for the whole descent: once spent, each further step only checks the
 * greedy set, so an infeasible request cannot multiply the work.
 */
function solveUnits(units: readonly Unit[], values: Float64Array, s: PilotSettings, conflict: ConflictFn): Solved {
  const problem: KSetProblem = {
    scores: values,
    k: Math.min(s.k, units.length),
    group: units.map((u) => u.borough),
    groupCap: s.borough ? undefined : s.max_per_borough,
    compatible: (a, b) => conflict(units[a], units[b]) === undefined,
  };
  const budget = 1_000_000;
  let search = searchKSet({ ...problem, maxNodes: budget });
  let nodes = search.nodes;
  let exhaustive = search.complete;
  while (!search.best && problem.k > 0) {
    problem.k--;
    search = searchKSet({ ...problem, maxNodes: Math.max(0, budget - nodes) });
    nodes += search.nodes;
    exhaustive &&= search.complete;
  }
  return { best: search.best, problem, nodes, complete: search.complete, exhaustive };
}

function excludedAreas(codes: readonly string[], exclude: readonly string[]): Set<number> {
  const index = new Map(codes.map((c, i) => [c, i]));
  const unknown = exclude.filter((c) => !index.has(c));
  if (unknown.length) {
    throw new InputError(
      `exclude list names ${unknown.length} unknown ward code(s): ${unknown.slice(0, 5).join(', ')}`,
      { field: 'pilots.exclude', expected: 'ward codes from the areas file' },
    );
  }
  return new Set(exclude.map((c) => index.get(c)!));
}

/**
 * The single borough: named (code or name, case-insensitive), or "best": for every borough
 * with an eligible candidate, the exact best feasible set within it (`solveUnits`); boroughs
 * ranked by number of pilots (descending), objective total (descending), then listing order.
 */
export function chooseBorough(
  r: Ranking,
  units: readonly Unit[],
  values: Float64Array,
  s: PilotSettings,
  conflict: ConflictFn,
): BoroughChoice {
  const { areas } = r;
  const which = s.borough!;
  const boroughs = [...new Set(units.map((u) => u.borough))].filter((b) => b >= 0).sort((a, b) => a - b);
  const ranking: BoroughSet[] = boroughs.map((b) => {
    const keep = units.map((u, i) => [u, i] as const).filter(([u]) => u.borough === b);
    const sub = keep.map(([u]) => u);
    const solved = solveUnits(
      sub,
      Float64Array.from(keep, ([, i]) => values[i]),
      s,
      conflict,
    );
    const chosen = (solved.best?.items ?? []).map((i) => sub[i]);
    return {
      borough: b,
      units: chosen,
      total: solved.best?.total ?? 0,
      indexTotal: chosen.reduce((a, u) => a + u.score, 0),
      proven: solved.complete,
    };
  });
  ranking.sort((a, b) => b.units.length - a.units.length || b.total - a.total || a.borough - b.borough);
  if (which.toLowerCase() === 'best') {
    if (!ranking.length) throw new InputError('no borough has an eligible ward', { field: 'pilots.borough' });
    return { borough: ranking[0].borough, rule: 'best-feasible-set', ranking };
  }
  const q = which.toLowerCase();
  const b = areas.parentCodes.findIndex((c, j) => c.toLowerCase() === q || areas.parentNames[j].toLowerCase() === q);
  if (b < 0)
    throw new InputError(`unknown borough "${which}"`, {
      field: 'pilots.borough',
      expected: `"best", or a borough code or name such as ${areas.parentCodes[0]}`,
    });
  return { borough: b, rule: 'named', ranking };
}

/** Conflicts between units (keyed by their seed wards), computed once per pair on demand. */
function conflictCache(n: number, g: Geography, s: PilotSettings): ConflictFn {
  const cache = new Map<number, Conflict | null>();
  return (a, b) => {
    const key = a.seed < b.seed ? a.seed * n + b.seed : b.seed * n + a.seed;
    let c = cache.get(key);
    if (c === undefined) {
      c = unitConflict(a, b, g, s) ?? null;
      cache.set(key, c);
    }
    return c ?? undefined;
  };
}

function passedOverWards(
  r: Ranking,
  units: readonly Unit[],
  items: readonly number[],
  elig: Eligibility,
  borough: BoroughChoice | undefined,
  s: PilotSettings,
  conflict: ConflictFn,
  problem: KSetProblem,
  total: number,
): PassedOver[] {
  const { areas } = r;
  if (!items.length) return [];
  const inPilot = new Set(items.flatMap((i) => units[i].members));
  const worst = Math.max(...items.map((i) => r.rank[units[i].seed]));
  const unitOf = new Map(units.map((u, k) => [u.seed, k]));
  const label = (u: Unit) => `${areas.names[u.seed]} (${areas.codes[u.seed]})`;
  const wards = areas.codes
    .map((_, i) => i)
    .filter((i) => r.rank[i] < worst && !inPilot.has(i))
    .sort((a, b) => r.rank[a] - r.rank[b] || (areas.codes[a] < areas.codes[b] ? -1 : 1));
  return wards.map((w) => {
    const reasons: string[] = [...(elig.reasons.get(w) ?? [])];
    if (borough && areas.parent[w] !== borough.borough)
      reasons.push(`outside the chosen borough ${areas.parentNames[borough.borough]}`);
    const u = unitOf.get(w);
    if (u !== undefined) {
      for (const i of items) {
        const c = conflict(units[u], units[i]);
        if (c?.kind === 'overlap') reasons.push(`overlaps pilot area ${label(units[i])}`);
        else if (c?.kind === 'adjacent') reasons.push(`adjacent to pilot ${label(units[i])}`);
        else if (c?.kind === 'distance')
          reasons.push(`within ${s.min_distance_km} km of pilot ${label(units[i])} (${c.km.toFixed(2)} km)`);
      }
      const sameBorough = items.filter((i) => units[i].borough === units[u].borough).length;
      if (problem.groupCap !== undefined && sameBorough >= problem.groupCap) {
        reasons.push(`borough cap: already ${sameBorough} pilot(s) in ${areas.parentNames[units[u].borough]}`);
      }
      if (!reasons.length) {
        const withIt = searchKSet({ ...problem, forced: u, maxNodes: 100_000 });
        reasons.push(
          withIt.best
            ? `not optimal: the set without it scores higher (best set including it ${withIt.complete ? '' : 'found '}totals ${withIt.best.total.toFixed(3)} against ${total.toFixed(3)})`
            : withIt.complete
              ? `not optimal: no set of ${problem.k} pilots that includes it meets the constraints`
              : `not optimal: no set of ${problem.k} pilots including it was found within the search budget`,
        );
      }
    }
    return { area: w, reasons };
  });
}
