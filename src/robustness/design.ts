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
 * `aggregate` sets both levels (indicators → measures and measures → categories) together.
 */
import type { AggregateMethod, CombineMethod, ImputeMethod, Methods, NormaliseMethod, TreatMethod } from '../core/framework.ts';
import type { Prepared, ScoreOptions } from '../core/run.ts';
import type { RobustnessSettings, WeightPerturbation } from './settings.ts';

export type DiscreteFactorId = 'impute' | 'treat' | 'normalise' | 'aggregate' | 'combine' | 'omit' | 'borough_stand_ins';
export type WeightLevel = 'categories' | 'measures' | 'indicators';

export interface DiscreteFactor {
  id: DiscreteFactorId;
  kind: 'discrete';
  choices: string[];
}

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

export function buildDesign(prepared: Prepared, settings: RobustnessSettings): Design {
  const { framework } = prepared;
  const notes: DesignNote[] = [];
  const factors: Factor[] = [];
  const m = framework.methods;
  const fixed = { impute: m.impute.method, treat: m.treat.method, normalise: m.normalise.method, aggregate: m.aggregate.indicators, combine: m.combine.method };
  const methodFactor = <T extends string>(id: DiscreteFactorId & keyof typeof fixed, set: readonly T[], nominal: T): T => {
    if (set.length === 0) return nominal;
    if (set.length === 1) {
      if (set[0] !== nominal) notes.push({ kind: 'note', choice: `${id}: ${set[0]}`, why: `fixed at ${set[0]} in every run (a one-item set), while the nominal ranking uses ${nominal}` });
      return set[0];
    }
    if (!set.includes(nominal)) notes.push({ kind: 'note', choice: `${id}: ${nominal}`, why: `the nominal method ${nominal} is not in the sampled set [${set.join(', ')}]; no run uses it` });
    factors.push({ id, kind: 'discrete', choices: [...set] });
    return nominal;
  };

  const anyMissing = prepared.specs.some((s) => hasMissing(prepared.raw[s.id]));
  const imputeSet = !anyMissing && settings.impute.length > 1 ? [] : settings.impute;
  if (imputeSet !== settings.impute) notes.push({ kind: 'not-applied', choice: `impute: [${settings.impute.join(', ')}]`, why: 'no indicator has a missing value, so the imputation method cannot change any run; not varied' });
  const impute = methodFactor('impute', imputeSet as ImputeMethod[], fixed.impute);
  const treat = methodFactor('treat', settings.treat, fixed.treat as TreatMethod);
  const normalise = methodFactor('normalise', settings.normalise, fixed.normalise as NormaliseMethod);
  if (m.aggregate.indicators !== m.aggregate.measures && settings.aggregate.length > 0) {
    notes.push({ kind: 'note', choice: 'aggregate', why: `the framework aggregates indicators ${m.aggregate.indicators} and measures ${m.aggregate.measures}; a sampled method applies to both levels` });
  }
  const aggregate = methodFactor('aggregate', settings.aggregate, fixed.aggregate as AggregateMethod);
  if (settings.aggregate.includes('geometric')) notes.push({ kind: 'note', choice: 'aggregate: geometric', why: 'applied as `score()` does: aggregates never rescaled; the normalised indicators rescaled once to [1, 100] when the normalisation can give values ≤ 0 (docs/methods.md)' });
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
    if (prepared.specs.length < 2) notes.push({ kind: 'not-applied', choice: 'leave_one_out', why: `only ${prepared.specs.length} indicator(s) with data; leaving one out would leave nothing to rank` });
    else factors.push({ id: 'omit', kind: 'discrete', choices: ['none', ...prepared.specs.map((s) => s.id)] });
  }
  if (settings.borough_stand_ins) {
    if (!prepared.specs.some((s) => s.level === 'borough')) notes.push({ kind: 'not-applied', choice: 'borough_stand_ins', why: 'the framework has no borough-level indicator with data; switching stand-ins off changes nothing' });
    else factors.push({ id: 'borough_stand_ins', kind: 'discrete', choices: ['on', 'off'] });
  }

  for (const level of ['categories', 'measures', 'indicators'] as const) {
    const p = settings.weights[level];
    if (p.distribution === 'none') continue;
    const f = weightFactor(prepared, level, p);
    const movable = f.groups.filter((g) => g.filter((j) => f.nominal[j] > 0).length > 1);
    const single = f.groups.filter((g) => g.filter((j) => f.nominal[j] > 0).length === 1).map((g) => f.members[g[0]]);
    const zero = f.members.filter((_, j) => !(f.nominal[j] > 0));
    if (zero.length) notes.push({ kind: 'not-applied', choice: `weights.${level}`, why: `nominal weight 0 stays 0 (weights are perturbed relative to the nominal): ${zero.join(', ')}` });
    if (movable.length === 0) {
      notes.push({ kind: 'not-applied', choice: `weights.${level}`, why: 'no group has two members with positive weight; relative weights cannot change; not varied' });
      continue;
    }
    if (single.length && level !== 'categories') notes.push({ kind: 'not-applied', choice: `weights.${level}`, why: `alone in their ${level === 'measures' ? 'category' : 'measure'}, so their weight cannot change anything: ${single.join(', ')}` });
    factors.push(f);
  }
  return { factors, base: { methods, boroughStandIns: true }, notes, topK: m.rank.top_k };
}

