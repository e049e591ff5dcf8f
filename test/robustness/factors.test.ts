import { describe, expect, it } from 'vitest';
import { prepare, score } from '../../src/core/run.ts';
import { InputError } from '../../src/core/errors.ts';
import { loadFramework, type Loaded } from '../../src/io/loadFramework.ts';
import { loadVariantData } from '../../src/io/loadVariants.ts';
import { buildDesign, runOptions, type DiscreteFactor } from '../../src/robustness/design.ts';
import {
  keyedVariantData,
  prepareVariant,
  variantSpecs,
  type DataVariants,
} from '../../src/robustness/dataVariants.ts';
import { stableKey } from '../../src/robustness/factorSpec.ts';
import { FastScorer } from '../../src/robustness/fastScore.ts';
import { runMonteCarlo } from '../../src/robustness/runMonteCarlo.ts';
import { noPerturbation, parseRobustnessSettings, type RobustnessSettings } from '../../src/robustness/settings.ts';
import { factorFixture } from './factorFixture.ts';

/** No perturbation except the given declared factors. */
const only = (factors: unknown[], runs = 40): RobustnessSettings =>
  parseRobustnessSettings({ ...noPerturbation(runs, 7), factors });

function withData(loaded: Loaded, settings: RobustnessSettings): DataVariants {
  const specs = variantSpecs(loaded.framework, settings.factors);
  return { inputs: loaded.inputs, data: keyedVariantData(specs, loadVariantData(loaded, specs)) };
}

/** The run of `design` whose factor values are `choices` (one per factor). */
function optionsFor(design: ReturnType<typeof buildDesign>, choices: number[]) {
  return runOptions(
    design,
    choices.map((c) => Float64Array.of(c)),
    0,
  );
}

const DENOMINATOR = {
  id: 'denominator',
  step: 'denominate',
  parameter: 'denominator',
  values: ['population', 'workday_population'],
};
const VINTAGE = {
  id: 'violence_vintage',
  step: 'source',
  parameter: 'source',
  indicators: ['violence_rate'],
  values: [
    { column: 'violence_count', period: '2020-2022' },
    { column: 'violence_count_2019', period: '2019' },
  ],
};

