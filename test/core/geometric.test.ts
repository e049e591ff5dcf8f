import { describe, expect, it } from 'vitest';
import { loadFramework } from '../../src/io/loadFramework.ts';
import { prepare, score } from '../../src/core/run.ts';
import { withMethods, type Methods } from '../../src/core/framework.ts';
import { POSITIVE_RESCALE_NOTE } from '../../src/core/steps/positiveScale.ts';
import { syntheticFramework } from './synthetic.ts';

const loaded = loadFramework('test/fixtures/small/framework.yaml');
const prepared = prepare(loaded.framework, loaded.inputs);
const base = loaded.framework.methods;
const code = (c: string) => prepared.areas.codes.indexOf(c);

/**
 * COINr's convention (Normalise with n_minmax, l_u = c(1, 100); Aggregate with a_gmean at every
 * level, weights renormalised over the values present): the indicators are put on [1, 100] once
 * and the geometric means of the levels above are taken as they are, never rescaled.
 */
describe('geometric aggregation as COINr and the OECD/JRC Handbook do it (small fixture)', () => {
  const geo = withMethods(base, {
    normalise: { method: 'minmax', reference: 'median', range: [1, 100] },
    aggregate: { indicators: 'geometric', measures: 'geometric' },
    combine: { method: 'geometric', min_coverage: 1 },
  });
  const r = score(prepared, { methods: geo });

  it('equals the values worked out by hand', () => {
    // Indicators on [1, 100]: y = 1 + 99·(x − min)/(max − min) (life expectancy reversed).
    // A01: violence rate 0 → 1, robbery 100 → 100, blade 50 → 50.5; IMD 0 → 1, life 90 → 1, youth 10 → 1.
    //   violence = (1·100)^(1/2) = 10; weapons = 50.5; crime = (10²·50.5)^(1/3) = 5050^(1/3)
    //   deprivation = 1; health = 1; index = (5050^(1/3)·1)^(1/2) = 5050^(1/6)
    const a01 = code('A01');
    expect(r.measures.violence[a01]).toBeCloseTo(10, 12);
    expect(r.categories.crime[a01]).toBeCloseTo(5050 ** (1 / 3), 12);
    expect(r.categories.health[a01]).toBeCloseTo(1, 12);
    expect(r.index[a01]).toBeCloseTo(5050 ** (1 / 6), 12);
    // A03 (no blade value: weapons missing, crime = violence alone):
    //   violence rate 20 → 20.8, robbery 50 → 50.5: violence = (20.8·50.5)^(1/2) = 1050.4^(1/2) = crime
    //   IMD 50 → 50.5, life 80 → 50.5, youth 10 → 1: deprivation = (50.5²·50.5·1)^(1/4) = 50.5^(3/4)
    //   index = (1050.4^(1/2)·50.5^(3/4))^(1/2) = 1050.4^(1/4)·50.5^(3/8)
    const a03 = code('A03');
    expect(r.measures.weapons[a03]).toBeNaN();
    expect(r.categories.crime[a03]).toBeCloseTo(Math.sqrt(1050.4), 12);
    expect(r.categories.health[a03]).toBeCloseTo(50.5 ** 0.75, 12);
    expect(r.index[a03]).toBeCloseTo(1050.4 ** 0.25 * 50.5 ** 0.375, 12);
    // A10: violence rate 100 → 100, robbery 70 → 70.3, blade 50 → 50.5; IMD 100, life 70, youth 20 → 100 each
    //   crime = ((100·70.3)^(1/2))²·50.5)^(1/3) = (7030·50.5)^(1/3); health = 100
    const a10 = code('A10');
    expect(r.categories.crime[a10]).toBeCloseTo((7030 * 50.5) ** (1 / 3), 10);
    expect(r.index[a10]).toBeCloseTo(Math.sqrt((7030 * 50.5) ** (1 / 3) * 100), 10);
    // a positive normalisation is used as it is: no rescaling note
    expect(r.log.find((s) => s.step === 'normalise')!.notes).not.toContain(POSITIVE_RESCALE_NOTE);
  });

  it('aggregates are never rescaled: the category is the geometric mean of the measure scores themselves', () => {
    for (let i = 0; i < 10; i++) {
      const v = r.measures.violence[i];
      const w = r.measures.weapons[i];
      const expected = w === w ? Math.exp((2 * Math.log(v) + Math.log(w)) / 3) : v;
      expect(r.categories.crime[i]).toBeCloseTo(expected, 12);
    }
  });

  it('z-score with geometric means: the indicators (only) are rescaled to [1, 100], named in the log', () => {
    const z = score(prepared, { methods: withMethods(geo, { normalise: { method: 'zscore', reference: 'median' } }) });
    expect(z.log.find((s) => s.step === 'normalise')!.notes).toContain(POSITIVE_RESCALE_NOTE);
    // min-max of a linear transform is the same min-max, so the index equals minmax [1, 100]'s
    for (let i = 0; i < 10; i++) expect(z.index[i]).toBeCloseTo(r.index[i], 10);
    // minmax to [0, 100] has zeros: rescaled too
    const m0 = score(prepared, {
      methods: withMethods(geo, { normalise: { method: 'minmax', reference: 'median', range: [0, 100] } }),
    });
    expect(m0.log.find((s) => s.step === 'normalise')!.notes).toContain(POSITIVE_RESCALE_NOTE);
  });

  it('per-level methods: arithmetic indicators → measures, geometric above', () => {
    const mixed = score(prepared, {
      methods: withMethods(geo, {
        aggregate: { indicators: 'arithmetic', measures: 'geometric' },
        combine: { method: 'arithmetic', min_coverage: 1 },
      }),
    });
    // A01: violence = (1 + 100)/2 = 50.5, weapons 50.5 → crime = 50.5; deprivation = (2·1 + 1 + 1)/4 = 1 = health
    const a01 = code('A01');
    expect(mixed.measures.violence[a01]).toBeCloseTo(50.5, 12);
    expect(mixed.categories.crime[a01]).toBeCloseTo(50.5, 12);
    expect(mixed.index[a01]).toBeCloseTo((50.5 + 1) / 2, 12);
  });
});

describe('exponential combination ranks among the areas ranked in the run', () => {
  function cityLike(cityHealth: number) {
    const crime = [NaN, 3, 5, 4, 8, 6, 2, 7, 9, 1, 5.5, 4.5];
    const health = [cityHealth, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    const methods: Partial<Methods> = { combine: { method: 'exponential', min_coverage: 1 } };
    const { framework, inputs } = syntheticFramework({
      values: [crime, health],
      directions: [1, 1],
      measureOf: [0, 1],
      categoryOf: [0, 1],
      methods,
    });
    return score(prepare(framework, inputs));
  }
  it('an unranked area at the top of one category does not shift anyone else’s X or index', () => {
    const top = cityLike(1000);
    const bottom = cityLike(-1000);
    for (let i = 1; i < 12; i++) expect(top.index[i]).toBe(bottom.index[i]);
    expect(top.index[0]).toBeNaN();
  });
});
