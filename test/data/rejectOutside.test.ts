import { describe, expect, it } from 'vitest';
import { rejectOutside } from '../../scripts/lib/london/carriedWards.ts';

describe('rejectOutside (impossible published percentages)', () => {
  it('turns values outside the range into missing values and names them', () => {
    const { values, rejected } = rejectOutside(Float64Array.from([12.5, 493.3333, -1, NaN, 100, 0]), 0, 100, ['a', 'b', 'c', 'd', 'e', 'f']);
    expect(Array.from(values)).toEqual([12.5, NaN, NaN, NaN, 100, 0]);
    expect(rejected).toEqual(['b: 493.3', 'c: -1']);
  });
});
