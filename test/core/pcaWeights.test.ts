import { describe, expect, it } from 'vitest';
import * as ss from 'simple-statistics';
import { pcaWeights } from '../../src/core/stats/pcaWeights.ts';
import { varimax } from '../../src/core/stats/varimax.ts';
import { prepare, score } from '../../src/core/run.ts';
import { withMethods } from '../../src/core/framework.ts';
import { syntheticFramework } from './synthetic.ts';

/** A seeded generator and standard normals (Box–Muller), for synthetic test data only. */
function normals(seed: number): () => number {
  let s = seed >>> 0;
  const u = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 0.5) / 2 ** 32;
  return () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
}

describe('PCA weights (OECD/JRC Handbook squared loadings)', () => {
  it('two indicators: one factor, equal weights whatever their correlation (L₁ = L₂ = √((1 + ρ)/2))', () => {
    const g = normals(1);
    const a = Array.from({ length: 50 }, g);
    const b = a.map((x) => x + 0.7 * g());
    const p = pcaWeights([a, b]);
    expect(p.factors).toBe(1);
    expect(p.weights![0]).toBeCloseTo(0.5, 12);
    expect(p.weights![1]).toBeCloseTo(0.5, 12);
  });

  it('one factor kept: weights = squared entries of the leading eigenvector (cross-checked by power iteration)', () => {
    const g = normals(2);
    const f = Array.from({ length: 300 }, g);
    const loads = [0.9, 0.8, 0.6, 0.4];
    const cols = loads.map((l) => f.map((x) => l * x + Math.sqrt(1 - l * l) * g()));
    const p = pcaWeights(cols);
    expect(p.factors).toBe(1);
    const R = cols.map((x) => cols.map((y) => ss.sampleCorrelation(x, y)));
    let v = [1, 1, 1, 1];
    for (let it = 0; it < 500; it++) {
      const w = R.map((row) => row.reduce((s, r, j) => s + r * v[j], 0));
      const norm = Math.hypot(...w);
      v = w.map((x) => x / norm);
    }
    v.forEach((x, i) => expect(p.weights![i]).toBeCloseTo(x * x, 8));
    // stronger loadings get larger weights
    expect(p.weights![0]).toBeGreaterThan(p.weights![3]);
  });

  it('two independent blocks: two factors after varimax, each indicator with its block, weights near ¼', () => {
    const g = normals(3);
    const f1 = Array.from({ length: 400 }, g);
    const f2 = Array.from({ length: 400 }, g);
    const cols = [f1, f1, f2, f2].map((f) => f.map((x) => x + 0.3 * g()));
    const p = pcaWeights(cols);
    expect(p.factors).toBe(2);
    p.weights!.forEach((w) => expect(w).toBeGreaterThan(0.2));
    p.weights!.forEach((w) => expect(w).toBeLessThan(0.3));
    expect(p.weights!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('varimax keeps each row’s communality and simplifies a rotated simple structure back', () => {
    const simple = [
      [0.9, 0],
      [0.8, 0],
      [0, 0.7],
      [0, 0.9],
    ];
    const t = Math.PI / 7;
    const rotated = simple.map(([a, b]) => [a * Math.cos(t) - b * Math.sin(t), a * Math.sin(t) + b * Math.cos(t)]);
    const back = varimax(rotated);
    back.forEach((row, i) => expect(row[0] ** 2 + row[1] ** 2).toBeCloseTo(simple[i][0] ** 2 + simple[i][1] ** 2, 12));
    // each indicator loads on one factor only (up to sign and order)
    back.forEach((row) => expect(Math.min(Math.abs(row[0]), Math.abs(row[1]))).toBeLessThan(1e-8));
  });

  it('in the pipeline: weights.indicators: pca replaces the declared weights within measures, logged', () => {
    const g = normals(4);
    const f = Array.from({ length: 40 }, g);
    const values = [0.9, 0.5].map((l) => f.map((x) => l * x + Math.sqrt(1 - l * l) * g()));
    values.push(Array.from({ length: 40 }, g));
    const { framework, inputs } = syntheticFramework({
      values,
      directions: [1, 1, 1],
      measureOf: [0, 0, 1],
      categoryOf: [0, 0],
    });
    const prepared = prepare(framework, inputs);
    const r = score(prepared, { methods: withMethods(framework.methods, { weights: { indicators: 'pca' } }) });
    const log = r.log.find((s) => s.step === 'weights')!;
    const derived = (log.settings as { derived: Record<string, Record<string, number>> }).derived.m0;
    expect(derived.i0 + derived.i1).toBeCloseTo(1, 12);
    expect(derived.i0).toBeCloseTo(0.5, 12); // two indicators: equal, as above
    expect(r.weights.indicators.i0).toBeCloseTo(0.5, 12);
  });
});
