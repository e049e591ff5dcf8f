/**
 * The framework, pilots and robustness schemas as they were written with zod's classic API
 * (`import * as z from 'zod'`), frozen here as the reference for test/io/zodMini.test.ts, which
 * checks that the zod/mini schemas in src/ accept the same inputs, return the same data and
 * report the same issues (code, path, message). Copied verbatim from src/ (core/framework.ts,
 * core/methods/normalise/{range,distanceToReference}.ts, select/settings.ts,
 * robustness/{settings,factorSpec}.ts); only the imports and `export` keywords differ. Not used by
 * anything else: do not edit, except to mirror a deliberate change to a schema in src/.
 */
import * as z from 'zod';
import {
  AGGREGATE_METHODS,
  BASEMAP_KINDS,
  COMBINE_METHODS,
  IMPUTE_METHODS,
  NORMALISE_METHODS,
  TREAT_METHODS,
} from '../../../src/core/framework.ts';
import {
  DATA_STEPS,
  FACTOR_STEPS,
  METHOD_STEPS,
  RESERVED_FACTOR_IDS,
  SMOOTH_VALUES,
  stableKey,
  type MethodStep,
} from '../../../src/robustness/factorSpec.ts';

// core/methods/normalise/range.ts and distanceToReference.ts, merged as registry.ts's
// normaliseParamShape() merges them (minmax and goalposts declare `range`, distance-to-reference
// `reference`)
const rangeParam = {
  range: z
    .tuple([z.number().finite(), z.number().finite()])
    .refine(([l, u]) => l < u, 'range [l, u] needs l < u')
    .optional(),
};
function normaliseParamShape(): Record<string, z.ZodType> {
  return {
    ...rangeParam,
    reference: z.union([z.literal('median'), z.literal('max'), z.number().finite()]).default('median'),
  };
}

// core/framework.ts
const id = z.string().regex(/^[a-z0-9_]+$/, 'an id of lower-case letters, digits and _');
// bounded so weighted sums stay finite (docs/reliability.md)
const weight = z.number().finite().nonnegative().max(1e15);

export const methodsSchema = z
  .object({
    impute: z
      .object({ method: z.enum(IMPUTE_METHODS).default('none') })
      .strict()
      .default({ method: 'none' }),
    treat: z
      .object({
        method: z.enum(TREAT_METHODS).default('coinr'),
        skew: z.number().positive().default(2),
        kurtosis: z.number().default(3.5),
        max_winsorised: z.number().int().nonnegative().max(1000).default(5),
      })
      .strict()
      .default({ method: 'coinr', skew: 2, kurtosis: 3.5, max_winsorised: 5 }),
    normalise: z
      .object({
        method: z.enum(NORMALISE_METHODS).default('zscore'),
        ...(normaliseParamShape() as {
          reference: z.ZodDefault<z.ZodUnion<[z.ZodLiteral<'median'>, z.ZodLiteral<'max'>, z.ZodNumber]>>;
          range: z.ZodOptional<z.ZodType<[number, number]>>;
        }),
      })
      .strict()
      .prefault({}),
    aggregate: z
      .object({
        indicators: z.enum(AGGREGATE_METHODS).default('arithmetic'),
        measures: z.enum(AGGREGATE_METHODS).default('arithmetic'),
      })
      .strict()
      .default({ indicators: 'arithmetic', measures: 'arithmetic' }),
    combine: z
      .object({
        method: z.enum(COMBINE_METHODS).default('arithmetic'),
        /** Share of category weight a ward needs to be ranked (1: every category with data). */
        min_coverage: z.number().min(0).max(1).default(1),
      })
      .strict()
      .default({ method: 'arithmetic', min_coverage: 1 }),
    rank: z
      .object({ top_k: z.number().int().positive().default(3) })
      .strict()
      .default({ top_k: 3 }),
    /**
     * Indicator weights within measures: declared in the table, or derived by PCA (src/core/steps/deriveWeights.ts).
     */
    weights: z
      .object({ indicators: z.enum(['declared', 'pca']).default('declared') })
      .strict()
      .prefault({}),
    /** Which areas feed the statistics of treatment and normalisation (src/core/steps/referenceSet.ts). */
    statistics: z
      .object({ over: z.enum(['ranked', 'all']).default('ranked') })
      .strict()
      .prefault({}),
  })
  .strict();

export const categorySchema = z
  .object({ id, name: z.string().min(1), weight, min_coverage: z.number().min(0).max(1).default(0.5) })
  .strict();
export const measureSchema = z
  .object({
    id,
    name: z.string().min(1),
    category: id,
    weight,
    min_coverage: z.number().min(0).max(1).default(0.5),
  })
  .strict();

