/**
 * SYNTHETIC benchmark data: a seeded generator of a framework and its inputs at any size
 * (e.g. 33,755 areas × 60 indicators, the number of English LSOAs). Every value is made up by
 * this code; nothing here is, or may be presented as, real data. Used only by `bench/` and
 * `test/bench/`.
 *
 * Shapes are chosen to exercise the pipeline as real data does:
 * - areas nest in borough-like parents of uneven size (lognormal sizes around `parentSize`);
 * - a latent "need" per area = 0.6 · parent effect + 0.8 · N(0, 1) drives every indicator, so
 *   indicators correlate and parents differ, as wards within boroughs do;
 * - counts with denominators (Poisson counts over residents, households or young people; rates
 *   per 1,000): right-skewed, with zeros, and a few zero denominators (→ missing after denominate);
 * - bounded percentages (logistic of the latent) and lognormal scores without a denominator;
 * - borough-level indicators (one value per parent, inherited by its areas);
 * - missing values: 1 % in most indicators, 15 % in survey-like ones;
 * - some indicators with direction −1 (higher value = lower priority);
 * - 17 measures in 3 categories (the VRU tool's shape), indicator weights 1–3.
 *
 * Deterministic: the same options give bit-identical output (mulberry32 PRNG, no Math.random).
 */
import type { Framework, IndicatorSpec, MeasureSpec, CategorySpec } from '../src/core/framework.ts';
import { defaultMethods } from '../src/core/framework.ts';
import type { Areas, IndicatorData, Inputs } from '../src/core/types.ts';

export interface SyntheticOptions {
  areas: number;
  indicators: number;
  seed?: number;
  /** Mean areas per parent (London wards ≈ 19 per borough; English LSOAs ≈ 110 per district). */
  parentSize?: number;
}

export interface Synthetic {
  framework: Framework;
  inputs: Inputs;
}

/** mulberry32: a small, fast, seedable 32-bit PRNG (Tommy Ettinger, public domain). Returns [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal deviate by Box–Muller from a uniform source. */
function normal(rand: () => number): number {
  const u = 1 - rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

/** Poisson deviate: Knuth's product method for small λ, a rounded normal approximation above 30. */
function poisson(rand: () => number, lambda: number): number {
  if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal(rand)));
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = rand();
  while (p > limit) {
    k++;
    p *= rand();
  }
  return k;
}

const CATEGORIES: CategorySpec[] = [
  { id: 'crime', name: 'Violent crime (synthetic)', weight: 2, min_coverage: 0.5 },
  { id: 'attitudes', name: 'Public attitudes (synthetic)', weight: 1, min_coverage: 0.5 },
  { id: 'health', name: 'Public health (synthetic)', weight: 1, min_coverage: 0.5 },
];
/** 17 measures: 7 crime, 4 attitudes, 6 health, as in the VRU Area Prioritisation Tool. */
const MEASURE_CATEGORY = [
  ...Array(7).fill('crime'),
  ...Array(4).fill('attitudes'),
  ...Array(6).fill('health'),
] as string[];

type Kind = 'count' | 'percent' | 'score' | 'borough';

/** The kind of indicator k: every 20th borough-level, else counts, percentages and scores in turn. */
export function indicatorKind(k: number): Kind {
  if (k % 20 === 19) return 'borough';
  return (['count', 'count', 'percent', 'score'] as const)[k % 4];
}