function weightFactor(prepared: Prepared, level: WeightLevel, perturbation: WeightPerturbation): WeightFactor {
  const { framework, specs } = prepared;
  const withData = new Set(specs.map((s) => s.measure));
  if (level === 'categories') {
    const cats = framework.categories.filter((c) => framework.measures.some((m) => m.category === c.id && withData.has(m.id)));
    return { id: 'weights.categories', kind: 'weights', level, members: cats.map((c) => c.id), nominal: cats.map((c) => c.weight), groups: [cats.map((_, j) => j)], perturbation };
  }
  const items = level === 'measures' ? framework.measures.filter((m) => withData.has(m.id)).map((m) => ({ id: m.id, parent: m.category, weight: m.weight })) : specs.map((s) => ({ id: s.id, parent: s.measure, weight: s.weight }));
  const parents = [...new Set(items.map((x) => x.parent))];
  const groups = parents.map((p) => items.flatMap((x, j) => (x.parent === p ? [j] : [])));
  return { id: `weights.${level}`, kind: 'weights', level, members: items.map((x) => x.id), nominal: items.map((x) => x.weight), groups, perturbation };
}

function hasMissing(col: Float64Array): boolean {
  for (let i = 0; i < col.length; i++) if (col[i] !== col[i]) return true;
  return false;
}

/**
 * The `score()` options of one run: the design's base with each factor's value applied.
 * `values[f]` holds factor f's values for every run (row-major, `factorWidth(f)` per run).
 */
export function runOptions(design: Design, values: readonly Float64Array[], row: number): Required<Pick<ScoreOptions, 'methods' | 'weights' | 'omit' | 'boroughStandIns'>> {
  const b = design.base.methods;
  let methods: Methods = b;
  const weights: NonNullable<ScoreOptions['weights']> = {};
  let omit: string[] = [];
  let boroughStandIns = design.base.boroughStandIns;
  design.factors.forEach((f, k) => {
    const w = factorWidth(f);
    const v = values[k];
    if (f.kind === 'weights') {
      const out: Record<string, number> = {};
      for (let j = 0; j < w; j++) out[f.members[j]] = v[row * w + j];
      weights[f.level] = out;
      return;
    }
    const choice = f.choices[v[row]];
    switch (f.id) {
      case 'impute': methods = { ...methods, impute: { ...methods.impute, method: choice as ImputeMethod } }; break;
      case 'treat': methods = { ...methods, treat: { ...methods.treat, method: choice as TreatMethod } }; break;
      case 'normalise': methods = { ...methods, normalise: { ...methods.normalise, method: choice as NormaliseMethod } }; break;
      case 'aggregate': methods = { ...methods, aggregate: { indicators: choice as AggregateMethod, measures: choice as AggregateMethod } }; break;
      case 'combine': methods = { ...methods, combine: { ...methods.combine, method: choice as CombineMethod } }; break;
      case 'omit': omit = choice === 'none' ? [] : [choice]; break;
      case 'borough_stand_ins': boroughStandIns = choice === 'on'; break;
    }
  });
  return { methods, weights, omit, boroughStandIns };
}
