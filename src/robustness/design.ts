/**
 * The design of an analysis: which modelling choices vary (the uncertain *factors*), what every
 * run holds fixed, and every requested choice that cannot be applied — with why — so nothing
 * is silently skipped (COINr users' complaint).
 *
 * Factors:
 * - discrete choices (`impute`, `treat`, `normalise`, `aggregate`, `combine`, `omit`,
 *   `borough_stand_ins`): a uniform u ∈ [0, 1) picks choice ⌊u·m⌋ of m, so each is a uniform
 *   input mapped to categories (Saltelli et al. 2008, §1.2.3, "trigger" factors);
 * - weight groups (`weights.categories`, `weights.measures`, `weights.indicators`): one
 *   factor per level whose value is the whole vector of that level's weights. Sobol indices
 *   for a group of inputs are defined and estimated exactly as for one input (Saltelli et al.
 *   2008, §1.2.15; Jacques, Lavergne & Devictor 2006), and a Dirichlet draw is one vector.
 *
 * - declared factors (`robustness.factors`, see factorSpec.ts): one parameter of one step over a
 *   list of values, also discrete; a method step's value patches `methods.<step>.<parameter>`,
 *   a data step's value patches indicator-table cells (see dataVariants.ts).
 *
 * `aggregate` sets both levels (indicators → measures and measures → categories) together.
 */
import type {
  AggregateMethod,
  CombineMethod,
  ImputeMethod,
  Methods,
  NormaliseMethod,
  TreatMethod,
} from '../core/framework.ts';
import type { Prepared, ScoreOptions } from '../core/run.ts';
import type { RobustnessSettings, WeightPerturbation } from './settings.ts';
import {
  METHOD_STEPS,
  stableKey,
  valueLabel,
  type FactorSpec,
  type MethodStep,
  type SourceValue,
} from './factorSpec.ts';
import {
  dataKey,
  patchSpec,
  readsOtherData,
  type DataVariants,
  type SpecPatch,
  type SpecPatches,
} from './dataVariants.ts';

export type BuiltInFactorId = 'impute' | 'treat' | 'normalise' | 'aggregate' | 'combine' | 'omit' | 'borough_stand_ins';
export type WeightLevel = 'categories' | 'measures' | 'indicators';

export interface DiscreteFactor {
  /** A built-in id, or a declared factor's own id. */
  id: string;
  kind: 'discrete';
  /** How each choice is shown (samples.csv, sobol.csv). */
  choices: string[];
  /** Declared factors only: what a choice sets. */
  declared?: DeclaredAction;
}

/** What a declared factor's choice k sets in a run. */
export type DeclaredAction =
  | { step: MethodStep; parameter: string; values: unknown[] }
  /** Per choice, the indicator-table patches it applies (one entry per affected indicator). */
  | {
      step: 'denominate' | 'smooth' | 'source';
      parameter: string;
      values: unknown[];
      indicators: string[];
      patches: SpecPatches[];
    };

export interface WeightFactor {
  id: `weights.${WeightLevel}`;
  kind: 'weights';
  level: WeightLevel;
  /** Category, measure or indicator ids, in framework order. */
  members: string[];
  nominal: number[];
  /** Member positions of each group whose weights are relative to each other. */
  groups: number[][];
  perturbation: WeightPerturbation;
}

export type Factor = DiscreteFactor | WeightFactor;

export interface DesignNote {
  /** not-applied: the choice is dropped or cannot act; note: applied, with something to know. */
  kind: 'not-applied' | 'note';
  choice: string;
  why: string;
}

export interface Design {
  factors: Factor[];
  /** What every run starts from: the framework's methods with single-item sets applied. */
  base: { methods: Methods; boroughStandIns: boolean };
  notes: DesignNote[];
  topK: number;
}

/** Values a factor takes per run: 1 for a discrete factor (the choice index), else one per member. */
export function factorWidth(f: Factor): number {
  return f.kind === 'discrete' ? 1 : f.members.length;
}

