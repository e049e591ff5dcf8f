/**
 * Synthetic control for one pilot (Abadie, Diamond & Hainmueller 2010): a weighted average of
 * donor wards, weights non-negative and summing to 1, fitted on the pre-period months of the
 * outcome.
 *
 * Pilots are chosen for extreme levels, so no convex combination of donors can match a pilot's
 * level; the fit is on the trajectory instead: every series is divided by its own mean over the
 * fitting months (ỹ(t) = y(t)/ȳ_pre), the weights solve simplex least squares on ỹ over those
 * months (`simplexLeastSquares`), and the synthetic series in counts is
 *
 *   ŷ(t) = ȳ_pre,pilot · Σⱼ wⱼ ỹⱼ(t).
 *
 * Pre-period fit: RMSPE = √(mean over fitting months of (y − ŷ)²), in counts and as a share of
 * the pilot's pre-period mean. Effect over evaluation months E: Σ_E y / Σ_E ŷ − 1 (−0.2 = a
 * 20 % reduction). Donors whose pre-period mean is 0 cannot be scaled and are left out.
 */
import { simplexLeastSquares } from './simplexLeastSquares.ts';

export interface SyntheticFit {
  /** Donor positions (into the donor list given) with their weights, weights > 0 only, largest first. */
  weights: { donor: number; weight: number }[];
  /** The synthetic series in counts, all months. */
  synthetic: Float64Array;
  preMean: number;
  /** Pre-period RMSPE in counts and relative to the pre-period mean. */
  preRmspe: number;
  preRmspeRelative: number;
  converged: boolean;
}

export interface EffectEstimate {
  observed: number;
  expected: number;
  /** observed / expected − 1. */
  change: number;
}

/** Mean of xs[from, to). */
export function meanOver(xs: ArrayLike<number>, from: number, to: number): number {
  let s = 0;
  for (let t = from; t < to; t++) s += xs[t];
  return s / (to - from);
}

/** Fits on months [0, fitMonths). `donors[j]` are full-length series. */
export function syntheticControl(
  target: ArrayLike<number>,
  donors: readonly ArrayLike<number>[],
  fitMonths: number,
): SyntheticFit {
  const T = target.length;
  const preMean = meanOver(target, 0, fitMonths);
  const usable = donors.map((d, j) => [d, j] as const).filter(([d]) => meanOver(d, 0, fitMonths) > 0);
  if (!usable.length) throw new Error('syntheticControl: no donor has a positive pre-period mean');
  const scaled = usable.map(([d]) => {
    const m = meanOver(d, 0, fitMonths);
    return Float64Array.from({ length: T }, (_, t) => d[t] / m);
  });
  const y = Float64Array.from({ length: fitMonths }, (_, t) => (preMean > 0 ? target[t] / preMean : 0));
  const fit = simplexLeastSquares(
    y,
    scaled.map((s) => s.subarray(0, fitMonths)),
  );
  const synthetic = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    let s = 0;
    for (let j = 0; j < scaled.length; j++) s += fit.weights[j] * scaled[j][t];
    synthetic[t] = preMean * s;
  }
  let sse = 0;
  for (let t = 0; t < fitMonths; t++) sse += (target[t] - synthetic[t]) ** 2;
  const preRmspe = Math.sqrt(sse / fitMonths);
  const weights = usable
    .map(([, j], k) => ({ donor: j, weight: fit.weights[k] }))
    .filter((w) => w.weight > 1e-9)
    .sort((a, b) => b.weight - a.weight || a.donor - b.donor);
  return {
    weights,
    synthetic,
    preMean,
    preRmspe,
    preRmspeRelative: preMean > 0 ? preRmspe / preMean : NaN,
    converged: fit.converged,
  };
}

/** The effect over months [from, to) against the synthetic series. */
export function effectOver(
  target: ArrayLike<number>,
  synthetic: ArrayLike<number>,
  from: number,
  to: number,
): EffectEstimate {
  let observed = 0;
  let expected = 0;
  for (let t = from; t < to; t++) {
    observed += target[t];
    expected += synthetic[t];
  }
  return { observed, expected, change: expected > 0 ? observed / expected - 1 : NaN };
}
