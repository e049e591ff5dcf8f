/**
 * The pipeline: validate → denominate → smooth → apportion → impute → reference (the areas whose
 * statistics count) → treat → normalise → weights → aggregate → combine → rank, each a pure step
 * whose settings and notes go into the run log.
 *
 * `prepare` does the steps that depend only on the data (denominate, smooth, apportion); `score` does
 * the rest under a choice of methods and weights. A robustness run or the map's what-if calls
 * `score` many times on one `Prepared`, re-running only what a choice touches.
 */
import type { Framework, IndicatorSpec, Methods } from './framework.ts';
import type { Areas, Excluded, Inputs, Result, StepRecord } from './types.ts';
import { denominate } from './steps/denominate.ts';
import { apportion } from './steps/apportion.ts';
import { smooth } from './steps/smooth.ts';
import { impute } from './steps/impute.ts';
import { treat } from './steps/treat.ts';
import { normalise } from './steps/normalise.ts';
import { referenceSet } from './steps/referenceSet.ts';
import { indicatorWeights } from './steps/deriveWeights.ts';
import { POSITIVE_RESCALE_NOTE, rescaleIndicator, rescalesIndicators } from './steps/positiveScale.ts';
import {
  aggregateGroups,
  aggregateRecord,
  categoryGroups,
  measureGroups,
  normaliseWeights,
  type Group,
} from './steps/aggregate.ts';
import { combine } from './steps/combine.ts';
import { rankAreas } from './steps/rank.ts';
import { boroughSummaries } from './steps/boroughSummary.ts';
import { categoryEvidence, evidenceWarning } from './evidence.ts';

export interface Prepared {
  framework: Framework;
  areas: Areas;
  /** Indicators with data, in framework order. */
  specs: IndicatorSpec[];
  /** Ward-level values after denominate and apportion (crude rates: not smoothed). */
  raw: Record<string, Float64Array>;
  /** Ward-level smoothed rates after smooth and apportion, for the indicators declaring `smooth` only. */
  smoothed: Record<string, Float64Array>;
  excluded: Excluded[];
  log: StepRecord[];
}

export interface WeightOverrides {
  categories?: Record<string, number>;
  measures?: Record<string, number>;
  indicators?: Record<string, number>;
}

export interface ScoreOptions {
  methods?: Methods;
  weights?: WeightOverrides;
  /** Indicators to leave out of this run. */
  omit?: readonly string[];
  /** Use borough-level stand-in indicators (default true). */
  boroughStandIns?: boolean;
  /** Use the smoothed rates of indicators declaring `smooth` (default true); false = crude rates. */
  smoothing?: boolean;
}

export function prepare(framework: Framework, inputs: Inputs): Prepared {
  const specs = framework.indicators.filter((s) => inputs.data[s.id] !== undefined);
  const d = denominate(specs, inputs.data);
  const sm = smooth(specs, inputs.data, inputs.areas);
  const a = apportion(specs, d.columns, inputs.areas);
  const smoothed = apportion(
    specs.filter((s) => sm.columns[s.id]),
    sm.columns,
    inputs.areas,
  ).columns;
  const validate: StepRecord = {
    step: 'validate',
    settings: { areas: inputs.areas.codes.length, indicators: framework.indicators.length, used: specs.length },
    notes: inputs.excluded.map((e) => `${e.id} excluded: ${e.reason}`),
  };
  return {
    framework,
    areas: inputs.areas,
    specs,
    raw: a.columns,
    smoothed,
    excluded: [...inputs.excluded],
    log: [validate, d.record, sm.record, a.record],
  };
}

/**
 * The ward-level columns that enter imputation: an indicator's smoothed rate where it declares
 * `smooth` and smoothing is on, else its crude value.
 */
export function indicatorInputs(
  prepared: Pick<Prepared, 'raw' | 'smoothed'>,
  smoothing = true,
): Record<string, Float64Array> {
  if (!smoothing) return prepared.raw;
  const out: Record<string, Float64Array> = {};
  for (const [id, col] of Object.entries(prepared.raw)) out[id] = prepared.smoothed?.[id] ?? col;
  return out;
}