/** Generates a SYNTHETIC framework and inputs. See the file comment for the shapes. */
export function syntheticFramework(options: SyntheticOptions): Synthetic {
  const { areas: n, indicators: m, seed = 20240601, parentSize = n > 5000 ? 110 : 19 } = options;
  const rand = mulberry32(seed);
  const areas = syntheticAreas(n, parentSize, rand);
  const parentCount = areas.parentCodes.length;
  const parentEffect = Float64Array.from({ length: parentCount }, () => normal(rand));
  const latent = Float64Array.from({ length: n }, (_, i) => 0.6 * parentEffect[areas.parent[i]] + 0.8 * normal(rand));
  const households = Float64Array.from(areas.population, (p) => Math.round(p / (2.1 + 0.6 * rand())));
  // about 1 area in 2,000 has no young residents: a zero denominator, missing after denominate
  const young = Float64Array.from(areas.population, (p) =>
    rand() < 0.0005 ? 0 : Math.round(p * (0.08 + 0.08 * rand())),
  );
  const denominators = [areas.population, households, young];

  const measures: MeasureSpec[] = MEASURE_CATEGORY.map((category, j) => ({
    id: `m${String(j + 1).padStart(2, '0')}`,
    name: `Measure ${j + 1} (synthetic)`,
    category,
    weight: 1 + (j % 2),
    min_coverage: 0.5,
  }));
  const indicators: IndicatorSpec[] = [];
  const data: Record<string, IndicatorData> = {};
  for (let k = 0; k < m; k++) {
    const kind = indicatorKind(k);
    const direction = k % 6 === 5 ? -1 : 1;
    const id = `syn_${String(k + 1).padStart(3, '0')}`;
    const loading = direction * (0.3 + 0.7 * rand());
    const missingRate = k % 10 === 7 ? 0.15 : 0.01;
    const spec = syntheticSpec(id, measures[k % measures.length].id, kind, direction, 1 + (k % 3));
    indicators.push(spec);
    if (kind === 'borough') {
      data[id] = { values: Float64Array.from(parentEffect, (e) => logistic(loading * e + 0.3 * normal(rand)) * 100) };
      continue;
    }
    const values = new Float64Array(n);
    let denominator: Float64Array | undefined;
    if (kind === 'count') {
      denominator = denominators[k % 3];
      const base = (0.5 + 50 * rand() * rand()) / 1000;
      for (let i = 0; i < n; i++)
        values[i] = poisson(rand, denominator[i] * base * Math.exp(0.5 * loading * latent[i]));
    } else if (kind === 'percent') {
      const shift = normal(rand);
      for (let i = 0; i < n; i++) values[i] = 100 * logistic(shift + loading * latent[i] + 0.5 * normal(rand));
    } else {
      for (let i = 0; i < n; i++) values[i] = Math.exp(2 + 0.6 * loading * latent[i] + 0.4 * normal(rand));
    }
    for (let i = 0; i < n; i++) if (rand() < missingRate) values[i] = NaN;
    data[id] = denominator ? { values, denominator } : { values };
  }
  const framework: Framework = {
    name: `Synthetic ${n} areas × ${m} indicators (seed ${seed})`,
    description: 'SYNTHETIC benchmark data generated by bench/synthetic.ts; not real data',
    areas: {
      file: 'synthetic',
      code_column: 'code',
      name_column: 'name',
      parent_column: 'borough_code',
      parent_name_column: 'borough_name',
      basemap: [],
    },
    categories: CATEGORIES.map((c) => ({ ...c })),
    measures,
    indicators,
    methods: defaultMethods(),
  };
  return { framework, inputs: { areas, data, excluded: [] } };
}

function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Areas SYN000001…, populations lognormal around 1,600, parents of lognormal size around `parentSize`. */
function syntheticAreas(n: number, parentSize: number, rand: () => number): Areas {
  const sizes: number[] = [];
  for (let total = 0; total < n;) {
    const s = Math.max(1, Math.min(n - total, Math.round(parentSize * Math.exp(0.35 * normal(rand)))));
    sizes.push(s);
    total += s;
  }
  const parent = new Int32Array(n);
  let i = 0;
  sizes.forEach((s, p) => {
    for (let k = 0; k < s; k++) parent[i++] = p;
  });
  const parentCodes = sizes.map((_, p) => `SYNP${String(p + 1).padStart(4, '0')}`);
  return {
    codes: Array.from({ length: n }, (_, a) => `SYN${String(a + 1).padStart(6, '0')}`),
    names: Array.from({ length: n }, (_, a) => `Synthetic area ${a + 1}`),
    parent,
    parentCodes,
    parentNames: parentCodes.map((c) => `Synthetic parent ${c.slice(4)}`),
    population: Float64Array.from({ length: n }, () => Math.round(1600 * Math.exp(0.25 * normal(rand)))),
  };
}

function syntheticSpec(id: string, measure: string, kind: Kind, direction: 1 | -1, weight: number): IndicatorSpec {
  return {
    id,
    name: `Synthetic ${kind} ${id}`,
    measure,
    file: 'synthetic',
    key: 'code',
    column: kind === 'count' ? 'count' : 'value',
    denominator: kind === 'count' ? 'denominator' : undefined,
    multiplier: kind === 'count' ? 1000 : 1,
    level: kind === 'borough' ? 'borough' : 'ward',
    direction,
    unit: kind === 'count' ? 'per 1,000' : kind === 'score' ? 'score' : '%',
    weight,
    period: 'synthetic',
    source: 'bench/synthetic.ts (SYNTHETIC)',
    licence: '',
    status: 'real',
    optional: false,
    notes: 'SYNTHETIC',
  };
}
