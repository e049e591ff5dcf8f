/**
 * `GET /api/wards/:code`: one ward's row, why it ranks where it does (`explainArea`: weight ×
 * normalised value per category, measure and indicator), its raw indicator values with units,
 * status, period and the median of all wards,
 * and, when the served output has them, its robustness summary and its role in the pilot
 * selection.
 */
import { explainArea } from '../../core/explain.ts';
import type { Result } from '../../core/types.ts';
import { pilotRole, type PilotTables } from '../pilotTables.ts';
import type { RobustnessRow } from '../robustnessTable.ts';
import { median } from '../../core/stats/quantile.ts';
import { jsonNumber, wardRow } from './wardsView.ts';

/**
 * Median of each indicator's raw value over all areas with a
 * value (computed once per run, shown beside a ward's value).
 */
export function rawMedians(result: Result): Record<string, number | null> {
  return Object.fromEntries(result.indicatorIds.map((id) => [id, jsonNumber(median(result.raw[id]))]));
}

export function wardView(
  result: Result,
  i: number,
  robustness?: ReadonlyMap<string, RobustnessRow>,
  pilots?: PilotTables,
  medians: Record<string, number | null> = rawMedians(result),
) {
  const code = result.areas.codes[i];
  const spec = new Map(result.framework.indicators.map((s) => [s.id, s]));
  const raw = Object.fromEntries(
    result.indicatorIds.map((id) => {
      const s = spec.get(id)!;
      return [
        id,
        {
          value: jsonNumber(result.raw[id][i]),
          median: medians[id] ?? null,
          unit: s.unit,
          level: s.level,
          name: s.name,
          status: s.status,
          period: s.period,
        },
      ];
    }),
  );
  return {
    ward: wardRow(result, i),
    // NaN (no score) becomes null when serialised (see jsonPayload)
    explain: explainArea(result, i),
    raw,
    robustness: robustness?.get(code) ?? null,
    pilot: pilots ? pilotRole(pilots, code) : null,
  };
}
