/**
 * The evaluation a VRU can file before the pilot starts (a pre-registration), from the monthly
 * series present:
 *
 * - outcomes: the framework's declared primary series (`monthly.primary`) and every other series
 *   in the file as secondary outcomes;
 * - comparison by pre-period outcomes: per pilot, a synthetic control (`syntheticControl`) fitted
 *   on all months of the series (the pre-period), from a donor pool of the `donors` wards of the
 *   comparison pool (not a pilot, not excluded, not adjacent, outside the buffer; with police
 *   data) closest to the pilot in measure profile (standardised Euclidean distance on the
 *   measure z-scores) — so donors match on the profile and the weights on the outcome series;
 * - near-miss controls: pool wards ranked within `near_miss` (e.g. 5–30), just below the cut;
 * - placebos: in-time (fit stopping `placebo_shift` months before the end, "effect" over the last
 *   `placebo_shift` months) for the pilot and, in space, for each donor; the pilot's in-time
 *   estimate is placed among the donors' (`placebos.ts`);
 * - power: α̂ from every ward's series (`overdispersion`), μ = mean monthly count of the pilot
 *   areas, MDE for k = 1…max(6, k) pilots and each follow-up length (`minimumDetectableEffect`),
 *   with `comparisons` comparison wards per pilot;
 * - spillover: the adjacent-ward ring of each pilot (neighbours that are not pilots) as a
 *   secondary outcome area, never a comparison;
 * - randomised pairs (`design: randomised-pairs`): the best 2k eligible areas under the same
 *   constraints, paired by minimum total distance (measure z-scores plus the z-score of the log
 *   pre-period mean of the primary outcome), one of each pair given the pilot by a seeded coin.
 */
import { areaSeries, type MonthlySeries } from '../core/monthlySeries.ts';
import type { MonthlySpec } from '../core/framework.ts';
import type { Result } from '../core/types.ts';
import type { Geography } from '../select/geography.ts';
import { standardisedProfiles } from '../select/matchComparisons.ts';
import type { PilotPlan } from '../select/pilotPlan.ts';
import type { Unit } from '../select/pilotUnits.ts';
import { selectPilots, type SelectionContext } from '../select/selectPilots.ts';
import { minimumDetectableEffect, Z_80, Z_975 } from './minimumDetectableEffect.ts';
import { overdispersion } from './overdispersion.ts';
import { minimumDistancePairs, randomisePairs } from './pairing.ts';
import { inSpacePlacebos, inTimePlacebo } from './placebos.ts';
import { meanOver, syntheticControl } from './syntheticControl.ts';

export interface WardRef {
  code: string;
  name: string;
}

export interface PilotEvaluation {
  pilot: WardRef & { members: WardRef[] };
  preMean: number;
  donorPool: number;
  weights: (WardRef & { weight: number })[];
  preRmspe: number;
  preRmspeRelative: number;
  inTime: { fitMonths: number; change: number; observed: number; expected: number };
  inSpace: { placebos: number; band: [number, number]; p: number };
  nearMiss: (WardRef & { rank: number; preMean: number })[];
  ring: (WardRef & { preMean: number })[];
}

export interface EvaluationPlan {
  outcomes: {
    primary: string;
    secondary: string[];
    file: string;
    period: string;
    source: string;
    months: [string, string];
    monthsCount: number;
  };
  design: 'synthetic-control' | 'randomised-pairs';
  pilots: PilotEvaluation[];
  power: {
    alpha: number;
    alphaWards: number;
    mu: number;
    comparisonsPerPilot: number;
    preMonths: number;
    rows: { k: number; postMonths: number; mde: number }[];
    /**
     * Cross-check from the placebos: sd of log(1 + placebo effect) over every pilot's
     * in-space placebos, and the MDE it implies for k pilots over `placebo_shift` months.
     */
    placebo: { sd: number; estimates: number; months: number; rows: { k: number; mde: number }[] };
    plausible: number;
    detectable: boolean;
    statement: string;
  };
  pairs?: { seed: number; pairs: { treated: WardRef; control: WardRef; distance: number }[]; note?: string };
  settings: { donors: number; nearMiss: [number, number]; placeboShift: number; bufferKm: number; seed: number };
  warnings: string[];
}

export interface EvaluationInputs {
  result: Result;
  geography: Geography;
  plan: PilotPlan;
  monthly: MonthlySeries;
  spec: MonthlySpec;
  ctx: SelectionContext;
}

