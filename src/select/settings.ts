/**
 * Settings for `wardrank pilots`: the framework YAML's `pilots:` section, validated here (the
 * core schema passes it through as `unknown`), then overridden field by field by CLI flags.
 *
 * ```yaml
 * pilots:
 *   k: 3                       # how many pilot areas
 *   max_per_borough: 1         # at most m pilots in one borough (omit: no cap)
 *   borough: best              # all pilots in one borough: a borough code or name, or "best"
 *                              #   (the borough with the highest sum of its top-k eligible scores)
 *   exclude: [E05000001]       # wards not to choose (already funded); also kept out of comparisons
 *   non_adjacent: true         # no two pilots share a boundary (queen contiguity)
 *   min_distance_km: 2         # and/or centroids at least this far apart
 *   cluster: { population_cap: 30000, same_borough: true }   # a pilot = seed ward + adjacent wards
 *   comparisons: 3             # comparison wards per pilot
 *   buffer_km: 1               # comparison wards at least this far from every pilot (spillover)
 *   matching: { metric: mahalanobis, replacement: false, propensity: false, caliper: 0.2, ridge: 1,
 *               same_inner_outer: false }
 *   objective: expected        # index | expected (default: expected with a robustness folder, else index)
 *   eligibility: { robust_candidates: true, min_p_top_decile: 0.8, max_p95_rank: 63 }   # rules on robustness evidence
 *   exclude_flags: [central_activity]   # wards flagged 1 in these areas-CSV columns are not chosen
 *   preference:                # the programme's stated preference (shown in the note with its source)
 *     single_borough: true
 *     source: "MOPAC CEOD 04-2019: should ideally operate within one London Borough area"
 *   evaluation: { design: synthetic-control, post_months: [12, 24], near_miss: [5, 30], seed: 20190401,
 *                 placebo_shift: 12, donors: 40, plausible_reduction: 0.2 }
 * ```
 */
import * as z from '../core/zod.ts';
import { InputError, type Problem } from '../core/errors.ts';

export const matchingSchema = z.strictObject({
  /**
   * Profile distance: `mahalanobis` (pooled covariance, the default) or `euclidean` (standardised
   * Euclidean: the same with the identity for the covariance, so every measure counts equally and
   * a difference in overall level is not discounted along correlated directions).
   */
  metric: z._default(z.enum(['mahalanobis', 'euclidean']), 'mahalanobis'),
  /** Reuse a comparison ward for several pilots (default: no, each ward used once). */
  replacement: z._default(z.boolean(), false),
  /** Restrict matches to a caliper on the logit of a propensity score. */
  propensity: z._default(z.boolean(), false),
  /** Caliper width in standard deviations of the logit propensity (Austin 2011: 0.2). */
  caliper: z._default(z.number().check(z.positive()), 0.2),
  /** Ridge penalty of the propensity model (a handful of pilots separate perfectly without one). */
  ridge: z._default(z.number().check(z.nonnegative()), 1),
  /** Match only within the same inner/outer London class (areas CSV column `inner_outer`). */
  same_inner_outer: z._default(z.boolean(), false),
});

/** Rules on robustness evidence a ward must meet to be chosen (applied only when a robustness folder is given). */
export const eligibilitySchema = z.strictObject({
  /** Only wards listed in robust-candidates.csv (default true). */
  robust_candidates: z._default(z.boolean(), true),
  min_p_top_decile: z.optional(z.number().check(z.gte(0), z.lte(1))),
  max_p95_rank: z.optional(z.number().check(z.positive())),
});

const positiveInt = () => z.number().check(z.int(), z.positive());

