/** `GET /api/boroughs`: the run's borough summaries as boroughs.csv has them (missing → null). */
import type { BoroughRow } from '../../core/apiTypes.ts';
import type { BoroughSummary, Result } from '../../core/types.ts';
import { jsonNumber } from './wardsView.ts';

export function boroughRow(b: BoroughSummary): BoroughRow {
  return {
    code: b.code,
    name: b.name,
    wards: b.wards,
    ranked_wards: b.rankedWards,
    average_score: jsonNumber(b.averageScore),
    average_rank: jsonNumber(b.averageRank),
    extent: jsonNumber(b.extent),
    local_concentration: jsonNumber(b.localConcentration),
    top_decile_share: jsonNumber(b.topDecileShare),
    rank_of_average_score: jsonNumber(b.rankOfAverageScore),
  };
}

export function boroughsView(result: Result): { boroughs: BoroughRow[] } {
  return { boroughs: result.boroughs.map(boroughRow) };
}
