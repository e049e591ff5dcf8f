/**
 * Geometric means need every input > 0. Following the OECD/JRC Handbook (§1.7) and COINr, the
 * normalised *indicators* are put on a positive scale once, and nothing above them is ever
 * rescaled (a mean of positive values is positive):
 *
 * - when no level aggregates geometrically (aggregate.indicators, aggregate.measures,
 *   combine.method), nothing changes;
 * - when the normalisation already gives positive values — rank, percentile, or minmax /
 *   goalposts with a range [l, u] with l > 0 (COINr's example: minmax to [1, 100]) — the
 *   normalised values are used as they are (exactly COINr);
 * - otherwise (z-score, normal scores, distance to a reference, minmax to [0, 100] …) each
 *   normalised indicator is rescaled to [1, 100] by min-max over the reference set:
 *   y' = 1 + 99·(y − min)/(max − min) (a constant column → 50.5). This variant is named in
 *   the run log: "indicators rescaled to [1, 100] for geometric aggregation". Under it every
 *   linear normalisation gives the same index (min-max of a linear transform is the same).
 */
import type { Methods } from '../framework.ts';
import { aggregator } from '../methods/aggregate/registry.ts';
import { normaliser } from '../methods/normalise/registry.ts';
import { extent } from '../stats/moments.ts';
import { membersOnly } from '../stats/referenceMask.ts';

export const POSITIVE_RESCALE_NOTE =
  'indicators rescaled to [1, 100] for geometric aggregation (min-max over the reference set); aggregates not rescaled';

/** True when some level aggregates with a method that needs positive inputs. */
export function needsPositive(methods: Methods): boolean {
  const c = methods.combine.method;
  return (
    aggregator(methods.aggregate.indicators).needsPositive ||
    aggregator(methods.aggregate.measures).needsPositive ||
    (c !== 'exponential' && aggregator(c).needsPositive)
  );
}

/** True when the normalisation's outputs are > 0 whatever the data. */
export function positiveNormalisation(settings: Methods['normalise']): boolean {
  if (normaliser(settings.method).positive) return true;
  return (settings.method === 'minmax' || settings.method === 'goalposts') && (settings.range?.[0] ?? 0) > 0;
}

/** True when the indicators must be rescaled to [1, 100] before aggregation. */
export function rescalesIndicators(methods: Methods): boolean {
  return needsPositive(methods) && !positiveNormalisation(methods.normalise);
}

/** y' = 1 + 99·(y − min)/(max − min), min and max over the reference set. */
export function rescaleIndicator(y: Float64Array, ref?: Uint8Array): Float64Array {
  const [lo, hi] = extent(membersOnly(y, ref));
  const range = hi - lo;
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    out[i] = v === v ? (range > 0 ? 1 + (99 * (v - lo)) / range : 50.5) : NaN;
  }
  return out;
}
