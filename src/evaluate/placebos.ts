/**
 * Placebo checks for a synthetic-control estimate (Abadie, Diamond & Hainmueller 2010, §4):
 *
 * - in-space: each donor in turn is treated as if it were the pilot, with the other donors as
 *   its donor pool, fitted on the same months and estimated over the same evaluation months.
 *   The spread of these placebo effects is what the method reports when nothing happened; the
 *   pilot's estimate is placed in it by the permutation p-value
 *   p = (1 + #{j : |eⱼ| ≥ |e₀|}) / (J + 1), and the placebo band is the 5th–95th percentile of
 *   the placebo effects (Hyndman & Fan type 7).
 * - in-time: the fit stops `shift` months before the real start and the "effect" is estimated
 *   over the `shift` months up to it, when no pilot existed; it should be near zero.
 */
import { effectOver, syntheticControl, type EffectEstimate } from './syntheticControl.ts';

export interface PlaceboDistribution {
  effects: number[];
  /** 5th and 95th percentiles of the placebo effects. */
  band: [number, number];
  /** Permutation p-value of the pilot's effect among the placebos. */
  p: number;
}

export function quantile(sorted: readonly number[], q: number): number {
  if (!sorted.length) return NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Placebo effects of every donor over months [from, to), fitted on [0, fitMonths). */
export function inSpacePlacebos(
  donors: readonly ArrayLike<number>[],
  fitMonths: number,
  from: number,
  to: number,
  pilotEffect: number,
): PlaceboDistribution {
  const effects: number[] = [];
  donors.forEach((d, j) => {
    const others = donors.filter((_, k) => k !== j);
    if (!others.length) return;
    let fit;
    try {
      fit = syntheticControl(d, others, fitMonths);
    } catch {
      return;
    }
    const e = effectOver(d, fit.synthetic, from, to).change;
    if (e === e) effects.push(e);
  });
  const sorted = [...effects].sort((a, b) => a - b);
  const beyond = effects.filter((e) => Math.abs(e) >= Math.abs(pilotEffect)).length;
  return { effects, band: [quantile(sorted, 0.05), quantile(sorted, 0.95)], p: (1 + beyond) / (effects.length + 1) };
}

/** The in-time placebo: fit on [0, start − shift), "effect" over [start − shift, start). */
export function inTimePlacebo(
  target: ArrayLike<number>,
  donors: readonly ArrayLike<number>[],
  start: number,
  shift: number,
): EffectEstimate & { fitMonths: number } {
  const fitMonths = start - shift;
  if (fitMonths < 2)
    throw new Error(`in-time placebo needs at least 2 fitting months (start ${start}, shift ${shift})`);
  const fit = syntheticControl(target, donors, fitMonths);
  return { ...effectOver(target, fit.synthetic, fitMonths, start), fitMonths };
}
