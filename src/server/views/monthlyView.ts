/**
 * `GET /api/monthly/:code`: a ward's monthly counts per series beside the mean per ward of its
 * borough and of all areas, month by month:
 *
 *   borough[t] = Σ_{w in borough, with data} count_w[t] / #{w in borough, with data}
 *   london[t]  = Σ_{w with data} count_w[t] / #{w with data}
 *
 * Areas without rows in the file (hasData = 0) are left out of both means.
 */
import type { MonthlyResponse } from '../../core/apiTypes.ts';
import type { MonthlySpec } from '../../core/framework.ts';
import type { MonthlySeries } from '../../core/monthlySeries.ts';
import type { Result } from '../../core/types.ts';

function meanOver(mat: Float64Array, T: number, areas: readonly number[]): number[] {
  const out = new Array<number>(T).fill(0);
  for (const a of areas) for (let t = 0; t < T; t++) out[t] += mat[a * T + t];
  return areas.length ? out.map((v) => v / areas.length) : out.map(() => NaN);
}

export function monthlyView(
  result: Result,
  m: { spec: MonthlySpec; series: MonthlySeries },
  i: number,
): MonthlyResponse {
  const a = result.areas;
  const T = m.series.months.length;
  const withData = a.codes.map((_, k) => k).filter((k) => m.series.hasData[k] === 1);
  const sameBorough = withData.filter((k) => a.parent[k] === a.parent[i]);
  const ids = [m.spec.primary, ...m.series.series.filter((s) => s !== m.spec.primary)];
  return {
    code: a.codes[i],
    name: a.names[i],
    borough_name: a.parentNames[a.parent[i]] ?? '',
    period: m.spec.period,
    source: m.spec.source,
    primary: m.spec.primary,
    months: m.series.months,
    series: ids.map((id) => {
      const mat = m.series.counts.get(id)!;
      return {
        id,
        ward: m.series.hasData[i] === 1 ? Array.from(mat.subarray(i * T, i * T + T)) : null,
        borough: meanOver(mat, T, sameBorough),
        london: meanOver(mat, T, withData),
        borough_wards: sameBorough.length,
        london_wards: withData.length,
      };
    }),
  };
}
