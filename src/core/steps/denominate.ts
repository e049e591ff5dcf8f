/**
 * Step "denominate": turn counts into rates. For an indicator with a denominator,
 *
 *   value = numerator / denominator × multiplier     (e.g. offences per 1,000 residents)
 *
 * A zero or missing denominator gives a missing value (never infinity), counted in the log.
 * Indicators without a denominator are multiplied by their multiplier (default 1).
 * Reference: OECD/JRC (2008), Handbook on Constructing Composite Indicators, §1.3 (scaling
 * by size to make areas comparable).
 */
import type { IndicatorSpec } from '../framework.ts';
import type { IndicatorData, StepRecord } from '../types.ts';

export function denominate(
  specs: readonly IndicatorSpec[],
  data: Readonly<Record<string, IndicatorData>>,
): { columns: Record<string, Float64Array>; record: StepRecord } {
  const columns: Record<string, Float64Array> = {};
  const notes: string[] = [];
  for (const spec of specs) {
    const d = data[spec.id];
    if (!d) continue;
    columns[spec.id] = rate(d.values, d.denominator, spec.multiplier);
    if (d.denominator) {
      const zero = countZeroDenominators(d.values, d.denominator);
      if (zero > 0) notes.push(`${spec.id}: ${zero} area(s) with a zero denominator set to missing`);
    }
  }
  return { columns, record: { step: 'denominate', settings: rateSettings(specs), notes } };
}

/** numerator / denominator × multiplier, NaN where the denominator is 0 or missing. */
export function rate(numerator: Float64Array, denominator: Float64Array | undefined, multiplier = 1): Float64Array {
  const out = new Float64Array(numerator.length);
  if (!denominator) {
    for (let i = 0; i < out.length; i++) out[i] = numerator[i] * multiplier;
    return out;
  }
  for (let i = 0; i < out.length; i++) {
    const d = denominator[i];
    out[i] = d !== 0 ? (numerator[i] / d) * multiplier : NaN;
  }
  return out;
}

function countZeroDenominators(numerator: Float64Array, denominator: Float64Array): number {
  let n = 0;
  for (let i = 0; i < denominator.length; i++) if (denominator[i] === 0 && numerator[i] === numerator[i]) n++;
  return n;
}

function rateSettings(specs: readonly IndicatorSpec[]) {
  return specs
    .filter((s) => s.denominator)
    .map((s) => ({ indicator: s.id, numerator: s.column, denominator: s.denominator, multiplier: s.multiplier }));
}
