/**
 * Pilot selection under constraints, with the reasons a commissioner needs: which wards were
 * chosen, which higher-ranked wards were passed over and the constraint that excluded each,
 * and where a greedy top-down pick would have differed from the exact optimum.
 *
 * Eligible seeds: ranked wards not on the exclude list (and, in single-borough mode, in that
 * borough). The objective is the total score of the chosen areas (`pilotUnits`), maximised
 * exactly by `bestKSet`. When no k areas satisfy the constraints the largest feasible number is
 * chosen and a warning says so.
 */
import { InputError } from '../core/errors.ts';
import { greedyKSet, searchKSet, type KSetProblem } from './bestKSet.ts';
import type { Geography } from './geography.ts';
import { pilotUnits, type Ranking, type Unit } from './pilotUnits.ts';
import type { PilotSettings } from './settings.ts';
import { unitConflict, type Conflict } from './unitConflict.ts';

export interface PassedOver {
  area: number;
  reasons: string[];
}

export interface BoroughChoice {
  borough: number;
  rule: 'named' | 'top-k-sum';
  /** For the rule: each borough's sum of its top-k eligible scores, highest first. */
  sums: { borough: number; sum: number }[];
}

export interface Selection {
  /** Every candidate area, in score order. */
  units: Unit[];
  /** The chosen areas, in score order. */
  chosen: Unit[];
  total: number;
  greedy: Unit[];
  greedyTotal: number;
  /** Branch-and-bound nodes visited. */
  nodes: number;
  /** Whether the final search finished (the set is proven optimal). */
  proven: boolean;
  excluded: Set<number>;
  borough?: BoroughChoice;
  /** Ranked wards above the lowest-ranked pilot that were not chosen, in rank order. */
  passedOver: PassedOver[];
  warnings: string[];
}

export function selectPilots(r: Ranking, g: Geography, s: PilotSettings): Selection {
  const { areas } = r;
  const n = areas.codes.length;
  const warnings: string[] = [];
  const excluded = excludedAreas(areas.codes, s.exclude);
  const ranked = (i: number) => r.rank[i] === r.rank[i] && r.index[i] === r.index[i];
  const eligible = new Uint8Array(n);
  for (let i = 0; i < n; i++) eligible[i] = ranked(i) && !excluded.has(i) ? 1 : 0;
  const borough = s.borough ? chooseBorough(r, eligible, s.borough, s.k) : undefined;
  if (borough) for (let i = 0; i < n; i++) if (areas.parent[i] !== borough.borough) eligible[i] = 0;
  if (s.non_adjacent && !g.neighbours) warnings.push('no adjacency file: pilots were not checked for sharing a boundary');
  if ((s.min_distance_km > 0 || s.cluster) && !g.lon) warnings.push('no centroids (no lon/lat columns or boundaries): the minimum distance was not applied');
  if (s.cluster && !g.neighbours) warnings.push('no adjacency file: clusters are single wards');
  if (s.cluster && !areas.population.some((p) => p === p)) warnings.push('no population column: the population cap cannot be checked, so clusters are single wards');

  const units = pilotUnits(r, eligible, g, s.cluster);
  const conflict = conflictCache(units, g, s);
  const problem: KSetProblem = {
    scores: units.map((u) => u.score),
    k: Math.min(s.k, units.length),
    group: units.map((u) => u.borough),
    groupCap: s.max_per_borough,
    compatible: (a, b) => conflict(a, b) === undefined,
  };
  // One node budget for the whole descent k, k−1, …: once spent, each further step only checks
  // the greedy set, so an infeasible request cannot multiply the work.
  const budget = 1_000_000;
  let search = searchKSet({ ...problem, maxNodes: budget });
  let nodes = search.nodes;
  let complete = search.complete;
  while (!search.best && problem.k > 0) {
    problem.k--;
    search = searchKSet({ ...problem, maxNodes: Math.max(0, budget - nodes) });
    nodes += search.nodes;
    complete &&= search.complete;
  }
  const found = search.best;
  if (problem.k < s.k) {
    warnings.push(
      complete
        ? `only ${problem.k} pilot area(s) satisfy the constraints (asked for ${s.k})`
        : `no set of ${s.k} pilot areas was found within the search budget; ${problem.k} chosen`,
    );
  }
  if (!search.complete) warnings.push(`the search stopped at its node budget: the chosen set is the best found, not proven optimal`);
  const items = found?.items ?? [];
  const greedy = greedyKSet(problem);
  const chosen = items.map((i) => units[i]);
  const passedOver = passedOverWards(r, units, items, excluded, borough, s, conflict, problem, found?.total ?? 0);
  return {
    units,
    chosen,
    total: found?.total ?? 0,
    greedy: greedy.items.map((i) => units[i]),
    greedyTotal: greedy.total,
    nodes,
    proven: search.complete,
    excluded,
    borough,
    passedOver,
    warnings,
  };
}

