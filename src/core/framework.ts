/**
 * The framework: the analyst's description of an index (indicators → measures → categories),
 * with every step's method settings. These are the resolved, validated shapes the pipeline
 * reads; `src/io/loadFramework.ts` builds them from YAML + CSV and `frameworkSchema` validates
 * the YAML part. Pure: no I/O, so the browser can re-run the index from the same object.
 */
import * as z from './zod.ts';
import { NORMALISE_METHOD_IDS, normaliseParamShape, type NormaliseMethod } from './methods/normalise/registry.ts';
import { AGGREGATE_METHOD_IDS, type AggregateMethod } from './methods/aggregate/registry.ts';

export type { NormaliseMethod, AggregateMethod };

export type Level = 'ward' | 'borough';
export type Direction = 1 | -1;
export type IndicatorStatus = 'real' | 'proxy' | 'no-public-source';

export const IMPUTE_METHODS = ['none', 'mean', 'median', 'group-mean'] as const;
export const TREAT_METHODS = ['coinr', 'none'] as const;
/** The normalisation methods: read from the registry (src/core/methods/normalise/registry.ts). */
export const NORMALISE_METHODS = NORMALISE_METHOD_IDS;
/** The aggregation methods: read from the registry (src/core/methods/aggregate/registry.ts). */
export const AGGREGATE_METHODS = AGGREGATE_METHOD_IDS;
/** Categories → index: any aggregation method, or the IoD exponential transformation then the arithmetic mean. */
export const COMBINE_METHODS = [...AGGREGATE_METHOD_IDS, 'exponential'] as unknown as readonly [
  AggregateMethod | 'exponential',
  ...(AggregateMethod | 'exponential')[],
];
/**
 * Rate smoothing per indicator: `eb` toward the overall rate,
 * `eb-parent` toward the parent's (src/core/steps/smooth.ts).
 */
export const SMOOTH_METHODS = ['eb', 'eb-parent'] as const;
/**
 * How the map draws a basemap layer: `boundaries` (outlines of the areas' parents, drawn on top
 * and labelled with their names), `water` (rivers and lakes, filled blue) or `lines` (transport
 * lines, dashed, off until the reader turns them on).
 */
export const BASEMAP_KINDS = ['boundaries', 'water', 'lines'] as const;
export type BasemapKind = (typeof BASEMAP_KINDS)[number];

export type ImputeMethod = (typeof IMPUTE_METHODS)[number];
export type TreatMethod = (typeof TREAT_METHODS)[number];
export type CombineMethod = (typeof COMBINE_METHODS)[number];
export type SmoothMethod = (typeof SMOOTH_METHODS)[number];

export interface IndicatorSpec {
  id: string;
  name: string;
  measure: string;
  file?: string;
  key: string;
  column?: string;
  denominator?: string;
  multiplier: number;
  level: Level;
  direction: Direction;
  unit: string;
  transform?: 'log' | 'sqrt';
  /** Empirical-Bayes smoothing of the rate (needs a count and a denominator); undefined = none. */
  smooth?: SmoothMethod;
  /** Goalposts for `goalposts` normalisation (indicator table `goal_low`, `goal_high`), in the indicator's units. */
  goal_low?: number;
  goal_high?: number;
  weight: number;
  period: string;
  source: string;
  licence: string;
  status: IndicatorStatus;
  optional: boolean;
  notes: string;
}

const id = z.string().check(z.regex(/^[a-z0-9_]+$/, 'an id of lower-case letters, digits and _'));
// bounded so weighted sums stay finite (docs/reliability.md); zod numbers are finite already
const weight = z.number().check(z.nonnegative(), z.lte(1e15));
const share = (fallback: number) => z._default(z.number().check(z.gte(0), z.lte(1)), fallback);
const text = () => z.string().check(z.minLength(1));

export const methodsSchema = z.strictObject({
  impute: z._default(z.strictObject({ method: z._default(z.enum(IMPUTE_METHODS), 'none') }), { method: 'none' }),
  treat: z._default(
    z.strictObject({
      method: z._default(z.enum(TREAT_METHODS), 'coinr'),
      skew: z._default(z.number().check(z.positive()), 2),
      kurtosis: z._default(z.number(), 3.5),
      max_winsorised: z._default(z.number().check(z.int(), z.nonnegative(), z.lte(1000)), 5),
    }),
    { method: 'coinr', skew: 2, kurtosis: 3.5, max_winsorised: 5 },
  ),
  normalise: z.prefault(
    z.strictObject({
      method: z._default(z.enum(NORMALISE_METHODS), 'zscore'),
      ...(normaliseParamShape() as {
        reference: z.ZodMiniDefault<
          z.ZodMiniUnion<[z.ZodMiniLiteral<'median'>, z.ZodMiniLiteral<'max'>, z.ZodMiniNumber]>
        >;
        range: z.ZodMiniOptional<z.ZodMiniType<[number, number]>>;
      }),
    }),
    {},
  ),
  aggregate: z._default(
    z.strictObject({
      indicators: z._default(z.enum(AGGREGATE_METHODS), 'arithmetic'),
      measures: z._default(z.enum(AGGREGATE_METHODS), 'arithmetic'),
    }),
    { indicators: 'arithmetic', measures: 'arithmetic' },
  ),
  combine: z._default(
    z.strictObject({
      method: z._default(z.enum(COMBINE_METHODS), 'arithmetic'),
      /** Share of category weight a ward needs to be ranked (1: every category with data). */
      min_coverage: share(1),
    }),
    { method: 'arithmetic', min_coverage: 1 },
  ),
  rank: z._default(z.strictObject({ top_k: z._default(z.number().check(z.int(), z.positive()), 3) }), { top_k: 3 }),
  /**
   * Indicator weights within measures: declared in the table, or derived by PCA (src/core/steps/deriveWeights.ts).
   */
  weights: z.prefault(z.strictObject({ indicators: z._default(z.enum(['declared', 'pca']), 'declared') }), {}),
  /** Which areas feed the statistics of treatment and normalisation (src/core/steps/referenceSet.ts). */
  statistics: z.prefault(z.strictObject({ over: z._default(z.enum(['ranked', 'all']), 'ranked') }), {}),
});

