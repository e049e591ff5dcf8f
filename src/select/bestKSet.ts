/**
 * The exact choice of pilots: among items 0…n−1 given in descending score order, the set of
 * exactly k items that maximises the total score subject to pairwise compatibility (not
 * adjacent, far enough apart…) and at most `groupCap` items per group (borough).
 *
 * Branch and bound (Land & Doig 1960), depth first over items in score order, trying "take
 * item i" before "skip item i". At a node with chosen set S and next position i, every
 * completion adds r = k − |S| items from positions ≥ i that are compatible with S, so
 *
 *   bound = Σ_{s∈S} score_s + (sum of the r highest scores among positions ≥ i compatible with S)
 *
 * is an upper bound on any completion (the r highest are the first r such positions, as the
 * scores are sorted). A node is pruned when bound ≤ the best total found so far, so the search
 * returns the optimum; because "take" is tried first and only a strictly higher total replaces
 * the incumbent, ties go to the set that comes first in rank order. k is small (a handful of
 * pilots), so the search usually visits few nodes; `nodes` reports how many. The greedy set,
 * when it has k items, is the starting incumbent (it is the feasible k-set first in rank order,
 * so the tie rule is unchanged). A node budget (`maxNodes`, default 1,000,000) guards against
 * the rare hard case (many pilots under tight spacing, where even proving infeasibility is
 * combinatorial): when it runs out, `complete` is false and the best set found is returned,
 * not proven optimal, and the caller must say so.
 *
 * Greedy top-down selection (`greedyKSet`) takes items in score order whenever they fit; it is
 * what a reader would do by hand, and the plan reports where it differs from the optimum.
 */

export interface KSetProblem {
  /** Item scores, in descending order. */
  scores: ArrayLike<number>;
  k: number;
  /** Group (borough) of each item, with `groupCap` items allowed per group. */
  group?: ArrayLike<number>;
  groupCap?: number;
  /** Whether two items may both be chosen (symmetric). */
  compatible: (a: number, b: number) => boolean;
  /** An item that must be in the set (used to price "the best set including ward X"). */
  forced?: number;
  /** Stop after this many nodes (default 1,000,000). */
  maxNodes?: number;
}

export interface KSetSearch {
  best?: KSet;
  nodes: number;
  /** False when the node budget ran out: `best` is then not proven optimal (or a set may exist that was not found). */
  complete: boolean;
}

export interface KSet {
  items: number[];
  total: number;
}

/** The optimum (with node count and completeness), or undefined when none was found. */
export function bestKSet(p: KSetProblem): (KSet & { nodes: number; complete: boolean }) | undefined {
  const r = searchKSet(p);
  return r.best ? { ...r.best, nodes: r.nodes, complete: r.complete } : undefined;
}

export function searchKSet(p: KSetProblem): KSetSearch {
  const { scores, k } = p;
  const maxNodes = p.maxNodes ?? 1_000_000;
  const n = scores.length;
  for (let i = 1; i < n; i++)
    if (!(scores[i] <= scores[i - 1])) throw new Error('bestKSet: scores must be in descending order');
  const cap = p.groupCap ?? Infinity;
  const counts = new Map<number, number>();
  const chosen: number[] = [];
  let best: KSet | undefined;
  let nodes = 0;

  const fits = (i: number): boolean => {
    if (p.group && (counts.get(p.group[i]) ?? 0) >= cap) return false;
    for (const c of chosen) if (!p.compatible(c, i)) return false;
    return true;
  };
  const push = (i: number) => {
    chosen.push(i);
    if (p.group) counts.set(p.group[i], (counts.get(p.group[i]) ?? 0) + 1);
  };
  const pop = () => {
    const i = chosen.pop()!;
    if (p.group) counts.set(p.group[i], counts.get(p.group[i])! - 1);
  };

  /** Σ chosen + the r best remaining items from `pos` that fit; −∞ when fewer than r fit. */
  const upper = (pos: number, sum: number): number => {
    let r = k - chosen.length;
    let bound = sum;
    for (let j = pos; j < n && r > 0; j++) {
      if (j !== p.forced && fits(j)) {
        bound += scores[j];
        r--;
      }
    }
    return r > 0 ? -Infinity : bound;
  };
  let complete = true;
  const search = (pos: number, sum: number): void => {
    if (++nodes > maxNodes) {
      complete = false;
      return;
    }
    if (chosen.length === k) {
      if (!best || sum > best.total) best = { items: [...chosen].sort((a, b) => a - b), total: sum };
      return;
    }
    if (upper(pos, sum) <= (best?.total ?? -Infinity)) return;
    for (let i = pos; i < n && complete; i++) {
      if (i === p.forced || !fits(i)) continue;
      push(i);
      search(i + 1, sum + scores[i]);
      pop();
      // From here on items pos…i are skipped: stop when the rest cannot beat the incumbent.
      if (upper(i + 1, sum) <= (best?.total ?? -Infinity)) return;
    }
  };

  if (k === 0) return { best: { items: [], total: 0 }, nodes: 1, complete: true };
  if (p.forced !== undefined) {
    push(p.forced);
    search(0, scores[p.forced]);
  } else {
    const g = greedyKSet(p);
    if (g.items.length === k) best = g;
    search(0, 0);
  }
  return { best, nodes, complete };
}

/** Top-down: take each item in score order when it fits with those already taken. */
export function greedyKSet(p: KSetProblem): KSet {
  const cap = p.groupCap ?? Infinity;
  const counts = new Map<number, number>();
  const items: number[] = [];
  let total = 0;
  for (let i = 0; i < p.scores.length && items.length < p.k; i++) {
    if (p.group && (counts.get(p.group[i]) ?? 0) >= cap) continue;
    if (items.some((c) => !p.compatible(c, i))) continue;
    items.push(i);
    total += p.scores[i];
    if (p.group) counts.set(p.group[i], (counts.get(p.group[i]) ?? 0) + 1);
  }
  return { items, total };
}