export const areasSpecSchema = z
  .object({
    file: z.string().min(1),
    code_column: z.string().default('code'),
    name_column: z.string().default('name'),
    parent_column: z.string().default('borough_code'),
    parent_name_column: z.string().default('borough_name'),
    population_column: z.string().optional(),
    /**
     * 0/1 columns of the areas file carried into results.csv,
     * prepared.json and the API ward rows (e.g. central_activity).
     */
    flag_columns: z.array(z.string().min(1)).optional(),
    boundaries: z.string().optional(),
    adjacency: z.string().optional(),
    /** Expected [west, south, east, north] of the boundaries in degrees: catches swapped lat/lon. */
    extent: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional(),
    /** Context layers for the map, GeoJSON files, each drawn as its `kind` says (BASEMAP_KINDS). */
    basemap: z
      .array(z.object({ id, name: z.string().min(1), kind: z.enum(BASEMAP_KINDS), file: z.string().min(1) }).strict())
      .default([]),
  })
  .strict();

export const monthlySpecSchema = z
  .object({
    file: z.string().min(1),
    period: z.string().min(1),
    source: z.string().min(1),
    primary: id,
  })
  .strict();

export const frameworkFileSchema = z
  .object({
    name: z.string().min(1),
    description: z.string().default(''),
    areas: areasSpecSchema,
    categories: z.array(categorySchema).min(1),
    measures: z.array(measureSchema).min(1),
    indicators: z.string().min(1),
    /** Credits for data not named in the indicator table (boundaries, basemap layers). */
    attribution: z.array(z.string().min(1)).default([]),
    // a fresh default per parse, built only when the file has no methods (no parse at import time)
    methods: methodsSchema.default(() => defaultMethods()),
    robustness: z.unknown().optional(),
    pilots: z.unknown().optional(),
    monthly: monthlySpecSchema.optional(),
  })
  .strict();

/** The default method settings (every field filled). */
export function defaultMethods(): z.infer<typeof methodsSchema> {
  return methodsSchema.parse({});
}

// select/settings.ts
export const matchingSchema = z
  .object({
    /**
     * Profile distance: `mahalanobis` (pooled covariance, the default) or `euclidean` (standardised
     * Euclidean: the same with the identity for the covariance, so every measure counts equally and
     * a difference in overall level is not discounted along correlated directions).
     */
    metric: z.enum(['mahalanobis', 'euclidean']).default('mahalanobis'),
    /** Reuse a comparison ward for several pilots (default: no, each ward used once). */
    replacement: z.boolean().default(false),
    /** Restrict matches to a caliper on the logit of a propensity score. */
    propensity: z.boolean().default(false),
    /** Caliper width in standard deviations of the logit propensity (Austin 2011: 0.2). */
    caliper: z.number().positive().default(0.2),
    /** Ridge penalty of the propensity model (a handful of pilots separate perfectly without one). */
    ridge: z.number().nonnegative().default(1),
    /** Match only within the same inner/outer London class (areas CSV column `inner_outer`). */
    same_inner_outer: z.boolean().default(false),
  })
  .strict();

/** Rules on robustness evidence a ward must meet to be chosen (applied only when a robustness folder is given). */
export const eligibilitySchema = z
  .object({
    /** Only wards listed in robust-candidates.csv (default true). */
    robust_candidates: z.boolean().default(true),
    min_p_top_decile: z.number().min(0).max(1).optional(),
    max_p95_rank: z.number().positive().optional(),
  })
  .strict();

/** The evaluation design written to evaluation-plan.md/json. */
export const evaluationSchema = z
  .object({
    design: z.enum(['synthetic-control', 'randomised-pairs']).default('synthetic-control'),
    /** Follow-up lengths for the power calculation, in months. */
    post_months: z.array(z.number().int().positive()).default([12, 24]),
    /** Near-miss comparison wards: ranks from…to (inclusive). */
    near_miss: z.tuple([z.number().int().positive(), z.number().int().positive()]).default([5, 30]),
    /** Random seed for the randomised-pairs design (recorded in the plan). */
    seed: z.number().int().nonnegative().default(20190401),
    /** Months the in-time placebo moves the start back. */
    placebo_shift: z.number().int().positive().default(12),
    /** Donor wards per pilot for the synthetic control: the closest in measure profile among the comparison pool. */
    donors: z.number().int().min(2).max(200).default(40),
    /** Effect sizes (fractional reductions) called plausible when judging power. */
    plausible_reduction: z.number().positive().max(1).default(0.2),
  })
  .strict();