/** The evaluation design written to evaluation-plan.md/json. */
export const evaluationSchema = z.strictObject({
  design: z._default(z.enum(['synthetic-control', 'randomised-pairs']), 'synthetic-control'),
  /** Follow-up lengths for the power calculation, in months. */
  post_months: z._default(z.array(positiveInt()), [12, 24]),
  /** Near-miss comparison wards: ranks from…to (inclusive). */
  near_miss: z._default(z.tuple([positiveInt(), positiveInt()]), [5, 30]),
  /** Random seed for the randomised-pairs design (recorded in the plan). */
  seed: z._default(z.number().check(z.int(), z.nonnegative()), 20190401),
  /** Months the in-time placebo moves the start back. */
  placebo_shift: z._default(positiveInt(), 12),
  /** Donor wards per pilot for the synthetic control: the closest in measure profile among the comparison pool. */
  donors: z._default(z.number().check(z.int(), z.gte(2), z.lte(200)), 40),
  /** Effect sizes (fractional reductions) called plausible when judging power. */
  plausible_reduction: z._default(z.number().check(z.positive(), z.lte(1)), 0.2),
});

const text = () => z.string().check(z.minLength(1));

export const pilotSettingsSchema = z.strictObject({
  k: z._default(z.number().check(z.int(), z.positive(), z.lte(20)), 3),
  max_per_borough: z.optional(positiveInt()),
  borough: z.optional(text()),
  exclude: z._default(z.array(text()), []),
  non_adjacent: z._default(z.boolean(), true),
  min_distance_km: z._default(z.number().check(z.nonnegative()), 0),
  cluster: z.optional(
    z.strictObject({ population_cap: z.number().check(z.positive()), same_borough: z._default(z.boolean(), true) }),
  ),
  comparisons: z._default(z.number().check(z.int(), z.nonnegative(), z.lte(50)), 3),
  buffer_km: z._default(z.number().check(z.nonnegative()), 1),
  matching: z._default(matchingSchema, matchingSchema.parse({})),
  /**
   * What the chosen set maximises: `index` (total index score) or `expected`
   * (expected number of pilots in the top decile over the robustness runs).
   */
  objective: z.optional(z.enum(['index', 'expected'])),
  eligibility: z._default(eligibilitySchema, eligibilitySchema.parse({})),
  exclude_flags: z._default(z.array(text()), []),
  preference: z.optional(z.strictObject({ single_borough: z._default(z.boolean(), false), source: text() })),
  evaluation: z._default(evaluationSchema, evaluationSchema.parse({})),
});

export type PilotSettings = z.infer<typeof pilotSettingsSchema>;
export type MatchingSettings = z.infer<typeof matchingSchema>;
export type EligibilitySettings = z.infer<typeof eligibilitySchema>;
export type EvaluationSettings = z.infer<typeof evaluationSchema>;
export type Objective = NonNullable<PilotSettings['objective']>;

/** CLI flags: any subset of the settings, already typed. */
export type PilotOverrides = Partial<Omit<PilotSettings, 'matching' | 'cluster' | 'eligibility' | 'evaluation'>> & {
  matching?: Partial<MatchingSettings>;
  eligibility?: Partial<EligibilitySettings>;
  evaluation?: Partial<EvaluationSettings>;
  cluster?: PilotSettings['cluster'];
};

/** Validates the YAML `pilots:` section (undefined → all defaults); errors name `pilots.<field>`. */
export function parsePilotSettings(raw: unknown, file = 'framework.yaml'): PilotSettings {
  const parsed = pilotSettingsSchema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const problems: Problem[] = parsed.error.issues.map((issue) => ({
    file,
    field: ['pilots', ...issue.path.map(String)].join('.'),
    message: issue.message,
    severity: 'error',
  }));
  throw InputError.of(problems);
}

/** The YAML settings with CLI flags laid over them (a flag given wins; undefined leaves the YAML value). */
export function withOverrides(settings: PilotSettings, o: PilotOverrides): PilotSettings {
  const defined = <T extends object>(x: T): Partial<T> =>
    Object.fromEntries(Object.entries(x).filter(([, v]) => v !== undefined)) as Partial<T>;
  const { matching, eligibility, evaluation, ...rest } = o;
  return pilotSettingsSchema.parse({
    ...settings,
    ...defined(rest),
    matching: { ...settings.matching, ...defined(matching ?? {}) },
    eligibility: { ...settings.eligibility, ...defined(eligibility ?? {}) },
    evaluation: { ...settings.evaluation, ...defined(evaluation ?? {}) },
  });
}