export type Methods = z.infer<typeof methodsSchema>;

export const categorySchema = z.strictObject({ id, name: text(), weight, min_coverage: share(0.5) });
export const measureSchema = z.strictObject({
  id,
  name: text(),
  category: id,
  weight,
  min_coverage: share(0.5),
});

export type CategorySpec = z.infer<typeof categorySchema>;
export type MeasureSpec = z.infer<typeof measureSchema>;

export const areasSpecSchema = z.strictObject({
  file: text(),
  code_column: z._default(z.string(), 'code'),
  name_column: z._default(z.string(), 'name'),
  parent_column: z._default(z.string(), 'borough_code'),
  parent_name_column: z._default(z.string(), 'borough_name'),
  population_column: z.optional(z.string()),
  /**
   * 0/1 columns of the areas file carried into results.csv,
   * prepared.json and the API ward rows (e.g. central_activity).
   */
  flag_columns: z.optional(z.array(text())),
  boundaries: z.optional(z.string()),
  adjacency: z.optional(z.string()),
  /** Expected [west, south, east, north] of the boundaries in degrees: catches swapped lat/lon. */
  extent: z.optional(z.tuple([z.number(), z.number(), z.number(), z.number()])),
  /** Context layers for the map, GeoJSON files, each drawn as its `kind` says (BASEMAP_KINDS). */
  basemap: z._default(z.array(z.strictObject({ id, name: text(), kind: z.enum(BASEMAP_KINDS), file: text() })), []),
});

export type AreasSpec = z.infer<typeof areasSpecSchema>;

/**
 * A monthly recorded-crime series file beside the framework (`area_code,series,month,count`,
 * one row for every area × series × month), used to design the pilots' evaluation: `primary` is
 * the series id of the primary outcome; `period` and `source` are shown wherever it is used.
 */
export const monthlySpecSchema = z.strictObject({
  file: text(),
  period: text(),
  source: text(),
  primary: id,
});

export type MonthlySpec = z.infer<typeof monthlySpecSchema>;

/**
 * The YAML file. The robustness: and pilots: sections are passed through here
 * and validated by src/robustness/settings.ts and src/select/settings.ts.
 */
export const frameworkFileSchema = z.strictObject({
  name: text(),
  description: z._default(z.string(), ''),
  areas: areasSpecSchema,
  categories: z.array(categorySchema).check(z.minLength(1)),
  measures: z.array(measureSchema).check(z.minLength(1)),
  indicators: text(),
  /** Credits for data not named in the indicator table (boundaries, basemap layers). */
  attribution: z._default(z.array(text()), []),
  // a fresh default per parse, built only when the file has no methods (no parse at import time)
  methods: z._default(methodsSchema, () => defaultMethods()),
  robustness: z.optional(z.unknown()),
  pilots: z.optional(z.unknown()),
  monthly: z.optional(monthlySpecSchema),
});

export type FrameworkFile = z.infer<typeof frameworkFileSchema>;

/** A validated framework: the YAML with its indicator table read in. */
export interface Framework extends Omit<FrameworkFile, 'indicators' | 'attribution'> {
  indicators: IndicatorSpec[];
  attribution?: string[];
}

/** The default method settings (every field filled). */
export function defaultMethods(): Methods {
  return methodsSchema.parse({});
}

/** A copy of `methods` with some settings replaced, as a robustness run or the map's what-if does. */
export function withMethods(methods: Methods, patch: DeepPartial<Methods>): Methods {
  return {
    impute: { ...methods.impute, ...patch.impute },
    treat: { ...methods.treat, ...patch.treat },
    normalise: { ...methods.normalise, ...patch.normalise },
    aggregate: { ...methods.aggregate, ...patch.aggregate },
    combine: { ...methods.combine, ...patch.combine },
    rank: { ...methods.rank, ...patch.rank },
    statistics: { ...methods.statistics, ...patch.statistics },
    weights: { ...methods.weights, ...patch.weights },
  } as Methods;
}

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? Partial<T[K]> : T[K] };
