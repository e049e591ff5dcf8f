/**
 * A synthetic London-sized framework for tests and benchmarks (NOT real data): 633 areas in
 * 33 parents, 3 categories, 17 measures, 60 indicators (6 of them parent-level stand-ins),
 * ~2 % of ward values missing. Values come from a seeded generator, so they are the same on
 * every machine. Indicators share a latent "need" per area, so rankings have structure.
 */
import {
  defaultMethods,
  frameworkFileSchema,
  type Framework,
  type IndicatorSpec,
  type Methods,
} from '../../src/core/framework.ts';
import type { Inputs } from '../../src/core/types.ts';
import { inverseNormalCdf } from '../../src/core/stats/inverseNormalCdf.ts';
import { seededRng } from '../../src/robustness/rng.ts';

export function syntheticLondon(
  options: { areas?: number; parents?: number; indicators?: number; methods?: Partial<Methods>; seed?: number } = {},
): { framework: Framework; inputs: Inputs } {
  const n = options.areas ?? 633;
  const parents = options.parents ?? 33;
  const p = options.indicators ?? 60;
  const rng = seededRng(options.seed ?? 2024, 7);
  const normal = () => inverseNormalCdf(Math.min(1 - 1e-12, Math.max(1e-12, rng.uniform())));
  const categories = [
    { id: 'crime', name: 'Violent crime (synthetic)', weight: 2, min_coverage: 0.5 },
    { id: 'attitudes', name: 'Public attitudes (synthetic)', weight: 1, min_coverage: 0.5 },
    { id: 'health', name: 'Public health (synthetic)', weight: 1, min_coverage: 0.5 },
  ];
  const measures = Array.from({ length: 17 }, (_, m) => ({
    id: `m${m}`,
    name: `Measure ${m}`,
    category: m < 7 ? 'crime' : m < 10 ? 'attitudes' : 'health',
    weight: 1 + (m % 3),
    min_coverage: 0.5,
  }));
  const indicators: IndicatorSpec[] = Array.from({ length: p }, (_, k) => ({
    id: `i${k}`,
    name: `Indicator ${k}`,
    measure: `m${k % 17}`,
    key: 'code',
    multiplier: 1,
    level: k % 10 === 9 ? 'borough' : 'ward',
    direction: k % 7 === 3 ? -1 : 1,
    unit: '',
    weight: 1 + (k % 2),
    period: '',
    source: 'synthetic',
    licence: '',
    status: 'real',
    optional: false,
    notes: 'synthetic',
  }));
  const parent = Int32Array.from({ length: n }, (_, i) => Math.floor((i * parents) / n));
  const need = Float64Array.from({ length: n }, () => normal());
  const parentNeed = Float64Array.from({ length: parents }, () => normal());
  const data: Inputs['data'] = {};
  for (const s of indicators) {
    if (s.level === 'borough') {
      data[s.id] = {
        values: Float64Array.from({ length: parents }, (_, g) => Math.exp(0.5 * parentNeed[g] + 0.3 * normal())),
      };
    } else {
      // skewed, like rates: exp of a latent mix; a few missing
      data[s.id] = {
        values: Float64Array.from({ length: n }, (_, i) =>
          rng.uniform() < 0.02
            ? NaN
            : Math.exp(s.direction * (0.6 * need[i] + 0.3 * parentNeed[parent[i]]) + 0.6 * normal()),
        ),
      };
    }
  }
  // through the file schema, so every field a framework file gets by default is filled
  const file = frameworkFileSchema.parse({
    name: 'Synthetic London (not real data)',
    description: 'synthetic',
    areas: { file: 'areas.csv' },
    categories,
    measures,
    indicators: 'indicators.csv',
  });
  const framework: Framework = { ...file, indicators, methods: { ...defaultMethods(), ...options.methods } };
  const inputs: Inputs = {
    areas: {
      codes: Array.from({ length: n }, (_, i) => `S${String(i).padStart(4, '0')}`),
      names: Array.from({ length: n }, (_, i) => `Synthetic ward ${i}`),
      parent,
      parentCodes: Array.from({ length: parents }, (_, g) => `P${g}`),
      parentNames: Array.from({ length: parents }, (_, g) => `Synthetic borough ${g}`),
      population: new Float64Array(n).fill(NaN),
    },
    data,
    excluded: [],
  };
  return { framework, inputs };
}