export function evaluationPlan(x: EvaluationInputs): EvaluationPlan {
  const { result: r, geography: g, plan, monthly: m, spec } = x;
  const e = plan.settings.evaluation;
  const a = r.areas;
  const T = m.months.length;
  const warnings: string[] = [];
  const ref = (i: number): WardRef => ({ code: a.codes[i], name: a.names[i] });
  const primary = spec.primary;
  const unitSeries = (members: readonly number[], series = primary): Float64Array => {
    const out = new Float64Array(T);
    for (const i of members) {
      if (!m.hasData[i]) continue;
      const s = areaSeries(m, series, i);
      for (let t = 0; t < T; t++) out[t] += s[t];
    }
    return out;
  };
  const wardMean = (i: number) => (m.hasData[i] ? meanOver(areaSeries(m, primary, i), 0, T) : NaN);
  const prof = standardisedProfiles(r);
  const profileDistance = (i: number, j: number) => {
    let s = 0;
    for (const z of prof.z) {
      const d = z[i] - z[j];
      if (d === d) s += d * d;
    }
    return Math.sqrt(s);
  };
  const pool = plan.matching.pool.eligible;
  const pilotWards = new Set(plan.pilots.flatMap((p) => p.unit.members));
  const shift = e.placebo_shift;
  if (T - shift < 2) warnings.push(`the series has ${T} months: too few for an in-time placebo of ${shift} months`);

  const placeboLogs: number[] = [];
  const pilots: PilotEvaluation[] = plan.pilots.map((p) => {
    const seed = p.unit.seed;
    const y = unitSeries(p.unit.members);
    const candidates = [...pool.keys()].filter(
      (i) => pool[i] && m.hasData[i] && meanOver(areaSeries(m, primary, i), 0, T) > 0,
    );
    const donorsIdx = candidates
      .sort((i, j) => profileDistance(seed, i) - profileDistance(seed, j) || i - j)
      .slice(0, e.donors);
    const donorSeries = donorsIdx.map((i) => Float64Array.from(areaSeries(m, primary, i)));
    const fit = syntheticControl(y, donorSeries, T);
    let inTime = { fitMonths: T - shift, change: NaN, observed: NaN, expected: NaN };
    let inSpace = { placebos: 0, band: [NaN, NaN] as [number, number], p: NaN };
    if (T - shift >= 2) {
      inTime = inTimePlacebo(y, donorSeries, T, shift);
      const d = inSpacePlacebos(donorSeries, T - shift, T - shift, T, inTime.change);
      inSpace = { placebos: d.effects.length, band: d.band, p: d.p };
      for (const x of d.effects) if (x > -1) placeboLogs.push(Math.log(1 + x));
    }
    const [lo, hi] = e.near_miss;
    const nearMiss = [...pool.keys()]
      .filter((i) => pool[i] && r.rank[i] >= lo && r.rank[i] <= hi)
      .sort((i, j) => r.rank[i] - r.rank[j])
      .map((i) => ({ ...ref(i), rank: r.rank[i], preMean: wardMean(i) }));
    const ring = [...new Set(p.unit.members.flatMap((w) => [...(g.neighbours?.[w] ?? [])]))]
      .filter((i) => !pilotWards.has(i))
      .sort((i, j) => (a.codes[i] < a.codes[j] ? -1 : 1))
      .map((i) => ({ ...ref(i), preMean: wardMean(i) }));
    if (!m.hasData[seed])
      warnings.push(`${a.names[seed]} (${a.codes[seed]}) has no monthly series: its synthetic control is empty`);
    return {
      pilot: { ...ref(seed), members: p.unit.members.map(ref) },
      preMean: fit.preMean,
      donorPool: donorsIdx.length,
      weights: fit.weights.map((w) => ({ ...ref(donorsIdx[w.donor]), weight: w.weight })),
      preRmspe: fit.preRmspe,
      preRmspeRelative: fit.preRmspeRelative,
      inTime,
      inSpace,
      nearMiss,
      ring,
    };
  });
  if (!g.neighbours) warnings.push('no adjacency: the spillover ring cannot be listed');

  // Power.
  const all = a.codes
    .map((_, i) => i)
    .filter((i) => m.hasData[i])
    .map((i) => areaSeries(m, primary, i));
  const od = overdispersion(all);
  const mu = pilots.length ? pilots.reduce((s, p) => s + p.preMean, 0) / pilots.length : NaN;
  const k = plan.settings.k;
  const c = Math.max(1, plan.settings.comparisons);
  const rows: { k: number; postMonths: number; mde: number }[] = [];
  for (let kk = 1; kk <= Math.max(6, k); kk++)
    for (const P of e.post_months)
      rows.push({
        k: kk,
        postMonths: P,
        mde: minimumDetectableEffect({ mu, alpha: od.alpha, k: kk, c, preMonths: T, postMonths: P }),
      });
  const longest = Math.max(...e.post_months);
  const atK = rows.find((x) => x.k === k && x.postMonths === longest)?.mde ?? Infinity;
  const sd = sampleSd(placeboLogs);
  const placeboRows = [];
  for (let kk = 1; kk <= Math.max(6, k); kk++)
    placeboRows.push({ k: kk, mde: 1 - Math.exp((-(Z_975 + Z_80) * sd) / Math.sqrt(kk)) });
  const placeboAtK = placeboRows.find((x) => x.k === k)?.mde ?? NaN;
  const detectable = atK <= e.plausible_reduction;
  const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(0)} %` : 'more than 99 %');
  const statement = detectable
    ? `With ${k} pilot area(s) followed for ${longest} months the design can detect a reduction of ${pct(atK)} or more (80 % power, 5 % two-sided), within the plausible effect of ${pct(e.plausible_reduction)}.`
    : `With ${k} pilot area(s) followed for ${longest} months the smallest reduction the design can detect is ${pct(atK)} (80 % power, 5 % two-sided): it CANNOT detect a plausible effect of ${pct(e.plausible_reduction)}. ` +
      `${firstDetectable(rows, e.plausible_reduction, longest)}`;
  const crossCheck =
    placeboAtK === placeboAtK
      ? ` Cross-check from the data: the spread of ${placeboLogs.length} placebo estimates over ${shift} months implies a minimum detectable reduction of ${pct(placeboAtK)} for ${k} pilot(s) over ${shift} months (formula: ${pct(rows.find((x) => x.k === k && x.postMonths === shift)?.mde ?? NaN)}${rows.some((x) => x.postMonths === shift) ? '' : ' — not tabulated'})` +
        (placeboAtK > e.plausible_reduction
          ? `; by that measure a ${pct(e.plausible_reduction)} effect is NOT reliably detectable over ${shift} months.`
          : '.')
      : '';

  let pairs: EvaluationPlan['pairs'];
  if (e.design === 'randomised-pairs') pairs = randomisedPairs(x, profileDistance, wardMean, ref, warnings);

  return {
    outcomes: {
      primary,
      secondary: m.series.filter((s) => s !== primary),
      file: spec.file,
      period: spec.period,
      source: spec.source,
      months: [m.months[0], m.months[T - 1]],
      monthsCount: T,
    },
    design: e.design,
    pilots,
    power: {
      alpha: od.alpha,
      alphaWards: od.wards,
      mu,
      comparisonsPerPilot: c,
      preMonths: T,
      rows,
      placebo: { sd, estimates: placeboLogs.length, months: shift, rows: placeboRows },
      plausible: e.plausible_reduction,
      detectable,
      statement: statement + crossCheck,
    },
    pairs,
    settings: {
      donors: e.donors,
      nearMiss: e.near_miss,
      placeboShift: shift,
      bufferKm: plan.settings.buffer_km,
      seed: e.seed,
    },
    warnings,
  };
}

function sampleSd(xs: readonly number[]): number {
  if (xs.length < 2) return NaN;
  const m = xs.reduce((a, x) => a + x, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
}

function firstDetectable(
  rows: readonly { k: number; postMonths: number; mde: number }[],
  plausible: number,
  longest: number,
): string {
  const hit = rows.find((x) => x.postMonths === longest && x.mde <= plausible);
  return hit
    ? `About ${hit.k} pilot areas (or pooling the pilots with more comparison wards) would be needed for ${(100 * plausible).toFixed(0)} %.`
    : `Not even ${rows[rows.length - 1].k} pilot areas would detect ${(100 * plausible).toFixed(0)} % over ${longest} months.`;
}

/** The randomised matched-pair design on the best 2k eligible areas under the same constraints. */
function randomisedPairs(
  x: EvaluationInputs,
  profileDistance: (i: number, j: number) => number,
  wardMean: (i: number) => number,
  ref: (i: number) => WardRef,
  warnings: string[],
): NonNullable<EvaluationPlan['pairs']> {
  const { plan, result: r, geography: g } = x;
  const s = plan.settings;
  const sel = selectPilots(r, g, { ...s, k: 2 * s.k }, x.ctx);
  const units: Unit[] = sel.chosen;
  let note: string | undefined;
  if (units.length < 2 * s.k) {
    note = `only ${units.length} eligible areas meet the constraints (asked for ${2 * s.k}); ${Math.floor(units.length / 2)} pair(s) formed`;
    warnings.push(note);
  }
  const n = units.length - (units.length % 2);
  const seeds = units.slice(0, n).map((u) => u.seed);
  // z-score of the log pre-period mean over wards with a positive mean.
  const logs = seeds.map((i) => Math.log(wardMean(i)));
  const allLogs = r.areas.codes.map((_, i) => Math.log(wardMean(i))).filter((v) => Number.isFinite(v));
  const mean = allLogs.reduce((acc, v) => acc + v, 0) / allLogs.length;
  const sd = Math.sqrt(allLogs.reduce((acc, v) => acc + (v - mean) ** 2, 0) / Math.max(1, allLogs.length - 1)) || 1;
  const d = (i: number, j: number) => {
    const lz = (Number.isFinite(logs[i]) && Number.isFinite(logs[j]) ? (logs[i] - logs[j]) / sd : 0) ** 2;
    return Math.sqrt(profileDistance(seeds[i], seeds[j]) ** 2 + lz);
  };
  const matched = minimumDistancePairs(d, n);
  const drawn = randomisePairs(matched.pairs, d, s.evaluation.seed);
  return {
    seed: s.evaluation.seed,
    pairs: drawn.map((p) => ({
      treated: ref(seeds[p.treated]),
      control: ref(seeds[p.treated === p.a ? p.b : p.a]),
      distance: p.distance,
    })),
    note,
  };
}