export function score(prepared: Prepared, options: ScoreOptions = {}): Result {
  const { framework, areas } = prepared;
  const methods = options.methods ?? framework.methods;
  const n = areas.codes.length;
  const omit = new Set(options.omit ?? []);
  const useBorough = options.boroughStandIns ?? true;
  const specs = prepared.specs.filter((s) => !omit.has(s.id) && (useBorough || s.level !== 'borough'));
  const excluded: Excluded[] = [...prepared.excluded];
  for (const s of prepared.specs) {
    if (omit.has(s.id)) excluded.push({ id: s.id, reason: 'left out for this run' });
    else if (!useBorough && s.level === 'borough')
      excluded.push({ id: s.id, reason: 'borough stand-ins switched off for this run' });
  }
  const smoothing = options.smoothing ?? true;
  const inputs = indicatorInputs(prepared, smoothing);
  const raw: Record<string, Float64Array> = {};
  const input: Record<string, Float64Array> = {};
  const smoothed: Record<string, Float64Array> = {};
  for (const s of specs) {
    raw[s.id] = prepared.raw[s.id];
    input[s.id] = inputs[s.id];
    if (smoothing && prepared.smoothed?.[s.id]) smoothed[s.id] = prepared.smoothed[s.id];
  }

  const im = impute(input, methods.impute.method, areas.parent, areas.parentCodes.length);
  const reference = referenceSet(prepared, methods);
  const tr = treat(specs, im.columns, methods.treat, reference.ref);
  const directions = Object.fromEntries(specs.map((s) => [s.id, s.direction]));
  const no = normalise(tr.columns, directions, methods.normalise, reference.ref, specs);
  if (rescalesIndicators(methods)) {
    for (const id of Object.keys(no.columns)) no.columns[id] = rescaleIndicator(no.columns[id], reference.ref);
    no.record.notes.push(POSITIVE_RESCALE_NOTE);
  }

  const w = options.weights ?? {};
  const iw = indicatorWeights(specs, no.columns, methods.weights, reference.ref, w.indicators);
  const indicatorWeight = iw.weights;
  const mGroups = measureGroups(framework.measures, new Map(specs.map((s) => [s.id, s.measure])), indicatorWeight);
  const measuresOut = aggregateGroups(mGroups, no.columns, methods.aggregate.indicators, n);
  const measureWeight = Object.fromEntries(framework.measures.map((m) => [m.id, w.measures?.[m.id] ?? m.weight]));
  const cGroups = categoryGroups(
    framework.categories,
    framework.measures,
    new Set(mGroups.map((g) => g.id)),
    measureWeight,
  );
  const categoriesOut = aggregateGroups(cGroups, measuresOut.scores, methods.aggregate.measures, n);
  const categoryWeight = Object.fromEntries(
    cGroups.map((g) => [g.id, w.categories?.[g.id] ?? categoryById(framework, g.id).weight]),
  );

  const noData: string[] = [];
  for (const m of framework.measures) if (!mGroups.some((g) => g.id === m.id)) noData.push(`measure ${m.id}`);
  for (const c of framework.categories) if (!cGroups.some((g) => g.id === c.id)) noData.push(`category ${c.id}`);
  for (const what of noData)
    excluded.push({
      id: what.split(' ')[1],
      reason: `${what.split(' ')[0]}: no data supplied; weights renormalised over the rest`,
    });

  const effective = { indicators: effectiveWeights(mGroups), measures: effectiveWeights(cGroups) };
  const evidence = categoryEvidence(
    framework,
    effective,
    cGroups.map((g) => g.id),
    excluded,
  );
  const evidenceWarnings = evidence.flatMap((e) => evidenceWarning(e, categoryById(framework, e.category).name) ?? []);

  const co = combine(categoriesOut.scores, categoryWeight, methods.combine, n);
  const rk = rankAreas(co.index, areas.parent, areas.parentCodes.length);

  return {
    framework,
    methods,
    areas,
    indicatorIds: specs.map((s) => s.id),
    raw,
    smoothed,
    treated: tr.columns,
    normalised: no.columns,
    imputed: im.imputed,
    measureIds: mGroups.map((g) => g.id),
    categoryIds: cGroups.map((g) => g.id),
    measures: measuresOut.scores,
    categories: categoriesOut.scores,
    transformed: co.transformed,
    weights: {
      ...effective,
      categories: Object.fromEntries(
        zip(
          cGroups.map((g) => g.id),
          normaliseWeights(cGroups.map((g) => categoryWeight[g.id])),
        ),
      ),
    },
    index: co.index,
    rank: rk.rank,
    decile: rk.decile,
    parentRank: rk.parentRank,
    boroughs: boroughSummaries(areas, co.index, rk.rank, rk.decile, rk.order),
    excluded,
    treatment: tr.treatment,
    log: [
      ...prepared.log,
      im.record,
      reference.record,
      tr.record,
      no.record,
      iw.record,
      aggregateRecord('measures', methods.aggregate.indicators, mGroups, measuresOut),
      aggregateRecord('categories', methods.aggregate.measures, cGroups, categoriesOut),
      co.record,
      rk.record,
    ],
    warnings: [
      ...noData.map((what) => `${what}: no data supplied; weights renormalised over the rest`),
      ...evidenceWarnings,
    ],
  };
}

/** prepare + score with the framework's own methods. */
export function run(framework: Framework, inputs: Inputs, options: ScoreOptions = {}): Result {
  return score(prepare(framework, inputs), options);
}

function categoryById(framework: Framework, id: string) {
  const c = framework.categories.find((x) => x.id === id);
  if (!c) throw new Error(`unknown category ${id}`);
  return c;
}

function effectiveWeights(groups: readonly Group[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const g of groups) zip(g.members, normaliseWeights(g.weights)).forEach(([id, w]) => (out[id] = w));
  return out;
}

function zip<A, B>(a: readonly A[], b: readonly B[]): [A, B][] {
  return a.map((x, i) => [x, b[i]]);
}
