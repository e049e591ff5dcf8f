import { describe, expect, it } from 'vitest';
import { prepare, score } from '../../src/core/run.ts';
import { buildDesign, runOptions } from '../../src/robustness/design.ts';
import { FastScorer } from '../../src/robustness/fastScore.ts';
import { seededRng } from '../../src/robustness/rng.ts';
import { samplePlan } from '../../src/robustness/samplePlan.ts';
import { parseRobustnessSettings } from '../../src/robustness/settings.ts';
import { loadFramework } from '../../src/io/loadFramework.ts';
import { syntheticLondon } from './syntheticLondon.ts';
import {
  keyedVariantData,
  prepareVariant,
  variantSpecs,
  type DataVariants,
} from '../../src/robustness/dataVariants.ts';
import { loadVariantData } from '../../src/io/loadVariants.ts';
import { factorFixture } from './factorFixture.ts';

const everythingSection = {
  weights: {
    categories: { distribution: 'dirichlet', concentration: 20 },
    measures: { distribution: 'uniform', spread: 0.5 },
    indicators: { distribution: 'uniform', spread: 0.5 },
  },
  impute: ['none', 'mean', 'median', 'group-mean'],
  treat: ['coinr', 'none'],
  normalise: ['zscore', 'minmax', 'rank', 'percentile', 'normal-scores', 'distance-to-reference'],
  aggregate: ['arithmetic', 'geometric'],
  combine: ['arithmetic', 'exponential'],
};
const everything = parseRobustnessSettings(everythingSection);

/** The small fixture's indicator table with a `smooth` column: eb on violence_rate (a count with a denominator). */
const withSmoothColumn = (csv: string) =>
  csv
    .trim()
    .split('\n')
    .map((line, r) => `${line},${r === 0 ? 'smooth' : line.startsWith('violence_rate,') ? 'eb' : ''}`)
    .join('\n') + '\n';

function expectSameAsScore(
  prepared: ReturnType<typeof prepare>,
  settings: typeof everything,
  rows: number,
  seed: number,
  data?: DataVariants,
) {
  const design = buildDesign(prepared, settings, data);
  const plan = samplePlan(design, rows, false, seededRng(seed));
  const fast = new FastScorer(prepared, data);
  const n = prepared.areas.codes.length;
  let compared = 0;
  for (let r = 0; r < rows; r++) {
    const options = runOptions(design, plan.values, r);
    // a run's data: core prepare() on the patched indicator table (the nominal data when unpatched)
    const want = score(
      Object.keys(options.data).length ? prepareVariant(prepared, options.data, data) : prepared,
      options,
    );
    const got = fast.score(options);
    for (let i = 0; i < n; i++) {
      // identical to the last bit, NaN included
      if (!Object.is(got.index[i], want.index[i]) || !Object.is(got.rank[i], want.rank[i])) {
        throw new Error(
          `run ${r} area ${i}: fast ${got.index[i]}/${got.rank[i]} vs score ${want.index[i]}/${want.rank[i]} (${JSON.stringify(options.methods)})`,
        );
      }
      compared++;
    }
  }
  return compared;
}

