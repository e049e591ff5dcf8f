/**
 * `/api/pilots` carries a summary of the pilot selection's evaluation-plan.json: a real
 * `wardrank pilots` run on data/london-2018 (2 pilots, monthly_crime.csv declared), served from
 * a London output folder; every value must equal the JSON file's.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { buildApp } from '../../src/server/app.ts';
import { loadSource } from '../../src/server/source.ts';
import { loadFramework } from '../../src/io/loadFramework.ts';
import { writeOutputs } from '../../src/io/writeOutputs.ts';
import { prepare, score } from '../../src/core/run.ts';
import { evaluationRoles } from '../../web/src/evaluationText.ts';
import type { EvaluationSummary } from '../../src/core/apiTypes.ts';
import { makeWebRoot } from './helpers.ts';

const LONDON = resolve(import.meta.dirname, '../../data/london-2018/framework.yaml');

describe('evaluation plan summary in /api/pilots (London 2018, real pilots run)', () => {
  let dir: string;
  let plan: any;
  let summary: EvaluationSummary;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wardrank-evalplan-'));
    const loaded = loadFramework(LONDON);
    const prepared = prepare(loaded.framework, loaded.inputs);
    const out = join(dir, 'out');
    await writeOutputs(prepared, score(prepared), loaded, out, { reproducible: true });
    const code = await runCli([
      'node',
      'wardrank',
      'pilots',
      LONDON,
      '--k',
      '2',
      '--max-per-borough',
      '1',
      '--comparisons',
      '2',
      '--out',
      join(out, 'pilots'),
    ]);
    expect(code).toBe(0);
    plan = JSON.parse(readFileSync(join(out, 'pilots/evaluation-plan.json'), 'utf8'));
    const app = buildApp(loadSource(out), { webRoot: makeWebRoot().root });
    summary = (await app.inject({ url: '/api/pilots' })).json().evaluation;
    await app.close();
  }, 120_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('copies the design, outcome, months and power rows from evaluation-plan.json', () => {
    expect(summary.file).toBe('pilots/evaluation-plan.json');
    expect(summary.design).toBe(plan.design);
    expect(summary.design).toBe('synthetic-control');
    expect(summary.primary).toBe(plan.outcomes.primary);
    expect(summary.months).toEqual(plan.outcomes.months);
    expect(summary.source).toBe(plan.outcomes.source);
    expect(summary.statement).toBe(plan.power.statement);
    // The 12- and 24-month rows only, every one of them.
    const rows = plan.power.rows.filter((r: { postMonths: number }) => r.postMonths === 12 || r.postMonths === 24);
    expect(rows.length).toBeGreaterThan(0);
    expect(summary.mde).toEqual(rows);
  });

  it('lists per pilot its positive-weight donors (largest first), fit, placebo band and near-miss controls', () => {
    expect(summary.pilots.map((p) => p.code)).toEqual(
      plan.pilots.map((p: { pilot: { code: string } }) => p.pilot.code),
    );
    expect(summary.pilots.length).toBe(2);
    summary.pilots.forEach((s, i) => {
      const p = plan.pilots[i];
      const positive = p.weights.filter((w: { weight: number }) => w.weight > 0);
      expect(s.donors.length).toBe(positive.length);
      expect(s.donors.length).toBeGreaterThan(0);
      for (const d of s.donors) expect(positive).toContainEqual(d);
      for (let j = 1; j < s.donors.length; j++)
        expect(s.donors[j - 1].weight).toBeGreaterThanOrEqual(s.donors[j].weight);
      // Invariant of a synthetic control: the weights sum to 1 (rounded to 6 places in the file).
      expect(s.donors.reduce((a, d) => a + d.weight, 0)).toBeCloseTo(1, 4);
      expect(s.preRmspe).toBe(p.preRmspe);
      expect(s.preRmspeRelative).toBe(p.preRmspeRelative);
      expect(s.placeboBand).toEqual(p.inSpace.band);
      expect(s.placeboChange).toBe(p.inTime.change);
      expect(s.nearMiss).toEqual(
        p.nearMiss.map((w: { code: string; name: string; rank: number }) => ({
          code: w.code,
          name: w.name,
          rank: w.rank,
        })),
      );
    });
  });

  it("names a donor's pilot and weight, and a near-miss control's pilot", () => {
    const p = summary.pilots[0];
    const donor = p.donors[0];
    expect(evaluationRoles(summary, donor.code)).toContain(
      `Synthetic-control donor for pilot ${p.name} (weight ${(100 * donor.weight).toFixed(0)} % of its synthetic control; donors are chosen for how their monthly series tracked the pilot's, not because the wards are alike).`,
    );
    const near = p.nearMiss[0];
    expect(evaluationRoles(summary, near.code)).toContain(
      `Near-miss control for pilot ${p.name}: ranked ${near.rank}, just below the cut for pilots; a comparison ward in the pooled difference-in-differences analysis.`,
    );
    expect(evaluationRoles(summary, p.code)).toEqual([]);
  });
});