export const pilotSettingsSchema = z
  .object({
    k: z.number().int().positive().max(20).default(3),
    max_per_borough: z.number().int().positive().optional(),
    borough: z.string().min(1).optional(),
    exclude: z.array(z.string().min(1)).default([]),
    non_adjacent: z.boolean().default(true),
    min_distance_km: z.number().nonnegative().default(0),
    cluster: z
      .object({ population_cap: z.number().positive(), same_borough: z.boolean().default(true) })
      .strict()
      .optional(),
    comparisons: z.number().int().nonnegative().max(50).default(3),
    buffer_km: z.number().nonnegative().default(1),
    matching: matchingSchema.default(matchingSchema.parse({})),
    /**
     * What the chosen set maximises: `index` (total index score) or `expected`
     * (expected number of pilots in the top decile over the robustness runs).
     */
    objective: z.enum(['index', 'expected']).optional(),
    eligibility: eligibilitySchema.default(eligibilitySchema.parse({})),
    exclude_flags: z.array(z.string().min(1)).default([]),
    preference: z
      .object({ single_borough: z.boolean().default(false), source: z.string().min(1) })
      .strict()
      .optional(),
    evaluation: evaluationSchema.default(evaluationSchema.parse({})),
  })
  .strict();

// robustness/factorSpec.ts
const factorId = z.string().regex(/^[a-z0-9_]+$/, 'an id of lower-case letters, digits and _');

export const sourceValueSchema = z
  .object({
    column: z.string().min(1),
    /** Default: the indicator's own file. */
    file: z.string().min(1).optional(),
    /** The period of this vintage, shown with the factor's values. */
    period: z.string().min(1).optional(),
  })
  .strict();
/** The schema of one `methods.<step>` object (its `.shape` maps each parameter to its own schema). */
function stepShape(step: MethodStep): Record<string, z.ZodType> {
  return (methodsSchema.shape[step] as unknown as { unwrap(): z.ZodObject }).unwrap().shape as Record<
    string,
    z.ZodType
  >;
}

