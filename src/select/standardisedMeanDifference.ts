/**
 * Standardised mean difference between a treated and a comparison group (Austin 2009,
 * "Balance diagnostics for comparing the distribution of baseline covariates between treatment
 * groups in propensity-score matched samples", Stat Med 28:3083):
 *
 *   SMD = (x̄_t − x̄_c) / √((s_t² + s_c²)/2)
 *
 * with sample variances (n − 1). Missing values (NaN) are left out of each group. A group of
 * one has variance 0. When both variances are 0 the SMD is 0 if the means agree and NaN
 * (undefined) otherwise; an empty group gives NaN.
 */
import { moments } from '../core/stats/moments.ts';

export interface Smd {
  meanTreated: number;
  meanControl: number;
  smd: number;
}

export function standardisedMeanDifference(treated: ArrayLike<number>, control: ArrayLike<number>): Smd {
  const t = moments(treated);
  const c = moments(control);
  if (t.n === 0 || c.n === 0) return { meanTreated: t.mean, meanControl: c.mean, smd: NaN };
  const vt = t.n > 1 ? t.sd * t.sd : 0;
  const vc = c.n > 1 ? c.sd * c.sd : 0;
  const diff = t.mean - c.mean;
  const pooled = Math.sqrt((vt + vc) / 2);
  const smd = pooled > 0 ? diff / pooled : diff === 0 ? 0 : NaN;
  return { meanTreated: t.mean, meanControl: c.mean, smd };
}

/** Austin's thresholds: |SMD| > 0.1 flags an imbalance, > 0.25 warrants a warning. */
export function balanceFlag(smd: number): 'ok' | 'flag' | 'warn' | 'undefined' {
  if (!(smd === smd)) return 'undefined';
  const a = Math.abs(smd);
  return a > 0.25 ? 'warn' : a > 0.1 ? 'flag' : 'ok';
}