export function buildDesign(prepared: Prepared, settings: RobustnessSettings, data?: DataVariants): Design {
  const { framework } = prepared;
  const notes: DesignNote[] = [];
  const factors: Factor[] = [];
  const m = framework.methods;
  const fixed = {
    impute: m.impute.method,
    treat: m.treat.method,
    normalise: m.normalise.method,
    aggregate: m.aggregate.indicators,
    combine: m.combine.method,
  };
  const methodFactor = <T extends string>(
    id: BuiltInFactorId & keyof typeof fixed,
    set: readonly T[],
    nominal: T,
  ): T => {
    if (set.length === 0) return nominal;
    if (set.length === 1) {
      if (set[0] !== nominal)
        notes.push({
          kind: 'note',
          choice: `${id}: ${set[0]}`,
          why: `fixed at ${set[0]} in every run (a one-item set), while the nominal ranking uses ${nominal}`,
        });
      return set[0];
    }
    if (!set.includes(nominal))
      notes.push({
        kind: 'note',
        choice: `${id}: ${nominal}`,
        why: `the nominal method ${nominal} is not in the sampled set [${set.join(', ')}]; no run uses it`,
      });
    factors.push({ id, kind: 'discrete', choices: [...set] });
    return nominal;
  };

  const anyMissing = prepared.specs.some((s) => hasMissing(prepared.raw[s.id]));
  const imputeSet = !anyMissing && settings.impute.length > 1 ? [] : settings.impute;
  if (imputeSet !== settings.impute)
    notes.push({
      kind: 'not-applied',
      choice: `impute: [${settings.impute.join(', ')}]`,
      why: 'no indicator has a missing value, so the imputation method cannot change any run; not varied',
    });
  const impute = methodFactor('impute', imputeSet as ImputeMethod[], fixed.impute);
  const treat = methodFactor('treat', settings.treat, fixed.treat as TreatMethod);
  const normalise = methodFactor('normalise', settings.normalise, fixed.normalise as NormaliseMethod);
  if (m.aggregate.indicators !== m.aggregate.measures && settings.aggregate.length > 0) {
    notes.push({
      kind: 'note',
      choice: 'aggregate',
      why: `the framework aggregates indicators ${m.aggregate.indicators} and measures ${m.aggregate.measures}; a sampled method applies to both levels`,
    });
  }
  const aggregate = methodFactor('aggregate', settings.aggregate, fixed.aggregate as AggregateMethod);
  if (settings.aggregate.includes('geometric'))
    notes.push({
      kind: 'note',
      choice: 'aggregate: geometric',
      why: 'applied as `score()` does: aggregates never rescaled; the normalised indicators rescaled once to [1, 100] when the normalisation can give values ≤ 0 (docs/methods.md)',
    });
  const combine = methodFactor('combine', settings.combine, fixed.combine as CombineMethod);

  const methods: Methods = {
    ...m,
    impute: { ...m.impute, method: impute },
    treat: { ...m.treat, method: treat },
    normalise: { ...m.normalise, method: normalise },
    aggregate: settings.aggregate.length === 1 ? { indicators: aggregate, measures: aggregate } : { ...m.aggregate },
    combine: { ...m.combine, method: combine },
  };

  if (settings.leave_one_out) {
    if (prepared.specs.length < 2)
      notes.push({
        kind: 'not-applied',
        choice: 'leave_one_out',
        why: `only ${prepared.specs.length} indicator(s) with data; leaving one out would leave nothing to rank`,
      });
    else factors.push({ id: 'omit', kind: 'discrete', choices: ['none', ...prepared.specs.map((s) => s.id)] });
  }
  if (settings.borough_stand_ins) {
    if (!prepared.specs.some((s) => s.level === 'borough'))
      notes.push({
        kind: 'not-applied',
        choice: 'borough_stand_ins',
        why: 'the framework has no borough-level indicator with data; switching stand-ins off changes nothing',
      });
    else factors.push({ id: 'borough_stand_ins', kind: 'discrete', choices: ['on', 'off'] });
  }

  for (const spec of settings.factors) {
    const f = declaredFactor(prepared, methods, spec, data, notes);
    if (f) factors.push(f);
  }

  for (const level of ['categories', 'measures', 'indicators'] as const) {
    const p = settings.weights[level];
    if (p.distribution === 'none') continue;
    const f = weightFactor(prepared, level, p);
    const movable = f.groups.filter((g) => g.filter((j) => f.nominal[j] > 0).length > 1);
    const single = f.groups.filter((g) => g.filter((j) => f.nominal[j] > 0).length === 1).map((g) => f.members[g[0]]);
    const zero = f.members.filter((_, j) => !(f.nominal[j] > 0));
    if (zero.length)
      notes.push({
        kind: 'not-applied',
        choice: `weights.${level}`,
        why: `nominal weight 0 stays 0 (weights are perturbed relative to the nominal): ${zero.join(', ')}`,
      });
    if (movable.length === 0) {
      notes.push({
        kind: 'not-applied',
        choice: `weights.${level}`,
        why: 'no group has two members with positive weight; relative weights cannot change; not varied',
      });
      continue;
    }
    if (single.length && level !== 'categories')
      notes.push({
        kind: 'not-applied',
        choice: `weights.${level}`,
        why: `alone in their ${level === 'measures' ? 'category' : 'measure'}, so their weight cannot change anything: ${single.join(', ')}`,
      });
    factors.push(f);
  }
  return { factors, base: { methods, boroughStandIns: true }, notes, topK: m.rank.top_k };
}

