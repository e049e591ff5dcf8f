/**
 * `robustness.factors`: extra uncertain factors declared in the framework file, each varying one
 * parameter of one pipeline step over a list of values (COINr's `get_sensitivity()` lets a user
 * vary any parameter of any step; here any parameter the framework schema knows):
 *
 * ```yaml
 * robustness:
 *   factors:
 *     - { id: outliers, step: treat, parameter: method, values: [coinr, none] }
 *     - { id: winsor_limit, step: treat, parameter: max_winsorised, values: [3, 5, 10] }
 *     - { id: denominator, step: denominate, parameter: denominator, values: [population, workday_population] }
 *     - { id: smoothing, step: smooth, parameter: smooth, values: [declared, none] }
 *     - id: ambulance_vintage
 *       step: source
 *       parameter: source
 *       indicators: [ambulance_assault]
 *       values:
 *         - { column: ambulance_assault_per_year_2012_14, period: 2012 to 2014 }
 *         - { file: other.csv, column: assaults_2019_21, period: 2019 to 2021 }
 * ```
 *
 * - `step` ∈ impute | treat | normalise | aggregate | combine | weights | statistics (a `methods.<step>` setting: every
 *   value is checked by that field's own schema in `methodsSchema`), or one of the data steps:
 *   `denominate` (parameter `denominator`: a column of the indicator's own data file),
 *   `smooth` (parameter `smooth`: `declared` = each indicator's own `smooth` cell, `none`, or a
 *   smoothing method), `source` (parameter `source`: `{ column, file?, period? }`, an alternative
 *   data column — another vintage — for exactly one indicator).
 * - `indicators` (data steps only): which indicators the factor acts on. Default: for
 *   `denominate`, every indicator whose declared denominator is one of `values`; for `smooth`,
 *   every indicator that declares smoothing.
 * - Each run draws one value uniformly (a "trigger" factor, as the built-in method sets are).
 */
import * as z from '../core/zod.ts';
import { methodsSchema } from '../core/framework.ts';

export const METHOD_STEPS = ['impute', 'treat', 'normalise', 'aggregate', 'combine', 'weights', 'statistics'] as const;
export const DATA_STEPS = ['denominate', 'smooth', 'source'] as const;
export const FACTOR_STEPS = [...METHOD_STEPS, ...DATA_STEPS] as const;
/** `smooth` factor values: the table's own declaration, none, or a method (core's SMOOTH_METHODS). */
export const SMOOTH_VALUES = ['declared', 'none', 'eb', 'eb-parent'] as const;
/** Factor ids the built-in settings use; a declared factor takes another. */
export const RESERVED_FACTOR_IDS = [
  'impute',
  'treat',
  'normalise',
  'aggregate',
  'combine',
  'omit',
  'borough_stand_ins',
] as const;

export type MethodStep = (typeof METHOD_STEPS)[number];
export type DataStep = (typeof DATA_STEPS)[number];

const id = z.string().check(z.regex(/^[a-z0-9_]+$/, 'an id of lower-case letters, digits and _'));

const text = () => z.string().check(z.minLength(1));

export const sourceValueSchema = z.strictObject({
  column: text(),
  /** Default: the indicator's own file. */
  file: z.optional(text()),
  /** The period of this vintage, shown with the factor's values. */
  period: z.optional(text()),
});
export type SourceValue = z.infer<typeof sourceValueSchema>;

/**
 * The schema of one `methods.<step>` object, inside its default (its `.shape` maps each
 * parameter to its own schema).
 */
function stepShape(step: MethodStep): Record<string, z.ZodMiniType> {
  const wrapped = methodsSchema.shape[step] as unknown as { def: { innerType: z.ZodMiniObject } };
  return wrapped.def.innerType.shape as Record<string, z.ZodMiniType>;
}

export const factorSpecSchema = z
  .strictObject({
    id,
    step: z.enum(FACTOR_STEPS),
    parameter: text(),
    values: z.array(z.unknown()).check(z.minLength(2, 'at least two values (one value would not vary)')),
    indicators: z.optional(z.array(id).check(z.minLength(1))),
  })
  .check(
    z.superRefine((f, ctx) => {
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
    }),
  );

export type FactorSpec = z.infer<typeof factorSpecSchema>;

/**
 * A canonical string for a JSON-like value: object keys sorted, undefined members dropped, so two
 * settings objects that mean the same thing give the same string (cache keys, duplicate checks).
 */
export function stableKey(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + stableKey(value[i]);
    return out + ']';
  }
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o).sort();
  let out = '{';
  let first = true;
  for (const k of keys) {
    if (o[k] === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(k)}:${stableKey(o[k])}`;
    first = false;
  }
  return out + '}';
}

/** How a value is shown in outputs (samples.csv, sobol.csv): strings as they are, sources by column (and period). */
export function valueLabel(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'column' in value) {
    const s = value as SourceValue;
    return `${s.file ? `${s.file}:` : ''}${s.column}${s.period ? ` (${s.period})` : ''}`;
  }
  return stableKey(value);
}