function excludedAreas(codes: readonly string[], exclude: readonly string[]): Set<number> {
  const index = new Map(codes.map((c, i) => [c, i]));
  const unknown = exclude.filter((c) => !index.has(c));
  if (unknown.length) {
    throw new InputError(`exclude list names ${unknown.length} unknown ward code(s): ${unknown.slice(0, 5).join(', ')}`, { field: 'pilots.exclude', expected: 'ward codes from the areas file' });
  }
  return new Set(exclude.map((c) => index.get(c)!));
}

/**
 * The single borough: named (code or name, case-insensitive), or by the declared rule
 * "best" = the borough with the highest sum of its top-k eligible index scores (a borough with
 * fewer than k eligible wards sums what it has). Ties go to the borough listed first.
 */
export function chooseBorough(r: Ranking, eligible: Uint8Array, which: string, k: number): BoroughChoice {
  const { areas } = r;
  const perBorough = areas.parentCodes.map(() => [] as number[]);
  for (let i = 0; i < areas.codes.length; i++) if (eligible[i] && areas.parent[i] >= 0) perBorough[areas.parent[i]].push(r.index[i]);
  const sums = perBorough
    .map((xs, b) => ({ borough: b, sum: xs.sort((a, c) => c - a).slice(0, k).reduce((a, x) => a + x, 0), count: xs.length }))
    .filter((x) => x.count > 0)
    .map(({ borough, sum }) => ({ borough, sum }))
    .sort((a, b) => b.sum - a.sum || a.borough - b.borough);
  if (which.toLowerCase() === 'best') {
    if (!sums.length) throw new InputError('no borough has an eligible ward', { field: 'pilots.borough' });
    return { borough: sums[0].borough, rule: 'top-k-sum', sums };
  }
  const q = which.toLowerCase();
  const b = areas.parentCodes.findIndex((c, j) => c.toLowerCase() === q || areas.parentNames[j].toLowerCase() === q);
  if (b < 0) throw new InputError(`unknown borough "${which}"`, { field: 'pilots.borough', expected: `"best", or a borough code or name such as ${areas.parentCodes[0]}` });
  return { borough: b, rule: 'named', sums };
}

/** Conflicts between units by position, computed once per pair on demand. */
function conflictCache(units: readonly Unit[], g: Geography, s: PilotSettings): (a: number, b: number) => Conflict | undefined {
  const cache = new Map<number, Conflict | null>();
  const n = units.length;
  return (a, b) => {
    const key = a < b ? a * n + b : b * n + a;
    let c = cache.get(key);
    if (c === undefined) {
      c = unitConflict(units[a], units[b], g, s) ?? null;
      cache.set(key, c);
    }
    return c ?? undefined;
  };
}

function passedOverWards(
  r: Ranking,
  units: readonly Unit[],
  items: readonly number[],
  excluded: Set<number>,
  borough: BoroughChoice | undefined,
  s: PilotSettings,
  conflict: (a: number, b: number) => Conflict | undefined,
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
    const reasons: string[] = [];
    if (excluded.has(w)) reasons.push('excluded: on the exclude list (already funded)');
    if (borough && areas.parent[w] !== borough.borough) reasons.push(`outside the chosen borough ${areas.parentNames[borough.borough]}`);
    const u = unitOf.get(w);
    if (u !== undefined) {
      for (const i of items) {
        const c = conflict(u, i);
        if (c?.kind === 'overlap') reasons.push(`overlaps pilot area ${label(units[i])}`);
        else if (c?.kind === 'adjacent') reasons.push(`adjacent to pilot ${label(units[i])}`);
        else if (c?.kind === 'distance') reasons.push(`within ${s.min_distance_km} km of pilot ${label(units[i])} (${c.km.toFixed(2)} km)`);
      }
      const sameBorough = items.filter((i) => units[i].borough === units[u].borough).length;
      if (s.max_per_borough !== undefined && sameBorough >= s.max_per_borough) {
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