function weightFactor(prepared: Prepared, level: WeightLevel, perturbation: WeightPerturbation): WeightFactor {
  const { framework, specs } = prepared;
  const withData = new Set(specs.map((s) => s.measure));
  if (level === 'categories') {
    const cats = framework.categories.filter((c) =>
      framework.measures.some((m) => m.category === c.id && withData.has(m.id)),
    );
    return {
      id: 'weights.categories',
      kind: 'weights',
      level,
      members: cats.map((c) => c.id),
      nominal: cats.map((c) => c.weight),
      groups: [cats.map((_, j) => j)],
      perturbation,
    };
  }
  const items =
    level === 'measures'
      ? framework.measures
          .filter((m) => withData.has(m.id))
          .map((m) => ({ id: m.id, parent: m.category, weight: m.weight }))
      : specs.map((s) => ({ id: s.id, parent: s.measure, weight: s.weight }));
  const parents = [...new Set(items.map((x) => x.parent))];
  const groups = parents.map((p) => items.flatMap((x, j) => (x.parent === p ? [j] : [])));
  return {
    id: `weights.${level}`,
    kind: 'weights',
    level,
    members: items.map((x) => x.id),
    nominal: items.map((x) => x.weight),
    groups,
    perturbation,
  };
}

/**
 * A declared factor, or undefined with a not-applied note when it cannot change any run (no
 * indicator to act on, alternative data not loaded, a value no run could use).
 */
function declaredFactor(
  prepared: Prepared,
  methods: Methods,
  spec: FactorSpec,
  data: DataVariants | undefined,
  notes: DesignNote[],
): DiscreteFactor | undefined {
  const choice = `${spec.id} (${spec.step}.${spec.parameter})`;
  const choices = spec.values.map(valueLabel);
  if ((METHOD_STEPS as readonly string[]).includes(spec.step)) {
    const step = spec.step as MethodStep;
    const nominal = (methods[step] as Record<string, unknown> | undefined)?.[spec.parameter];
    if (!spec.values.some((v) => stableKey(v) === stableKey(nominal)))
      notes.push({
        kind: 'note',
        choice,
        why: `the nominal value ${valueLabel(nominal)} is not among [${choices.join(', ')}]; no run uses it`,
      });
    if (spec.step === 'treat' && spec.parameter !== 'method' && methods.treat.method === 'none')
      notes.push({
        kind: 'note',
        choice,
        why: 'outlier treatment is off (methods.treat.method: none) in runs that do not switch it on; there this parameter changes nothing',
      });
    return {
      id: spec.id,
      kind: 'discrete',
      choices,
      declared: { step, parameter: spec.parameter, values: spec.values },
    };
  }
  const withData = new Map(prepared.specs.map((s) => [s.id, s]));
  const unknown = (spec.indicators ?? []).filter((id) => !withData.has(id));
  if (unknown.length)
    notes.push({ kind: 'not-applied', choice, why: `not an indicator with data in this run: ${unknown.join(', ')}` });
  const targets = (spec.indicators ?? defaultTargets(prepared, spec)).filter((id) => withData.has(id));
  if (spec.step === 'denominate') {
    const rates = targets.filter((id) => withData.get(id)!.denominator);
    const counts = targets.filter((id) => !withData.get(id)!.denominator);
    if (counts.length)
      notes.push({
        kind: 'not-applied',
        choice,
        why: `no declared denominator (already a rate), so none to swap: ${counts.join(', ')}`,
      });
    targets.splice(0, targets.length, ...rates);
  }
  if (spec.step === 'smooth' && spec.values.some((v) => v !== 'declared' && v !== 'none')) {
    const noDenominator = targets.filter((id) => !withData.get(id)!.denominator);
    if (noDenominator.length)
      notes.push({
        kind: 'not-applied',
        choice,
        why: `smoothing shrinks rates of counts; no denominator: ${noDenominator.join(', ')}`,
      });
    targets.splice(0, targets.length, ...targets.filter((id) => withData.get(id)!.denominator));
  }
  if (targets.length === 0) {
    const why =
      spec.step === 'denominate'
        ? `no indicator with data declares one of [${choices.join(', ')}] as its denominator`
        : spec.step === 'smooth'
          ? "no indicator with data declares smoothing (the table's smooth column)"
          : 'its indicator has no data in this run';
    notes.push({ kind: 'not-applied', choice, why: `${why}; not varied` });
    return undefined;
  }
  const patches = spec.values.map(
    (v) => Object.fromEntries(targets.map((id) => [id, dataPatch(spec, v, withData.get(id)!)])) as SpecPatches,
  );
  // the alternative columns must have been loaded: a run never silently falls back to the nominal data
  const missing = new Set<string>();
  patches.forEach((p, k) =>
    targets.forEach((id) => {
      const s = withData.get(id)!;
      if (readsOtherData(s, p[id]) && !data?.data[dataKey(patchSpec(s, p[id]))]) missing.add(`${id} → ${choices[k]}`);
    }),
  );
  if (spec.step === 'smooth' && !data) missing.add('the framework inputs (counts and denominators) to re-prepare from');
  if (missing.size) {
    notes.push({
      kind: 'not-applied',
      choice,
      why: `alternative data not loaded: ${[...missing].join(', ')}; not varied`,
    });
    return undefined;
  }
  const nominalIndex = patches.findIndex((p) => targets.every((id) => patchIsNominal(withData.get(id)!, p[id])));
  if (nominalIndex < 0)
    notes.push({
      kind: 'note',
      choice,
      why: `the framework's own data choice is not among [${choices.join(', ')}]; no run uses it`,
    });
  return {
    id: spec.id,
    kind: 'discrete',
    choices,
    declared: { step: spec.step, parameter: spec.parameter, values: spec.values, indicators: targets, patches },
  };
}