describe('robustness.factors: the schema', () => {
  it('accepts every documented kind of factor', () => {
    const s = parseRobustnessSettings({
      factors: [
        { id: 'outliers', step: 'treat', parameter: 'method', values: ['coinr', 'none'] },
        { id: 'winsor_limit', step: 'treat', parameter: 'max_winsorised', values: [3, 5, 10] },
        { id: 'reference', step: 'normalise', parameter: 'reference', values: ['median', 'max', 0] },
        { id: 'coverage', step: 'combine', parameter: 'min_coverage', values: [0.5, 1] },
        DENOMINATOR,
        { id: 'smoothing', step: 'smooth', parameter: 'smooth', values: ['declared', 'none'] },
        VINTAGE,
      ],
    });
    expect(s.factors.map((f) => f.id)).toEqual([
      'outliers',
      'winsor_limit',
      'reference',
      'coverage',
      'denominator',
      'smoothing',
      'violence_vintage',
    ]);
  });

  const problems = (factors: unknown[], extra: Record<string, unknown> = {}) => {
    try {
      parseRobustnessSettings({ ...extra, factors });
    } catch (e) {
      return (e as InputError).problems.map((p) => `${p.field}: ${p.message}`);
    }
    return [];
  };

  it("checks each value against the step parameter's own schema and says where", () => {
    expect(problems([{ id: 'o', step: 'treat', parameter: 'methd', values: ['coinr', 'none'] }])[0]).toMatch(
      /^robustness\.factors\.0\.parameter: "methd" is not a parameter of methods\.treat; expected one of: method, skew, kurtosis, max_winsorised/,
    );
    expect(problems([{ id: 'o', step: 'treat', parameter: 'method', values: ['coinr', 'zscore'] }])[0]).toMatch(
      /^robustness\.factors\.0\.values\.1: "zscore" is not a valid methods\.treat\.method/,
    );
    expect(problems([{ id: 'w', step: 'treat', parameter: 'max_winsorised', values: [3, -1] }])[0]).toMatch(
      /^robustness\.factors\.0\.values\.1: /,
    );
    expect(problems([{ id: 'o', step: 'treat', parameter: 'method', values: ['coinr'] }])[0]).toMatch(
      /values: at least two values/,
    );
    expect(problems([{ id: 'o', step: 'treat', parameter: 'method', values: ['none', 'none'] }])[0]).toMatch(
      /values\.1: "none" is listed twice/,
    );
    expect(problems([{ id: 'o', step: 'rank', parameter: 'top_k', values: [3, 5] }])[0]).toMatch(
      /^robustness\.factors\.0\.step: /,
    );
    expect(problems([{ ...VINTAGE, indicators: ['a', 'b'] }])[0]).toMatch(/indicators: exactly one indicator/);
    expect(problems([{ ...VINTAGE, values: [{ column: 'x' }, { col: 'y' }] }])[0]).toMatch(/values\.1/);
    expect(
      problems([{ id: 'o', step: 'treat', parameter: 'method', values: ['coinr', 'none'], indicators: ['x'] }])[0],
    ).toMatch(/indicators: methods\.treat applies to every indicator/);
  });

  it('refuses a reserved or repeated id, and a parameter varied twice', () => {
    expect(problems([{ id: 'treat', step: 'treat', parameter: 'skew', values: [1, 2] }])[0]).toMatch(
      /factors\.0\.id: "treat" is a built-in factor/,
    );
    const twice = { id: 'a', step: 'treat', parameter: 'skew', values: [1, 2] };
    expect(problems([twice, { ...twice, id: 'b' }])[0]).toMatch(
      /factors\.1\.parameter: treat\.skew is already varied by factors\[0\]/,
    );
    expect(problems([twice, { ...twice, parameter: 'kurtosis', id: 'a' }])[0]).toMatch(
      /factors\.1\.id: duplicate factor id "a"/,
    );
    expect(
      problems([{ id: 'o', step: 'treat', parameter: 'method', values: ['coinr', 'none'] }], {
        treat: ['coinr', 'none'],
      })[0],
    ).toMatch(/methods\.treat\.method is already varied by robustness\.treat/);
  });

  it('stableKey is the same for objects that mean the same, whatever their key order', () => {
    expect(stableKey({ b: 1, a: [1, { d: 'x', c: undefined }] })).toBe('{"a":[1,{"d":"x"}],"b":1}');
    expect(stableKey({ a: [1, { d: 'x' }], b: 1 })).toBe(stableKey({ b: 1, a: [1, { d: 'x', c: undefined }] }));
  });
});

