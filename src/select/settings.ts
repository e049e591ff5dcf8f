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
 *   matching: { metric: mahalanobis, replacement: false, propensity: false, caliper: 0.2, ridge: 1, same_inner_outer: false }
 *   objective: expected        # index | expected (default: expected when a robustness folder is given, else index)
 *   eligibility: { robust_candidates: true, min_p_top_decile: 0.8, max_p95_rank: 63 }   # rules on robustness evidence
 *   exclude_flags: [central_activity]   # wards flagged 1 in these areas-CSV columns are not chosen
 *   preference:                # the programme's stated preference (shown in the note with its source)
 *     single_borough: true
 *     source: "MOPAC CEOD 04-2019: should ideally operate within one London Borough area"
 *   evaluation: { design: synthetic-control, post_months: [12, 24], near_miss: [5, 30], seed: 20190401, placebo_shift: 12, donors: 40, plausible_reduction: 0.2 }
 * ```
 */
import * as z from 'zod';
import { InputError, type Problem } from '../core/errors.ts';

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
    /** What the chosen set maximises: `index` (total index score) or `expected` (expected number of pilots in the top decile over the robustness runs). */
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
