/**
 * Map classes: the decile of the shown variable, 1 = the 10 % of wards with the highest priority
 * (highest score), 10 = the lowest, 0 = no data. For the index the ranking's own decile is used;
 * for any other variable the same rule is applied to its scores: decile = ⌈10·r/N⌉ with r the
 * descending rank (ties averaged) among the N wards with a value — `decileOf` in
 * src/core/steps/rank.ts (IoD 2019 convention: decile 1 = most deprived).
 */
import { rankDescending } from '../../src/core/stats/rankDescending.ts';
import { decileOf } from '../../src/core/steps/rank.ts';
import type { WardTable } from './wardTable.ts';

export function decileClasses(values: ArrayLike<number>): Uint8Array {
  const rank = rankDescending(values);
  let n = 0;
  for (let i = 0; i < rank.length; i++) if (rank[i] === rank[i]) n++;
  const out = new Uint8Array(rank.length);
  for (let i = 0; i < rank.length; i++) out[i] = rank[i] === rank[i] ? decileOf(rank[i], n) : 0;
  return out;
}

/** Classes of one map variable ('index' uses the ranking's decile). */
export function layerClasses(table: WardTable, layer: string): Uint8Array {
  if (layer === 'index') return table.decile;
  const col = table.columns[layer];
  return col ? decileClasses(col) : new Uint8Array(table.codes.length);
}