export const factorSpecSchema = z
  .object({
    id: factorId,
    step: z.enum(FACTOR_STEPS),
    parameter: z.string().min(1),
    values: z.array(z.unknown()).min(2, 'at least two values (one value would not vary)'),
    indicators: z.array(factorId).min(1).optional(),
  })
  .strict()
  .superRefine((f, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if ((METHOD_STEPS as readonly string[]).includes(f.step)) {
      const shape = stepShape(f.step as MethodStep);
      const field = shape[f.parameter];
      if (!field)
        return issue(
          ['parameter'],
          `"${f.parameter}" is not a parameter of methods.${f.step}; expected one of: ${Object.keys(shape).join(', ')}`,
        );
      if (f.indicators)
        issue(
          ['indicators'],
          `methods.${f.step} applies to every indicator; indicators is for the data steps (${DATA_STEPS.join(', ')})`,
        );
      f.values.forEach((v, k) => {
        const r = field.safeParse(v);
        if (!r.success || v === undefined)
          issue(
            ['values', k],
            `${JSON.stringify(v)} is not a valid methods.${f.step}.${f.parameter}: ${r.success ? 'a value is required' : r.error.issues[0].message}`,
          );
      });
    } else if (f.step === 'denominate') {
      if (f.parameter !== 'denominator') issue(['parameter'], 'step denominate has one parameter: denominator');
      f.values.forEach((v, k) =>
        typeof v === 'string' && v !== ''
          ? undefined
          : issue(['values', k], "a column name of the indicator's data file"),
      );
    } else if (f.step === 'smooth') {
      if (f.parameter !== 'smooth') issue(['parameter'], 'step smooth has one parameter: smooth');
      f.values.forEach((v, k) =>
        (SMOOTH_VALUES as readonly unknown[]).includes(v)
          ? undefined
          : issue(['values', k], `one of ${SMOOTH_VALUES.join(', ')}`),
      );
    } else {
      if (f.parameter !== 'source') issue(['parameter'], 'step source has one parameter: source');
      if (f.indicators?.length !== 1)
        issue(['indicators'], 'exactly one indicator: the one whose data the alternative sources replace');
      f.values.forEach((v, k) => {
        const r = sourceValueSchema.safeParse(v);
        if (!r.success)
          issue(
            ['values', k, ...r.error.issues[0].path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
            `{ column, file?, period? }: ${r.error.issues[0].message}`,
          );
      });
    }
    const keys = f.values.map((v) => stableKey(v));
    keys.forEach((key, k) => {
      if (keys.indexOf(key) !== k) issue(['values', k], `${key} is listed twice`);
    });
  });

// robustness/settings.ts
const WEIGHT_DISTRIBUTIONS = ['none', 'uniform', 'dirichlet'] as const;

const perturbationSchema = z
  .object({
    distribution: z.enum(WEIGHT_DISTRIBUTIONS).default('uniform'),
    /** Uniform: relative half-width, w' ∈ [w(1 − s), w(1 + s)]. */
    spread: z.number().min(0).max(1).default(0.25),
    /** Dirichlet: concentration c (Σα); larger is tighter around the nominal shares. */
    concentration: z.number().positive().max(1e6).default(50),
  })
  .strict();

const uniqueSet = <T extends string>(values: readonly [T, ...T[]], fallback: T[]) =>
  z
    .array(z.enum(values))
    .refine((a) => new Set(a).size === a.length, 'each method at most once')
    .default(fallback);

export const robustnessSchema = z
  .object({
    runs: z.number().int().positive().max(10_000_000).default(1000),
    seed: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).default(1),
    weights: z
      .object({
        categories: perturbationSchema.default({ distribution: 'uniform', spread: 0.25, concentration: 50 }),
        measures: perturbationSchema.default({ distribution: 'uniform', spread: 0.25, concentration: 50 }),
        indicators: perturbationSchema.default({ distribution: 'none', spread: 0.25, concentration: 50 }),
      })
      .strict()
      .default({
        categories: { distribution: 'uniform', spread: 0.25, concentration: 50 },
        measures: { distribution: 'uniform', spread: 0.25, concentration: 50 },
        indicators: { distribution: 'none', spread: 0.25, concentration: 50 },
      }),
    impute: uniqueSet(IMPUTE_METHODS, ['none', 'mean', 'group-mean']),
    treat: uniqueSet(TREAT_METHODS, []),
    normalise: uniqueSet(NORMALISE_METHODS, ['zscore', 'minmax', 'normal-scores', 'rank']),
    aggregate: uniqueSet(AGGREGATE_METHODS, ['arithmetic', 'geometric']),
    combine: uniqueSet(COMBINE_METHODS, []),
    leave_one_out: z.boolean().default(true),
    borough_stand_ins: z.boolean().default(true),
    /** Further factors, each one parameter of one step over a list of values (see factorSpec.ts). */
    factors: z.array(factorSpecSchema).default([]),
    sobol: z
      .object({
        enabled: z.boolean().default(true),
        /** Bootstrap replicates for the confidence intervals (0: none). */
        bootstrap: z.number().int().nonnegative().max(100_000).default(500),
        confidence: z.number().gt(0).lt(1).default(0.95),
      })
      .strict()
      .default({ enabled: true, bootstrap: 500, confidence: 0.95 }),
    candidates: z
      .object({
        /** A ward is a robust candidate if it is in the top k in at least this share of runs … */
        min_p_top_k: z.number().min(0).max(1).default(0.5),
        /** … or its 95th-percentile rank is at most this (`decile`: the top-decile cut-off, ⌈N/10⌉). */
        max_p95_rank: z.union([z.literal('decile'), z.number().positive()]).default('decile'),
      })
      .strict()
      .default({ min_p_top_k: 0.5, max_p95_rank: 'decile' }),
  })
  .strict()
  .superRefine((r, ctx) => {
    // each declared factor has its own id, and no parameter is varied twice
    const seen = new Map<string, number>();
    r.factors.forEach((f, k) => {
      const issue = (path: string, message: string) =>
        ctx.addIssue({ code: 'custom', path: ['factors', k, path], message });
      if ((RESERVED_FACTOR_IDS as readonly string[]).includes(f.id))
        issue('id', `"${f.id}" is a built-in factor; give this one another id`);
      if (seen.has(f.id)) issue('id', `duplicate factor id "${f.id}" (first at factors[${seen.get(f.id)}])`);
      seen.set(f.id, k);
      const builtIn = { impute: r.impute, treat: r.treat, normalise: r.normalise, combine: r.combine } as Record<
        string,
        unknown[]
      >;
      if (f.parameter === 'method' && (builtIn[f.step]?.length ?? 0) > 0)
        issue('parameter', `methods.${f.step}.method is already varied by robustness.${f.step}; vary it in one place`);
      if (f.step === 'aggregate' && r.aggregate.length > 0)
        issue('parameter', 'methods.aggregate is already varied by robustness.aggregate; vary it in one place');
      const twin = r.factors.findIndex(
        (g, j) =>
          j < k &&
          g.step === f.step &&
          g.parameter === f.parameter &&
          (f.step !== 'source' && f.step !== 'denominate' && f.step !== 'smooth'
            ? true
            : overlaps(g.indicators, f.indicators)),
      );
      if (twin >= 0) issue('parameter', `${f.step}.${f.parameter} is already varied by factors[${twin}]`);
    });
  });

/** Two indicator lists act on a common indicator (undefined = the default set, which may be any). */
function overlaps(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (!a || !b) return true;
  return a.some((x) => b.includes(x));
}
