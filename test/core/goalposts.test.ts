import { describe, expect, it } from 'vitest';
import { normaliseColumnWith } from '../../src/core/steps/normalise.ts';
import { readIndicatorTable } from '../../src/io/indicatorTable.ts';
import { frameworkFileSchema } from '../../src/core/framework.ts';
import type { Problem } from '../../src/core/errors.ts';

const f = (xs: number[]) => Float64Array.from(xs);

describe('goalposts normalisation', () => {
  it('maps L → l and U → u linearly, capped, with the direction reversing the goalposts', () => {
    const settings = { method: 'goalposts' as const, reference: 'median' as const };
    // L = 10, U = 30: x = 0, 10, 20, 30, 40 → 0, 0, 50, 100, 100 (direction 1)
    expect(
      Array.from(normaliseColumnWith(f([0, 10, 20, 30, 40, NaN]), 1, settings, { goalposts: { low: 10, high: 30 } })),
    ).toEqual([0, 0, 50, 100, 100, NaN]);
    // direction −1: 100·(U − x)/(U − L) → 100, 100, 50, 0, 0
    expect(
      Array.from(normaliseColumnWith(f([0, 10, 20, 30, 40]), -1, settings, { goalposts: { low: 10, high: 30 } })),
    ).toEqual([100, 100, 50, 0, 0]);
    // range [1, 100]: 1 + 99·t, x = 15 → t = ¼ → 25.75
    expect(
      normaliseColumnWith(f([15]), 1, { ...settings, range: [1, 100] }, { goalposts: { low: 10, high: 30 } })[0],
    ).toBeCloseTo(25.75, 12);
    expect(() => normaliseColumnWith(f([1]), 1, settings, { indicator: 'x' })).toThrow(
      /indicator x needs goal_low < goal_high/,
    );
  });

  it('minmax with range [1, 100]: 1 + 99·(x − min)/(max − min)', () => {
    expect(
      Array.from(normaliseColumnWith(f([0, 5, 10]), 1, { method: 'minmax', reference: 'median', range: [1, 100] })),
    ).toEqual([1, 50.5, 100]);
  });

  it('the indicator table carries goal_low / goal_high, and a goalposts framework needs them (located errors)', () => {
    const yaml = frameworkFileSchema.parse({
      name: 't',
      areas: { file: 'areas.csv' },
      categories: [{ id: 'c', name: 'C', weight: 1 }],
      measures: [{ id: 'm', name: 'M', category: 'c', weight: 1 }],
      indicators: 'indicators.csv',
      methods: { normalise: { method: 'goalposts' } },
    });
    const problems: Problem[] = [];
    const text = [
      'id,name,measure,file,column,level,direction,weight,goal_low,goal_high',
      'a,A,m,d.csv,v,ward,1,1,10,30',
      'b,B,m,d.csv,v,ward,1,1,,',
      'c,C,m,d.csv,v,ward,1,1,5,5',
    ].join('\n');
    const specs = readIndicatorTable(text, 'indicators.csv', yaml, problems);
    expect(specs[0]).toMatchObject({ goal_low: 10, goal_high: 30 });
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [3, 'goal_low'],
      [4, 'goal_high'],
    ]);
  });
});