/** Indicators a data factor acts on when it does not list them. */
function defaultTargets(prepared: Prepared, spec: FactorSpec): string[] {
  if (spec.step === 'denominate')
    return prepared.specs
      .filter((s) => s.denominator !== undefined && spec.values.includes(s.denominator))
      .map((s) => s.id);
  if (spec.step === 'smooth') return prepared.specs.filter((s) => smoothOf(s) !== undefined).map((s) => s.id);
  return [];
}

function smoothOf(s: object): string | undefined {
  return (s as { smooth?: string }).smooth;
}

/** The table cells value v of a data factor sets on indicator s. */
function dataPatch(spec: FactorSpec, v: unknown, s: Prepared['specs'][number]): SpecPatch {
  if (spec.step === 'denominate') return { denominator: v as string };
  if (spec.step === 'smooth') return v === 'declared' ? {} : { smooth: v === 'none' ? undefined : (v as string) };
  const src = v as SourceValue;
  return { column: src.column, file: src.file ?? s.file, ...(src.period ? { period: src.period } : {}) };
}

function patchIsNominal(s: Prepared['specs'][number], p: SpecPatch): boolean {
  return Object.entries(p).every(([k, v]) => (s as unknown as Record<string, unknown>)[k] === v);
}

function hasMissing(col: Float64Array): boolean {
  for (let i = 0; i < col.length; i++) if (col[i] !== col[i]) return true;
  return false;
}

/**
 * The `score()` options of one run: the design's base with each factor's value applied.
 * `values[f]` holds factor f's values for every run (row-major, `factorWidth(f)` per run).
 *
 * Everything but the weights depends only on the run's discrete choices, which thousands of runs
 * share: `methods` is built once per combination of the method factors' choices, `data` once per
 * combination of the data factors' choices, `omit` once per choice, and the same objects are
 * returned to every run with those choices. The fast path keys its caches by those objects'
 * identity (fastScore.ts), which is why they must not be modified.
 */
