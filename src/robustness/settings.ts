/**
 * The framework YAML's `robustness:` section: which modelling choices the uncertainty and
 * sensitivity analysis varies, and how. Every field has a default, so a framework without the
 * section still gets an analysis (the defaults below); `wardrank robustness` flags override
 * `runs` and `seed`.
 *
 * ```yaml
 * robustness:
 *   runs: 1000               # N: Monte Carlo runs (matrix A); Sobol adds N·(d+1) more
 *   seed: 1                  # any whole number 0 … 2⁵³−1; same seed, same files
 *   weights:                 # per level: none | uniform (± spread, relative) | dirichlet
 *     categories: { distribution: uniform, spread: 0.25 }
 *     measures:   { distribution: uniform, spread: 0.25 }
 *     indicators: { distribution: none }
 *   impute:    [none, mean, group-mean]           # sampled uniformly from the set;
 *   normalise: [zscore, minmax, normal-scores, rank]   # [] = the framework's own method;
 *   aggregate: [arithmetic, geometric]            # one item = fixed at that method
 *   treat:     []
 *   combine:   []
 *   leave_one_out: true      # each run leaves out one random indicator, or none (uniform over p + 1)
 *   borough_stand_ins: true  # each run switches borough-level stand-ins on or off (½ each)
 *   factors: []              # further factors: one parameter of one step each (factorSpec.ts)
 *   sobol: { enabled: true, bootstrap: 500, confidence: 0.95 }
 *   candidates: { min_p_top_k: 0.5, max_p95_rank: decile }
 * ```
 *
 * Dirichlet weights: the weights of one group (the categories; the measures of one category;
 * the indicators of one measure) are drawn from Dir(c · w / Σw) with c = `concentration`, so
 * their mean is the nominal share w/Σw and their spread shrinks as c grows
 * (SD = √(p(1−p)/(c+1)) for a member of share p). Uniform: w' = w · (1 + s·(2u − 1)),
 * u ~ U(0, 1), each weight independently; weights are relative, so only ratios matter.
 */
import * as z from '../core/zod.ts';
import {
  AGGREGATE_METHODS,
  COMBINE_METHODS,
  IMPUTE_METHODS,
  NORMALISE_METHODS,
  TREAT_METHODS,
} from '../core/framework.ts';
import { InputError } from '../core/errors.ts';
import { factorSpecSchema, RESERVED_FACTOR_IDS } from './factorSpec.ts';

export const WEIGHT_DISTRIBUTIONS = ['none', 'uniform', 'dirichlet'] as const;

const perturbationSchema = z.strictObject({
  distribution: z._default(z.enum(WEIGHT_DISTRIBUTIONS), 'uniform'),
  /** Uniform: relative half-width, w' ∈ [w(1 − s), w(1 + s)]. */
  spread: z._default(z.number().check(z.gte(0), z.lte(1)), 0.25),
  /** Dirichlet: concentration c (Σα); larger is tighter around the nominal shares. */
  concentration: z._default(z.number().check(z.positive(), z.lte(1e6)), 50),
});

const uniqueSet = <T extends string>(values: readonly [T, ...T[]], fallback: T[]) =>
  z._default(
    z.array(z.enum(values)).check(z.refine((a) => new Set(a).size === a.length, 'each method at most once')),
    fallback,
  );

export const robustnessSchema = z
  .strictObject({
    runs: z._default(z.number().check(z.int(), z.positive(), z.lte(10_000_000)), 1000),
    seed: z._default(z.number().check(z.int(), z.nonnegative(), z.lte(Number.MAX_SAFE_INTEGER)), 1),
    weights: z._default(
      z.strictObject({
        categories: z._default(perturbationSchema, { distribution: 'uniform', spread: 0.25, concentration: 50 }),
        measures: z._default(perturbationSchema, { distribution: 'uniform', spread: 0.25, concentration: 50 }),
        indicators: z._default(perturbationSchema, { distribution: 'none', spread: 0.25, concentration: 50 }),
      }),
      {
        categories: { distribution: 'uniform', spread: 0.25, concentration: 50 },
        measures: { distribution: 'uniform', spread: 0.25, concentration: 50 },
        indicators: { distribution: 'none', spread: 0.25, concentration: 50 },
      },
    ),
    impute: uniqueSet(IMPUTE_METHODS, ['none', 'mean', 'group-mean']),
    treat: uniqueSet(TREAT_METHODS, []),
    normalise: uniqueSet(NORMALISE_METHODS, ['zscore', 'minmax', 'normal-scores', 'rank']),
    aggregate: uniqueSet(AGGREGATE_METHODS, ['arithmetic', 'geometric']),
    combine: uniqueSet(COMBINE_METHODS, []),
    leave_one_out: z._default(z.boolean(), true),
    borough_stand_ins: z._default(z.boolean(), true),
    /** Further factors, each one parameter of one step over a list of values (see factorSpec.ts). */
    factors: z._default(z.array(factorSpecSchema), []),
    sobol: z._default(
      z.strictObject({
        enabled: z._default(z.boolean(), true),
        /** Bootstrap replicates for the confidence intervals (0: none). */
        bootstrap: z._default(z.number().check(z.int(), z.nonnegative(), z.lte(100_000)), 500),
        confidence: z._default(z.number().check(z.gt(0), z.lt(1)), 0.95),
      }),
      { enabled: true, bootstrap: 500, confidence: 0.95 },
    ),
    candidates: z._default(
      z.strictObject({
        /** A ward is a robust candidate if it is in the top k in at least this share of runs … */
        min_p_top_k: z._default(z.number().check(z.gte(0), z.lte(1)), 0.5),
        /** … or its 95th-percentile rank is at most this (`decile`: the top-decile cut-off, ⌈N/10⌉). */
        max_p95_rank: z._default(z.union([z.literal('decile'), z.number().check(z.positive())]), 'decile'),
      }),
      { min_p_top_k: 0.5, max_p95_rank: 'decile' },
    ),
  })
  .check(
    z.superRefine((r, ctx) => {
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
          issue(
            'parameter',
            `methods.${f.step}.method is already varied by robustness.${f.step}; vary it in one place`,
          );
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
    }),
  );

/** Two indicator lists act on a common indicator (undefined = the default set, which may be any). */
function overlaps(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (!a || !b) return true;
  return a.some((x) => b.includes(x));
}

export type RobustnessSettings = z.infer<typeof robustnessSchema>;
export type WeightPerturbation = z.infer<typeof perturbationSchema>;

/** The settings from a framework's `robustness:` section (undefined → all defaults). */
export function parseRobustnessSettings(section: unknown, file = 'framework.yaml'): RobustnessSettings {
  const parsed = robustnessSchema.safeParse(section ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => ({
    file,
    field: ['robustness', ...issue.path.map(String)].join('.'),
    message: issue.message,
    expected: 'see docs/robustness.md for the robustness section',
    severity: 'error' as const,
  }));
  throw InputError.of(problems);
}

/** Defaults with every choice fixed at the framework's own and no weight noise: each run is the nominal run. */
export function noPerturbation(runs = 100, seed = 1): RobustnessSettings {
  const none = { distribution: 'none' as const, spread: 0, concentration: 50 };
  return parseRobustnessSettings({
    runs,
    seed,
    weights: { categories: none, measures: none, indicators: none },
    impute: [],
    treat: [],
    normalise: [],
    aggregate: [],
    combine: [],
    leave_one_out: false,
    borough_stand_ins: false,
    factors: [],
  });
}
