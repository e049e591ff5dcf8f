import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepare, score } from '../../src/core/run.ts';
import { loadFramework } from '../../src/io/loadFramework.ts';
import { runMonteCarlo } from '../../src/robustness/runMonteCarlo.ts';
import { noPerturbation, parseRobustnessSettings } from '../../src/robustness/settings.ts';
import { buildDesign } from '../../src/robustness/design.ts';
import { rowBlock, samplePlan } from '../../src/robustness/samplePlan.ts';
import { seededRng } from '../../src/robustness/rng.ts';
import { syntheticLondon } from './syntheticLondon.ts';

const FIXTURE = 'test/fixtures/small/framework.yaml';
const small = () => {
  const loaded = loadFramework(FIXTURE);
  return prepare(loaded.framework, loaded.inputs);
};

describe('runMonteCarlo', () => {
  it('with zero perturbation every run equals the nominal ranking', async () => {
    const prepared = small();
    const nominal = score(prepared).rank;
    const mc = await runMonteCarlo(prepared, noPerturbation(50, 3));
    expect(mc.design.factors).toEqual([]);
    expect(mc.plan.rows).toBe(50);
    expect(Array.from(mc.runs.y)).toEqual(new Array(50).fill(0));
    for (const w of mc.wards) {
      const i = prepared.areas.codes.indexOf(w.code);
      expect(w.nominalRank).toBe(nominal[i]);
      expect([w.medianRank, w.p05Rank, w.p95Rank]).toEqual([nominal[i], nominal[i], nominal[i]]);
      expect(w.pTopK).toBe(nominal[i] <= 3 ? 1 : 0);
      expect(w.pTopDecile).toBe(nominal[i] === 1 ? 1 : 0); // 10 wards: decile 1 is rank 1
    }
    expect(mc.sobol).toBeUndefined();
  });

  it('with zero-spread weights and one-item method sets, every run of a bigger framework equals the nominal too', async () => {
    const { framework, inputs } = syntheticLondon({ areas: 150, parents: 10 });
    const prepared = prepare(framework, inputs);
    const settings = parseRobustnessSettings({
      runs: 20,
      weights: { categories: { distribution: 'uniform', spread: 0 }, measures: { distribution: 'uniform', spread: 0 } },
      impute: [framework.methods.impute.method],
      normalise: [framework.methods.normalise.method],
      aggregate: [framework.methods.aggregate.indicators],
      leave_one_out: false,
      borough_stand_ins: false,
    });
    const mc = await runMonteCarlo(prepared, settings);
    expect(mc.design.factors.map((f) => f.id)).toEqual(['weights.categories', 'weights.measures']);
    expect(mc.plan.rows).toBe(20 * 4);
    expect(Math.max(...mc.runs.y)).toBe(0);
    // no output variance: the Sobol indices are undefined (NaN), not invented
    expect(mc.sobol?.variance).toBe(0);
    expect(mc.sobol?.first.every(Number.isNaN)).toBe(true);
  });

  it('builds the Saltelli design: A_B^(i) equals A except factor i, which comes from B', () => {
    const prepared = small();
    const design = buildDesign(prepared, parseRobustnessSettings({}));
    const N = 16;
    const plan = samplePlan(design, N, true, seededRng(1));
    const d = design.factors.length;
    expect(plan.rows).toBe(N * (d + 2));
    expect(rowBlock(plan, 0)).toBe('A');
    expect(rowBlock(plan, N)).toBe('B');
    expect(rowBlock(plan, 2 * N + 3)).toBe(0);
    design.factors.forEach((f, k) => {
      const w = f.kind === 'discrete' ? 1 : f.members.length;
      const v = plan.values[k];
      for (let i = 0; i < d; i++) {
        for (let j = 0; j < N; j++) {
          const row = (2 + i) * N + j;
          const src = i === k ? N + j : j;
          expect(Array.from(v.subarray(row * w, row * w + w))).toEqual(Array.from(v.subarray(src * w, src * w + w)));
        }
      }
    });
  });

  it('gives identical results on 2 worker threads and on one thread', async () => {
    const prepared = small();
    const settings = parseRobustnessSettings({ runs: 40, seed: 9, sobol: { bootstrap: 50 } });
    const one = await runMonteCarlo(prepared, settings, { workers: 1 });
    const two = await runMonteCarlo(prepared, settings, { workers: 2 });
    expect(two.workers).toBe(2);
    expect(Array.from(two.runs.y)).toEqual(Array.from(one.runs.y));
    expect(two.runs.notes).toEqual(one.runs.notes);
    expect(Array.from(two.runs.hist)).toEqual(Array.from(one.runs.hist));
    expect(two.wards).toEqual(one.wards);
    expect(two.sobol).toEqual(one.sobol);
  });

  it('keeps per-run ranks above the histogram size limit and gets the same intervals (one thread or two)', async () => {
    const { framework, inputs } = syntheticLondon({ areas: 120, parents: 8 });
    const prepared = prepare(framework, inputs);
    const settings = parseRobustnessSettings({ runs: 45, seed: 8, sobol: { enabled: false } });
    const histogram = await runMonteCarlo(prepared, settings);
    const kept = await runMonteCarlo(prepared, settings, { histogramMaxAreas: 50 });
    const keptTwo = await runMonteCarlo(prepared, settings, { histogramMaxAreas: 50, workers: 2 });
    expect(histogram.runs.hist.length).toBe(120 * 239);
    expect(kept.runs.hist.length).toBe(0);
    expect(kept.runs.ranks.length).toBe(45 * 120);
    expect(kept.wards).toEqual(histogram.wards);
    expect(keptTwo.wards).toEqual(histogram.wards);
    // kept ranks sit in run order whichever thread evaluated a run
    expect(Array.from(keptTwo.runs.ranks)).toEqual(Array.from(kept.runs.ranks));
  });

  it('ends spare threads when there are more threads than runs, with the one-thread result', async () => {
    const prepared = small();
    const settings = parseRobustnessSettings({ runs: 3, seed: 4, sobol: { enabled: false } });
    const one = await runMonteCarlo(prepared, settings, { workers: 1 });
    const five = await runMonteCarlo(prepared, settings, { workers: 5 });
    expect(Array.from(five.runs.y)).toEqual(Array.from(one.runs.y));
    expect(five.wards).toEqual(one.wards);
    // and a CLI process in that situation exits (a thread left waiting would keep it alive)
    const out = mkdtempSync(join(tmpdir(), 'wardrank-spare-'));
    execFileSync(
      'node',
      ['bin/wardrank.js', 'robustness', FIXTURE, '--runs', '2', '--no-sobol', '--workers', '4', '--out', out],
      { stdio: 'ignore', timeout: 60_000 },
    );
    expect(existsSync(join(out, 'robustness.csv'))).toBe(true);
  });

  it('same seed, same samples; different seed, different samples', async () => {
    const prepared = small();
    const a = await runMonteCarlo(prepared, parseRobustnessSettings({ runs: 30, seed: 1, sobol: { enabled: false } }));
    const b = await runMonteCarlo(prepared, parseRobustnessSettings({ runs: 30, seed: 1, sobol: { enabled: false } }));
    const c = await runMonteCarlo(prepared, parseRobustnessSettings({ runs: 30, seed: 2, sobol: { enabled: false } }));
    expect(a.plan.values.map((v) => Array.from(v))).toEqual(b.plan.values.map((v) => Array.from(v)));
    expect(a.plan.values.map((v) => Array.from(v))).not.toEqual(c.plan.values.map((v) => Array.from(v)));
  });

  it('records every choice that cannot act, with why, and notes per run', async () => {
    const prepared = small();
    const mc = await runMonteCarlo(
      prepared,
      parseRobustnessSettings({
        runs: 200,
        seed: 4,
        sobol: { enabled: false },
        normalise: ['minmax', 'rank'],
        aggregate: ['geometric'],
      }),
    );
    const why = mc.design.notes.map((n) => `${n.kind}: ${n.choice}: ${n.why}`);
    // the deprivation measure is alone in the health category: its weight cannot matter
    expect(why.some((w) => w.startsWith('not-applied: weights.measures') && w.includes('deprivation'))).toBe(true);
    // fixed at geometric while the framework uses arithmetic
    expect(why.some((w) => w.startsWith('note: aggregate: geometric: fixed at geometric'))).toBe(true);
    // omitting the borough-level indicator while stand-ins are off cannot be applied: such runs say so
    const omitted = mc.plan.values[mc.design.factors.findIndex((f) => f.id === 'omit')];
    const standIns = mc.plan.values[mc.design.factors.findIndex((f) => f.id === 'borough_stand_ins')];
    const omitFactor = mc.design.factors.find((f) => f.id === 'omit')!;
    let expected = 0;
    for (let r = 0; r < 200; r++) {
      const hit =
        omitFactor.kind === 'discrete' && omitFactor.choices[omitted[r]] === 'youth_claimants' && standIns[r] === 1;
      expect(mc.runs.notes[r].includes('omit youth_claimants not applied')).toBe(hit);
      if (hit) expected++;
    }
    expect(expected).toBeGreaterThan(0);
  });

  it('ranks the synthetic framework with plausible intervals: p05 ≤ median ≤ p95 and probabilities in [0, 1]', async () => {
    const { framework, inputs } = syntheticLondon({ areas: 200, parents: 10 });
    const prepared = prepare(framework, inputs);
    const mc = await runMonteCarlo(prepared, parseRobustnessSettings({ runs: 64, seed: 5, sobol: { bootstrap: 20 } }));
    for (const w of mc.wards) {
      expect(w.p05Rank).toBeLessThanOrEqual(w.medianRank);
      expect(w.medianRank).toBeLessThanOrEqual(w.p95Rank);
      expect(w.pTopK).toBeGreaterThanOrEqual(0);
      expect(w.pTopK).toBeLessThanOrEqual(1);
    }
    // exactly k wards are in the top k in each run without ties: Σ P(top k) = k
    expect(mc.wards.reduce((s, w) => s + w.pTopK, 0)).toBeCloseTo(3, 10);
    expect(mc.sobol?.total.every((t) => t >= 0)).toBe(true);
  });
});