export function runOptions(design: Design, values: readonly Float64Array[], row: number): RunOptions {
  const weights: NonNullable<ScoreOptions['weights']> = {};
  design.factors.forEach((f, k) => {
    if (f.kind !== 'weights') return;
    const w = factorWidth(f);
    const v = values[k];
    const out: Record<string, number> = {};
    for (let j = 0; j < w; j++) out[f.members[j]] = v[row * w + j];
    weights[f.level] = out;
  });
  const { methods, omit, boroughStandIns, data } = discreteOptions(design, values, row);
  return { methods, weights, omit, boroughStandIns, data };
}

/**
 * Per design, the parts of its runs' options already built, by the choices they depend on:
 * methods by the method factors' choices, data patches by the data factors' choices, the
 * left-out list by the omit choice.
 */
interface ChoiceMemo {
  methods: Map<string, Methods>;
  data: Map<string, SpecPatches>;
  omit: Map<string, string[]>;
}

const choiceMemo = new WeakMap<Design, ChoiceMemo>();

/** A run's `methods`, `omit`, `boroughStandIns` and `data`: each built once per combination of the choices it depends on. */
function discreteOptions(design: Design, values: readonly Float64Array[], row: number): Omit<RunOptions, 'weights'> {
  let memo = choiceMemo.get(design);
  if (!memo) choiceMemo.set(design, (memo = { methods: new Map(), data: new Map(), omit: new Map() }));
  let methodsKey = '';
  let dataKey = '';
  let left = 'none';
  let boroughStandIns = design.base.boroughStandIns;
  design.factors.forEach((f, k) => {
    if (f.kind === 'weights') return;
    const c = values[k][row];
    if (f.declared) {
      if ('patches' in f.declared) dataKey += `${k}:${c},`;
      else methodsKey += `${k}:${c},`;
    } else if (f.id === 'omit') left = f.choices[c];
    else if (f.id === 'borough_stand_ins') boroughStandIns = f.choices[c] === 'on';
    else methodsKey += `${k}:${c},`;
  });
  let methods = memo.methods.get(methodsKey);
  if (!methods) memo.methods.set(methodsKey, (methods = applyMethodChoices(design, values, row)));
  let data = memo.data.get(dataKey);
  if (!data) memo.data.set(dataKey, (data = applyDataChoices(design, values, row)));
  let omit = memo.omit.get(left);
  if (!omit) memo.omit.set(left, (omit = left === 'none' ? [] : [left]));
  return { methods, omit, boroughStandIns, data };
}

/** The design's base methods with each method factor's choice applied (factor order). */
function applyMethodChoices(design: Design, values: readonly Float64Array[], row: number): Methods {
  let methods: Methods = design.base.methods;
  design.factors.forEach((f, k) => {
    if (f.kind === 'weights') return;
    const v = values[k];
    const choice = f.choices[v[row]];
    if (f.declared) {
      const d = f.declared;
      if (!('patches' in d))
        methods = { ...methods, [d.step]: { ...methods[d.step], [d.parameter]: d.values[v[row]] } };
      return;
    }
    switch (f.id) {
      case 'impute':
        methods = { ...methods, impute: { ...methods.impute, method: choice as ImputeMethod } };
        break;
      case 'treat':
        methods = { ...methods, treat: { ...methods.treat, method: choice as TreatMethod } };
        break;
      case 'normalise':
        methods = { ...methods, normalise: { ...methods.normalise, method: choice as NormaliseMethod } };
        break;
      case 'aggregate':
        methods = {
          ...methods,
          aggregate: { indicators: choice as AggregateMethod, measures: choice as AggregateMethod },
        };
        break;
      case 'combine':
        methods = { ...methods, combine: { ...methods.combine, method: choice as CombineMethod } };
        break;
    }
  });
  return methods;
}

/** The indicator-table patches of the data factors' choices (factor order; later cells win). */
function applyDataChoices(design: Design, values: readonly Float64Array[], row: number): SpecPatches {
  let data: Record<string, SpecPatch> = {};
  design.factors.forEach((f, k) => {
    const d = f.kind === 'discrete' ? f.declared : undefined;
    if (!d || !('patches' in d)) return;
    for (const [id, patch] of Object.entries(d.patches[values[k][row]]))
      if (Object.keys(patch).length) data = { ...data, [id]: { ...data[id], ...patch } };
  });
  return data;
}

/** One run's choices: `score()`'s options, plus the indicator-table patches of its data (see dataVariants.ts). */
export type RunOptions = Required<Pick<ScoreOptions, 'methods' | 'weights' | 'omit' | 'boroughStandIns'>> & {
  data: SpecPatches;
};
