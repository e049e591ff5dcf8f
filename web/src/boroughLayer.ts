/**
 * The borough view: a map layer colouring the boroughs by one of their summaries from the run's
 * boroughs.csv (`/api/boroughs`, or the what-if result's own summaries), classed like the ward
 * layers: deciles of the borough values (1 = highest priority = highest value, ⌈10·r/N⌉ over
 * the N boroughs with a value, `decileOf`: with fewer than 10,
 * ⌊10·(r − 1)/N⌋ + 1), so "darker = higher priority" holds here too.
 */
import type { BoroughRow } from '../../src/core/apiTypes.ts';
import type { BoroughSummary } from '../../src/core/types.ts';
import { decileClasses } from './classify.ts';

export const BOROUGH_LAYERS = [
  { key: 'borough:average_score', label: 'Boroughs: average index score (population-weighted)' },
  { key: 'borough:extent', label: 'Boroughs: extent (population in the highest-priority wards)' },
  { key: 'borough:top_decile_share', label: 'Boroughs: share of wards in the top decile' },
] as const;

export type BoroughField = 'average_score' | 'extent' | 'top_decile_share';

export const isBoroughLayer = (key: string): boolean => key.startsWith('borough:');

/** Borough rows from a Result's summaries (what-if), in the API's shape. */
export function rowsFromSummaries(s: readonly BoroughSummary[]): BoroughRow[] {
  const n = (v: number) => (Number.isFinite(v) ? v : null);
  return s.map((b) => ({
    code: b.code,
    name: b.name,
    wards: b.wards,
    ranked_wards: b.rankedWards,
    average_score: n(b.averageScore),
    average_rank: n(b.averageRank),
    extent: n(b.extent),
    local_concentration: n(b.localConcentration),
    top_decile_share: n(b.topDecileShare),
    rank_of_average_score: n(b.rankOfAverageScore),
  }));
}

/** Classes (1…10, 0 = no value) of the boroughs for one borough layer key. */
export function boroughClasses(rows: readonly BoroughRow[], key: string): Uint8Array {
  const field = key.slice('borough:'.length) as BoroughField;
  return decileClasses(rows.map((r) => r[field] ?? NaN));
}