describe('data factors on the small fixture (synthetic)', () => {
  it('denominator: a run with the alternative column equals score() of a table that declares it, and the rate is the hand value', () => {
    const loaded = loadFramework(factorFixture());
    const prepared = prepare(loaded.framework, loaded.inputs);
    const settings = only([DENOMINATOR]);
    const data = withData(loaded, settings);
    const design = buildDesign(prepared, settings, data);
    expect(design.factors.map((f) => [f.id, (f as DiscreteFactor).choices])).toEqual([
      ['denominator', ['population', 'workday_population']],
    ]);
    const options = optionsFor(design, [1]);
    expect(options.data).toEqual({ violence_rate: { denominator: 'workday_population' } });
    // A02: 20 offences / (2000 × 3) workday population × 1000 = 3.333…; A01: 0; A03: 20 / 500 × 1000 = 40
    const variant = prepareVariant(prepared, options.data, data);
    expect(variant.raw.violence_rate[1]).toBeCloseTo(20 / 6, 12);
    expect(variant.raw.violence_rate[2]).toBeCloseTo(40, 12);
    const declared = loadFramework(
      factorFixture({
        indicators: (csv) => csv.replace('violence_count,population,1000', 'violence_count,workday_population,1000'),
      }),
    );
    const want = score(prepare(declared.framework, declared.inputs));
    const got = new FastScorer(prepared, data).score(options);
    expect(Array.from(got.index)).toEqual(Array.from(want.index));
    expect(Array.from(got.rank)).toEqual(Array.from(want.rank));
    // and the nominal choice is the nominal ranking
    expect(Array.from(new FastScorer(prepared, data).score(optionsFor(design, [0])).rank)).toEqual(
      Array.from(score(prepared).rank),
    );
    expect(Array.from(want.rank)).not.toEqual(Array.from(score(prepared).rank));
  });

  it('vintage: a run with the other column equals score() of a table that declares it', () => {
    const loaded = loadFramework(factorFixture());
    const prepared = prepare(loaded.framework, loaded.inputs);
    const settings = only([VINTAGE]);
    const data = withData(loaded, settings);
    const design = buildDesign(prepared, settings, data);
    expect((design.factors[0] as DiscreteFactor).choices).toEqual([
      'violence_count (2020-2022)',
      'violence_count_2019 (2019)',
    ]);
    const declared = loadFramework(
      factorFixture({
        indicators: (csv) => csv.replace('code,violence_count,population', 'code,violence_count_2019,population'),
      }),
    );
    const want = score(prepare(declared.framework, declared.inputs));
    const got = new FastScorer(prepared, data).score(optionsFor(design, [1]));
    expect(Array.from(got.index)).toEqual(Array.from(want.index));
    // A01: (0 + 10) / 1000 × 1000 = 10 per 1,000
    expect(prepareVariant(prepared, optionsFor(design, [1]).data, data).raw.violence_rate[0]).toBeCloseTo(10, 12);
  });

  it("smoothing: a run with smoothing off equals score() with the crude rates (core's own switch), and differs from one with it on", () => {
    const table = (csv: string) =>
      csv
        .trim()
        .split('\n')
        .map((line, r) => `${line},${r === 0 ? 'smooth' : line.startsWith('violence_rate,') ? 'eb' : ''}`)
        .join('\n') + '\n';
    const loaded = loadFramework(factorFixture({ indicators: table }));
    const prepared = prepare(loaded.framework, loaded.inputs);
    const settings = only([
      { id: 'smoothing', step: 'smooth', parameter: 'smooth', values: ['declared', 'none'] },
      DENOMINATOR,
    ]);
    const data = withData(loaded, settings);
    const design = buildDesign(prepared, settings, data);
    expect(design.factors.map((f) => f.id)).toEqual(['smoothing', 'denominator']);
    const fast = new FastScorer(prepared, data);
    const off = optionsFor(design, [1, 0]);
    expect(Array.from(fast.score(off).index)).toEqual(Array.from(score(prepared, { smoothing: false }).index));
    expect(Array.from(fast.score(optionsFor(design, [0, 0])).index)).toEqual(Array.from(score(prepared).index));
    expect(Array.from(score(prepared).index)).not.toEqual(Array.from(score(prepared, { smoothing: false }).index));
    // smoothing off with the other denominator is its own data choice, not the denominator alone
    const both = fast.score(optionsFor(design, [1, 1])).index.slice();
    const denominatorOnly = fast.score(optionsFor(design, [0, 1])).index.slice();
    expect(Array.from(both)).not.toEqual(Array.from(denominatorOnly));
    expect(Array.from(both)).toEqual(
      Array.from(score(prepareVariant(prepared, optionsFor(design, [1, 1]).data, data), {}).index),
    );
  });

  it('outlier treatment and any other method parameter: a run equals score() with that setting', () => {
    const loaded = loadFramework(factorFixture());
    const prepared = prepare(loaded.framework, loaded.inputs);
    const settings = only([
      { id: 'outliers', step: 'treat', parameter: 'method', values: ['none', 'coinr'] },
      { id: 'coverage', step: 'combine', parameter: 'min_coverage', values: [1, 0.4] },
    ]);
    const design = buildDesign(prepared, settings);
    const options = optionsFor(design, [1, 1]);
    expect(options.methods.treat.method).toBe('coinr');
    expect(options.methods.combine.min_coverage).toBe(0.4);
    const want = score(prepared, {
      methods: {
        ...prepared.framework.methods,
        treat: { ...prepared.framework.methods.treat, method: 'coinr' },
        combine: { ...prepared.framework.methods.combine, min_coverage: 0.4 },
      },
    });
    expect(Array.from(new FastScorer(prepared).score(options).index)).toEqual(Array.from(want.index));
  });

  it('reports a data factor it cannot apply, with why, rather than skipping it silently', () => {
    const loaded = loadFramework(factorFixture());
    const prepared = prepare(loaded.framework, loaded.inputs);
    const notLoaded = buildDesign(prepared, only([DENOMINATOR]));
    expect(notLoaded.factors).toEqual([]);
    expect(notLoaded.notes).toContainEqual({
      kind: 'not-applied',
      choice: 'denominator (denominate.denominator)',
      why: 'alternative data not loaded: violence_rate → workday_population; not varied',
    });
    const noMatch = only([{ ...DENOMINATOR, values: ['residents', 'workday'] }]);
    const d = buildDesign(prepared, noMatch, withData(loaded, noMatch));
    expect(d.notes.map((n) => n.why)).toContain(
      'no indicator with data declares one of [residents, workday] as its denominator; not varied',
    );
    const smooth = only([{ id: 'smoothing', step: 'smooth', parameter: 'smooth', values: ['declared', 'none'] }]);
    expect(buildDesign(prepared, smooth, withData(loaded, smooth)).notes.map((n) => n.why)).toContain(
      "no indicator with data declares smoothing (the table's smooth column); not varied",
    );
  });

  it('an alternative column that is not in the file is a located error', () => {
    const loaded = loadFramework(factorFixture());
    const settings = only([{ ...DENOMINATOR, values: ['population', 'day_population'] }]);
    let problems: { file?: string; column?: string; message: string }[] = [];
    try {
      withData(loaded, settings);
    } catch (e) {
      problems = (e as InputError).problems;
    }
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0].file).toBe('wards.csv');
    expect(`${problems[0].column ?? ''} ${problems[0].message}`).toMatch(/day_population/);
  });

  it("Sobol: a factor that changes nothing gets S = S_T = 0 exactly; the denominator gets S_T = Jansen's estimate worked out from the outputs", async () => {
    const loaded = loadFramework(factorFixture());
    const prepared = prepare(loaded.framework, loaded.inputs);
    // outlier treatment is off in every run, so the Winsorisation limit cannot act
    const settings = parseRobustnessSettings({
      ...noPerturbation(64, 11),
      factors: [DENOMINATOR, { id: 'winsor_limit', step: 'treat', parameter: 'max_winsorised', values: [3, 5] }],
      sobol: { enabled: true, bootstrap: 0 },
    });
    const mc = await runMonteCarlo(prepared, settings, { data: withData(loaded, settings) });
    expect(mc.design.factors.map((f) => f.id)).toEqual(['denominator', 'winsor_limit']);
    expect(mc.design.notes.map((n) => n.why)).toContain(
      'outlier treatment is off (methods.treat.method: none) in runs that do not switch it on; there this parameter changes nothing',
    );
    const s = mc.sobol!;
    expect(s.first[1]).toBe(0);
    expect(s.total[1]).toBe(0);
    // A_B^(denominator) takes the denominator from B and the (inert) limit from A: its outputs are f_B's
    const N = 64;
    const y = mc.runs.y;
    const fA = Array.from(y.subarray(0, N));
    const fB = Array.from(y.subarray(N, 2 * N));
    const all = [...fA, ...fB];
    const mean = all.reduce((a, b) => a + b, 0) / (2 * N);
    const V = all.reduce((a, b) => a + (b - mean) ** 2, 0) / (2 * N);
    expect(V).toBeGreaterThan(0);
    expect(Array.from(y.subarray(2 * N, 3 * N))).toEqual(fB);
    const jansen = fA.reduce((a, f, j) => a + (f - fB[j]) ** 2, 0) / (2 * N) / V;
    expect(s.total[0]).toBeCloseTo(jansen, 12);
    // the output of a run is 0 with the declared denominator, and one fixed shift with the other
    const shifts = new Set(all.map((v) => v.toFixed(9)));
    expect(shifts.size).toBe(2);
    expect(shifts.has((0).toFixed(9))).toBe(true);
  });
});
