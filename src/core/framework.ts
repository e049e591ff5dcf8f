/**
 * The framework: the analyst's description of an index (indicators → measures → categories),
 * with every step's method settings. These are the resolved, validated shapes the pipeline
 * reads; `src/io/loadFramework.ts` builds them from YAML + CSV and `frameworkSchema` validates
 * the YAML part. Pure: no I/O, so the browser can re-run the index from the same object.
 */
import * as z from 'zod';
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

export type Methods = z.infer<typeof methodsSchema>;

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

export type CategorySpec = z.infer<typeof categorySchema>;
export type MeasureSpec = z.infer<typeof measureSchema>;

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

export type AreasSpec = z.infer<typeof areasSpecSchema>;

/**
 * A monthly recorded-crime series file beside the framework (`area_code,series,month,count`,
 * one row for every area × series × month), used to design the pilots' evaluation: `primary` is
 * the series id of the primary outcome; `period` and `source` are shown wherever it is used.
 */
export const monthlySpecSchema = z
  .object({
    file: z.string().min(1),
    period: z.string().min(1),
    source: z.string().min(1),
    primary: id,
  })
  .strict();

export type MonthlySpec = z.infer<typeof monthlySpecSchema>;

/**
 * The YAML file. The robustness: and pilots: sections are passed through here
 * and validated by src/robustness/settings.ts and src/select/settings.ts.
 */
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
