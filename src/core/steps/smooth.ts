/**
 * Step "smooth": empirical-Bayes (Poisson–gamma) smoothing of the rates of rare events, for
 * the indicators whose table row declares `smooth` (each a count with a denominator):
 *
 * - `eb`:        every area's rate is shrunk toward the overall rate b = ΣO / Σn of all areas
 *                of the indicator's level with a count and a positive denominator;
 * - `eb-parent`: toward the rate of the area's own parent (borough), with b, s², a estimated
 *                within that parent (an area without a parent: toward the overall rate).
 *
 *   smoothed = (b + C·(O/n − b)) × multiplier,   C = a / (a + b/n)
 *
 * with Marshall's moment estimates (src/core/stats/empiricalBayes.ts). The crude rate
 * (step "denominate") is kept alongside: outputs show both, and a run can switch smoothing off.
 * References: Marshall (1991) Applied Statistics 40, 283–294; Clayton & Kaldor (1987)
 * Biometrics 43, 671–681.
 */
import type { IndicatorSpec } from '../framework.ts';
import type { Areas, IndicatorData, StepRecord } from '../types.ts';
import { smoothGlobal, smoothWithinGroups, type EBEstimate } from '../stats/empiricalBayes.ts';

export interface SmoothOutput {
  /** Smoothed rates (× multiplier) at the indicator's own level, for the smoothed indicators only. */
  columns: Record<string, Float64Array>;
  record: StepRecord;
}

export function smooth(
  specs: readonly IndicatorSpec[],
  data: Readonly<Record<string, IndicatorData>>,
  areas: Areas,
): SmoothOutput {
  const columns: Record<string, Float64Array> = {};
  const settings: {
    indicator: string;
    method: string;
    rate: number;
    priorVariance: number;
    areas: number;
    parents?: number;
  }[] = [];
  const notes: string[] = [];
  for (const spec of specs) {
    const d = data[spec.id];
    if (!spec.smooth || !d) continue;
    if (!d.denominator) {
      notes.push(`${spec.id}: declared smooth ${spec.smooth} but has no denominator; left unsmoothed`);
      continue;
    }
    const multiplier = spec.multiplier;
    if (spec.smooth === 'eb-parent' && spec.level === 'ward') {
      const s = smoothWithinGroups(d.values, d.denominator, areas.parent, areas.parentCodes.length);
      columns[spec.id] = scale(s.rates, multiplier);
      const complete = s.estimates.filter((e) => e.areas > 0 && e.priorVariance === 0).length;
      settings.push({
        indicator: spec.id,
        method: spec.smooth,
        rate: s.overall.rate * multiplier,
        priorVariance: s.overall.priorVariance * multiplier * multiplier,
        areas: s.overall.areas,
        parents: s.estimates.filter((e) => e.areas > 0).length,
      });
      notes.push(
        `${spec.id}: rates shrunk toward each parent's rate; ${complete} parent(s) with no spread beyond Poisson noise (every rate set to the parent's)`,
      );
    } else {
      const s = smoothGlobal(d.values, d.denominator);
      columns[spec.id] = scale(s.rates, multiplier);
      settings.push({
        indicator: spec.id,
        method: spec.smooth,
        rate: s.estimate.rate * multiplier,
        priorVariance: s.estimate.priorVariance * multiplier * multiplier,
        areas: s.estimate.areas,
      });
      notes.push(describe(spec.id, s.estimate, multiplier));
    }
  }
  return {
    columns,
    record: {
      step: 'smooth',
      settings: { method: 'empirical-bayes (Marshall 1991 moments)', indicators: settings },
      notes,
    },
  };
}

function scale(x: Float64Array, m: number): Float64Array {
  if (m !== 1) for (let i = 0; i < x.length; i++) x[i] *= m;
  return x;
}

function describe(id: string, e: EBEstimate, multiplier: number): string {
  const b = e.rate * multiplier;
  if (e.priorVariance === 0)
    return `${id}: no spread beyond Poisson noise over ${e.areas} area(s); every rate set to the overall rate ${b.toPrecision(4)}`;
  return `${id}: rates over ${e.areas} area(s) shrunk toward the overall rate ${b.toPrecision(4)} (between-area SD ${(Math.sqrt(e.priorVariance) * multiplier).toPrecision(4)})`;
}
