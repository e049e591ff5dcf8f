/**
 * Step "apportion": bring borough-level indicators down to wards. Each ward inherits its
 * borough's value (the VRU Area Prioritisation Tool's method for indicators published only for
 * boroughs): x_ward = x_borough(parent(ward)). Such indicators are flagged as borough stand-ins
 * in every output, since they cannot separate wards within one borough.
 */
import type { IndicatorSpec } from '../framework.ts';
import type { Areas, StepRecord } from '../types.ts';

export function apportion(
  specs: readonly IndicatorSpec[],
  columns: Readonly<Record<string, Float64Array>>,
  areas: Areas,
): { columns: Record<string, Float64Array>; record: StepRecord } {
  const out: Record<string, Float64Array> = {};
  const boroughLevel: string[] = [];
  for (const spec of specs) {
    const col = columns[spec.id];
    if (!col) continue;
    if (spec.level === 'borough') {
      out[spec.id] = inheritFromParent(col, areas.parent);
      boroughLevel.push(spec.id);
    } else {
      out[spec.id] = col;
    }
  }
  const notes = boroughLevel.length
    ? [
        `${boroughLevel.length} borough-level indicator(s) inherited by every ward of the borough: ${boroughLevel.join(', ')}`,
      ]
    : [];
  return {
    columns: out,
    record: { step: 'apportion', settings: { method: 'inherit-parent', indicators: boroughLevel }, notes },
  };
}

/** out[i] = parentValues[parent[i]] (NaN where the parent is unknown, parent[i] < 0). */
export function inheritFromParent(parentValues: Float64Array, parent: Int32Array): Float64Array {
  const out = new Float64Array(parent.length);
  for (let i = 0; i < parent.length; i++) {
    const p = parent[i];
    out[i] = p >= 0 && p < parentValues.length ? parentValues[p] : NaN;
  }
  return out;
}
