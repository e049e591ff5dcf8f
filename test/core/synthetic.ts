/**
 * Synthetic frameworks for property tests: built in memory (no files), named synthetic.
 */
import { defaultMethods, type Framework, type IndicatorSpec, type Methods } from '../../src/core/framework.ts';
import type { Inputs } from '../../src/core/types.ts';

export interface SyntheticSpec {
  /** values[indicator][area] */
  values: number[][];
  directions: (1 | -1)[];
  /** measure index per indicator */
  measureOf: number[];
  /** category index per measure */
  categoryOf: number[];
  indicatorWeights?: number[];
  measureWeights?: number[];
  categoryWeights?: number[];
  methods?: Partial<Methods>;
}

export function syntheticFramework(s: SyntheticSpec): { framework: Framework; inputs: Inputs } {
  const n = s.values[0].length;
  const nMeasures = Math.max(...s.measureOf) + 1;
  const nCategories = Math.max(...s.categoryOf) + 1;
  const indicators: IndicatorSpec[] = s.values.map((_, k) => ({
    id: `i${k}`,
    name: `Indicator ${k}`,
    measure: `m${s.measureOf[k]}`,
    file: 'synthetic.csv',
    key: 'code',
    column: `i${k}`,
    multiplier: 1,
    level: 'ward',
    direction: s.directions[k],
    unit: '',
    weight: s.indicatorWeights?.[k] ?? 1,
    period: '',
    source: 'synthetic',
    licence: '',
    status: 'real',
    optional: false,
    notes: '',
  }));
  const framework: Framework = {
    name: 'synthetic',
    description: 'synthetic property-test framework',
    areas: {
      file: 'areas.csv',
      code_column: 'code',
      name_column: 'name',
      parent_column: 'borough_code',
      parent_name_column: 'borough_name',
      basemap: [],
    },
    categories: Array.from({ length: nCategories }, (_, c) => ({
      id: `c${c}`,
      name: `Category ${c}`,
      weight: s.categoryWeights?.[c] ?? 1,
      min_coverage: 0.5,
    })),
    measures: Array.from({ length: nMeasures }, (_, m) => ({
      id: `m${m}`,
      name: `Measure ${m}`,
      category: `c${s.categoryOf[m]}`,
      weight: s.measureWeights?.[m] ?? 1,
      min_coverage: 0.5,
    })),
    indicators,
    methods: { ...defaultMethods(), ...s.methods },
  };
  const inputs: Inputs = {
    areas: {
      codes: Array.from({ length: n }, (_, i) => `W${i}`),
      names: Array.from({ length: n }, (_, i) => `Ward ${i}`),
      parent: Int32Array.from({ length: n }, (_, i) => i % 3),
      parentCodes: ['B0', 'B1', 'B2'],
      parentNames: ['B0', 'B1', 'B2'],
      population: new Float64Array(n).fill(1000),
    },
    data: Object.fromEntries(s.values.map((v, k) => [`i${k}`, { values: Float64Array.from(v) }])),
    excluded: [],
  };
  return { framework, inputs };
}