describe('fast path', () => {
  it('equals score() bit for bit on a synthetic framework (60 indicators, 17 measures, 3 categories) under every kind of sampled choice', () => {
    const { framework, inputs } = syntheticLondon({ areas: 240, parents: 12 });
    const prepared = prepare(framework, inputs);
    expect(expectSameAsScore(prepared, everything, 60, 3)).toBe(60 * 240);
  });

  it('equals score() with measure scores reused across runs (indicator weights not perturbed)', () => {
    const { framework, inputs } = syntheticLondon({ areas: 240, parents: 12 });
    const prepared = prepare(framework, inputs);
    const settings = {
      ...everything,
      weights: { ...everything.weights, indicators: { distribution: 'none' as const, spread: 0, concentration: 1 } },
    };
    expect(expectSameAsScore(prepared, settings, 80, 4)).toBe(80 * 240);
  });

  it('equals score() on the hand-checked fixture (missing values, a borough stand-in, unranked areas possible)', () => {
    const loaded = loadFramework('test/fixtures/small/framework.yaml');
    const prepared = prepare(loaded.framework, loaded.inputs);
    expect(expectSameAsScore(prepared, everything, 200, 5)).toBe(200 * 10);
  });

  it("equals score() under declared factors too: denominator, vintage, outlier treatment, a treatment parameter, coverage (each run's data by core prepare())", () => {
    // violence_rate declares empirical-Bayes smoothing (a `smooth` column added to the table)
    const loaded = loadFramework(factorFixture({ indicators: withSmoothColumn }));
    expect(loaded.framework.indicators.find((s) => s.id === 'violence_rate')?.smooth).toBe('eb');
    const prepared = prepare(loaded.framework, loaded.inputs);
    const settings = parseRobustnessSettings({
      ...everythingSection,
      factors: [
        {
          id: 'denominator',
          step: 'denominate',
          parameter: 'denominator',
          values: ['population', 'workday_population'],
        },
        {
          id: 'vintage',
          step: 'source',
          parameter: 'source',
          indicators: ['violence_rate'],
          values: [{ column: 'violence_count' }, { column: 'violence_count_2019' }],
        },
        { id: 'winsor_limit', step: 'treat', parameter: 'max_winsorised', values: [1, 5] },
        { id: 'skew', step: 'treat', parameter: 'skew', values: [0.5, 2] },
        { id: 'coverage', step: 'combine', parameter: 'min_coverage', values: [0.4, 1] },
        { id: 'pca', step: 'weights', parameter: 'indicators', values: ['declared', 'pca'] },
        { id: 'over', step: 'statistics', parameter: 'over', values: ['ranked', 'all'] },
        { id: 'smoothing', step: 'smooth', parameter: 'smooth', values: ['declared', 'none', 'eb-parent'] },
      ],
    });
    const specs = variantSpecs(loaded.framework, settings.factors);
    const data = { inputs: loaded.inputs, data: keyedVariantData(specs, loadVariantData(loaded, specs)) };
    const design = buildDesign(prepared, settings, data);
    expect(design.factors.filter((f) => f.kind === 'discrete').map((f) => f.id)).toEqual([
      'impute',
      'treat',
      'normalise',
      'aggregate',
      'combine',
      'omit',
      'borough_stand_ins',
      'denominator',
      'vintage',
      'winsor_limit',
      'skew',
      'coverage',
      'pca',
      'over',
      'smoothing',
    ]);
    expect(expectSameAsScore(prepared, settings, 300, 6, data)).toBe(300 * 10);
  });

  it('hands runs with the same choices the same methods, data and left-out objects, equal to what their choices give', () => {
    const loaded = loadFramework('test/fixtures/small/framework.yaml');
    const prepared = prepare(loaded.framework, loaded.inputs);
    const design = buildDesign(prepared, everything);
    const plan = samplePlan(design, 400, false, seededRng(8));
    const discrete = design.factors.flatMap((f, k) => (f.kind === 'discrete' ? [{ id: f.id, k }] : []));
    const methodFactors = discrete.filter((f) => !['omit', 'borough_stand_ins'].includes(f.id));
    const choices = (row: number, fs: { k: number }[]) => fs.map((f) => plan.values[f.k][row]).join(',');
    const seen = new Map<string, ReturnType<typeof runOptions>['methods']>();
    let shared = 0;
    for (let row = 0; row < plan.rows; row++) {
      const options = runOptions(design, plan.values, row);
      // a copy of the design has no built objects yet: every part is built afresh from the choices
      const fresh = runOptions({ ...design }, plan.values, row);
      expect(options).toEqual(fresh);
      const key = choices(row, methodFactors);
      const earlier = seen.get(key);
      if (earlier) {
        expect(options.methods).toBe(earlier);
        shared++;
      } else seen.set(key, options.methods);
    }
    // 4 impute × 2 treat × 6 normalise × 2 aggregate × 2 combine = 192 method combinations for 400 runs
    expect(seen.size).toBeLessThanOrEqual(192);
    expect(shared).toBe(400 - seen.size);
  });
});
