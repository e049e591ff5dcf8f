/** Mahalanobis distance, pseudo-inverse and pairwise covariance against hand computation. */
import { describe, expect, it } from 'vitest';
import { Mahalanobis } from '../../src/select/mahalanobis.ts';
import { pairwiseCovariance } from '../../src/select/pairwiseCovariance.ts';
import { pseudoInverse } from '../../src/select/pseudoInverse.ts';

describe('Mahalanobis', () => {
  // Σ = [[1, .9], [.9, 1]]: Σ⁻¹ = [[1, −.9], [−.9, 1]] / .19, so d² = (dx² − 1.8·dx·dy + dy²)/.19.
  const m = new Mahalanobis(Float64Array.from([1, 0.9, 0.9, 1]), 2);
  it('prefers a neighbour along the correlation over a Euclidean-closer one across it', () => {
    const pilot = [1, 1];
    const along = [1.5, 1.5]; // dx = dy = .5: d² = (.25 − .45 + .25)/.19 = .05/.19
    const across = [1.3, 0.7]; // dx = .3, dy = −.3: d² = (.09 + .162 + .09)/.19 = .342/.19
    expect(m.distance(pilot, along)).toBeCloseTo(Math.sqrt(0.05 / 0.19), 12);
    expect(m.distance(pilot, across)).toBeCloseTo(Math.sqrt(0.342 / 0.19), 12);
    expect(Math.hypot(0.3, 0.3)).toBeLessThan(Math.hypot(0.5, 0.5)); // Euclid would pick "across"
  });

  it('uses the measures both profiles have and rescales by p/|S|; too few in common gives NaN', () => {
    // Only measure 0 present: d² = (p/|S|)·dx²/Σ₀₀ = 2·.25/1.
    expect(m.distance([1, NaN], [1.5, 3])).toBeCloseTo(Math.sqrt(0.5), 12);
    const m3 = new Mahalanobis(Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]), 3);
    expect(m3.distance([0, NaN, NaN], [1, 1, 1])).toBeNaN(); // 1 of 3 < half
    expect(m3.distance([0, 0, NaN], [1, 2, 1])).toBeCloseTo(Math.sqrt(1.5 * 5), 12); // (3/2)·(1 + 4)
  });
});

describe('pseudoInverse', () => {
  it('inverts a regular matrix and gives A·A⁺·A = A for a singular one', () => {
    const inv = pseudoInverse(Float64Array.from([4, 2, 2, 3]), 2); // det 8: inverse [[3, −2], [−2, 4]]/8
    [3 / 8, -2 / 8, -2 / 8, 4 / 8].forEach((v, i) => expect(inv.inverse[i]).toBeCloseTo(v, 12));
    expect(inv.rank).toBe(2);
    // Rank 1: A = v vᵀ with v = (1, 2): A⁺ = A / |v|⁴ = A / 25.
    const a = Float64Array.from([1, 2, 2, 4]);
    const s = pseudoInverse(a, 2);
    expect(s.rank).toBe(1);
    [1, 2, 2, 4].forEach((v, i) => expect(s.inverse[i]).toBeCloseTo(v / 25, 12));
  });
});

describe('pairwiseCovariance', () => {
  it('matches the hand computation with pairwise-complete rows', () => {
    // x = 1, 2, 3, 4; y = 2, 4, NaN, 8. cov(x,x) = 5/3; cov(y,y) over (2,4,8) = 28/3;
    // cov(x,y) over rows 0,1,3: x̄ = 7/3, ȳ = 14/3: Σ = (−4/3)(−8/3) + (−1/3)(−2/3) + (5/3)(10/3) = 84/9; /2 = 14/3.
    const c = pairwiseCovariance([Float64Array.from([1, 2, 3, 4]), Float64Array.from([2, 4, NaN, 8])], [0, 1, 2, 3]);
    expect(c[0]).toBeCloseTo(5 / 3, 12);
    expect(c[3]).toBeCloseTo(28 / 3, 12);
    expect(c[1]).toBeCloseTo(14 / 3, 12);
    expect(c[2]).toBeCloseTo(14 / 3, 12);
  });
});
