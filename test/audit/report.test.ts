/**
 * The audit of the small fixture (test/fixtures/small; hand-checked in
 * test/cli/small-framework.test.ts): figures cross-checked with simple-statistics, flags that
 * the fixture is built to raise, and the HTML report's self-containment.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleCorrelation, sampleRankCorrelation, sampleVariance } from 'simple-statistics';
import { loadFramework } from '../../src/io/loadFramework.ts';
import { run } from '../../src/core/run.ts';
import { auditJson, auditResult } from '../../src/audit/audit.ts';
import { auditHtml } from '../../src/audit/report/page.ts';
import { runCli } from '../../src/cli/main.ts';

const FRAMEWORK = 'test/fixtures/small/framework.yaml';
const loaded = loadFramework(FRAMEWORK);
const result = run(loaded.framework, loaded.inputs);
const audit = auditResult(result);
// min-max normalised, as in the hand computation
const violenceRate = [0, 10, 20, 30, 40, 50, 60, 70, 80, 100];
const robbery = [100, 0, 50, 20, 60, 80, 40, 30, 10, 70];

describe('audit of the small fixture', () => {
  it('coverage: present counts, the borough stand-in, exclusions with reasons', () => {
    const blade = audit.coverage.indicators.find((c) => c.id === 'blade')!;
    expect(blade).toMatchObject({ present: 9, share: 0.9, level: 'ward', status: 'proxy' });
    expect(audit.coverage.indicators.find((c) => c.id === 'youth_claimants')!.level).toBe('borough');
    expect(audit.coverage.measures.find((m) => m.id === 'weapons')!.present).toBe(9);
    expect(audit.coverage.excluded.map((e) => e.id)).toEqual(['hospital', 'survey']);
    expect(audit.ranked).toBe(10);
  });

  it('correlations and flags: imd and life expectancy redundant (r = 1), violence vs robbery negative', () => {
    expect(audit.flags.redundant).toEqual([
      { a: 'imd', b: 'life_exp', r: expect.closeTo(1, 12), n: 10, sameMeasure: true },
    ]);
    expect(audit.flags.negativeWithinMeasure).toHaveLength(1);
    const neg = audit.flags.negativeWithinMeasure[0];
    expect([neg.a, neg.b]).toEqual(['violence_rate', 'robbery_rate']);
    expect(neg.r).toBeCloseTo(sampleCorrelation(violenceRate, robbery), 12);
    expect(neg.r).toBeLessThan(0);
  });

  it('Spearman: the same flags, with rank correlations (simple-statistics sampleRankCorrelation)', () => {
    const sp = auditResult(result, { method: 'spearman' });
    expect(sp.method).toBe('spearman');
    expect(sp.flags.redundant.map((p) => [p.a, p.b])).toEqual([['imd', 'life_exp']]);
    expect(sp.flags.negativeWithinMeasure[0].r).toBeCloseTo(sampleRankCorrelation(violenceRate, robbery), 12);
  });

  it("Cronbach's alpha of the violence measure matches 2·(1 − (s²₁ + s²₂)/s²(sum))", () => {
    const sum = violenceRate.map((v, i) => v + robbery[i]);
    const expected = 2 * (1 - (sampleVariance(violenceRate) + sampleVariance(robbery)) / sampleVariance(sum));
    const a = audit.alpha.measures.find((m) => m.id === 'violence')!;
    expect(a.alpha).toBeCloseTo(expected, 12);
    expect(a.n).toBe(10);
    expect(Number.isNaN(audit.alpha.measures.find((m) => m.id === 'weapons')!.alpha)).toBe(true); // one item
    expect(audit.alpha.categories.find((c) => c.id === 'crime')!.n).toBe(9); // A03 has no weapons score
  });

  it('PCA shares sum to 1 per category; effective weights sum to 1 at every level', () => {
    for (const p of audit.pca) expect(p.varianceShare.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    const health = audit.pca.find((p) => p.category === 'health')!;
    expect(health.ids).toEqual(['imd', 'life_exp', 'youth_claimants']);
    const sum = (ws: { effective: number }[]) => ws.reduce((s, w) => s + w.effective, 0);
    expect(sum(audit.effectiveWeights.categoriesInIndex)).toBeCloseTo(1, 12);
    for (const g of audit.effectiveWeights.measuresInCategories) expect(sum(g.weights)).toBeCloseTo(1, 12);
    expect(sum(audit.effectiveWeights.indicatorsInIndex)).toBeCloseTo(1, 12);
    // nominal category weights are the run's (1:1), and the index is their mean: r² ratio = effective share
    const [crime, health2] = audit.effectiveWeights.categoriesInIndex;
    expect(crime.nominal).toBe(0.5);
    const idx = Array.from(result.index);
    const r2 = (x: Float64Array) => sampleCorrelation(Array.from(x), idx) ** 2;
    expect(crime.effective).toBeCloseTo(
      r2(result.categories.crime) / (r2(result.categories.crime) + r2(result.categories.health)),
      12,
    );
    expect(health2.r).toBeCloseTo(sampleCorrelation(Array.from(result.categories.health), idx), 12);
  });

  it('each indicator against its measure, category and the index', () => {
    const blade = audit.indicatorLinks.find((l) => l.id === 'blade')!;
    expect(blade.withMeasure).toBeCloseTo(1, 12); // the only indicator of weapons
    const vr = audit.indicatorLinks.find((l) => l.id === 'violence_rate')!;
    expect(vr.withIndex).toBeCloseTo(sampleCorrelation(violenceRate, Array.from(result.index)), 12);
  });

  it("distributions carry each indicator's treatment record under COINr treatment too", () => {
    const methods = {
      ...loaded.framework.methods,
      treat: { method: 'coinr' as const, skew: 2, kurtosis: 3.5, max_winsorised: 5 },
    };
    const coinr = run(loaded.framework, loaded.inputs, { methods });
    expect(coinr.treatment.map((t) => t.indicator)).toEqual(coinr.indicatorIds);
    const d = auditResult(coinr).distributions.find((x) => x.id === 'blade')!;
    // [50,50,—,100,0,50,50,50,50,50]: excess kurtosis 4, skew 0 → untreated
    expect(d.kurtosisBefore).toBeCloseTo(4, 10);
    expect(d.action).toBe('none');
  });

  it('audit.json has nulls for missing numbers and arrays for typed arrays', () => {
    const j = JSON.parse(auditJson(audit));
    expect(j.alpha.measures.find((m: { id: string }) => m.id === 'weapons').alpha).toBeNull();
    expect(Array.isArray(j.correlations.measures.r)).toBe(true);
    expect(j.correlations.measures.r).toHaveLength(9);
  });
});

describe('audit HTML', () => {
  const html = auditHtml(audit, { names: Object.fromEntries(loaded.framework.indicators.map((s) => [s.id, s.name])) });

  it('is self-contained: every src/href is a data: URI or an in-page anchor; no scripts, no imports', () => {
    const refs = [...html.matchAll(/\b(?:src|href)\s*=\s*["']?([^"'\s>]*)/gi)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(0);
    for (const r of refs) expect(r.startsWith('#') || r.startsWith('data:'), r).toBe(true);
    expect(html).not.toMatch(/<script|<link|<iframe|@import|url\(/i);
    for (const r of refs.filter((x) => x.startsWith('#'))) expect(html).toContain(`id="${r.slice(1)}"`);
  });

  it('has every section, the heat maps, histograms and weights charts, and escapes names', () => {
    for (const id of ['summary', 'coverage', 'distributions', 'correlations', 'alpha', 'pca', 'links', 'weights'])
      expect(html).toContain(`id="${id}"`);
    expect((html.match(/<svg/g) ?? []).length).toBe(1 + 2 * 6 + 2 + 1 + 1 + 2); // legend, 2 per indicator, 2 category maps, measures map, category weights, 2 categories' measure weights
    const evil = auditHtml({ ...audit, framework: '<img src=x onerror=alert(1)>' });
    expect(evil).not.toContain('<img');
  });

  it('wardrank audit writes audit.html and audit.json', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'wardrank-audit-')), 'audit');
    expect(await runCli(['node', 'wardrank', 'audit', FRAMEWORK, '--out', out])).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['.wardrank-output', 'audit.html', 'audit.json']);
    expect(JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8')).flags.redundant).toHaveLength(1);
    expect(await runCli(['node', 'wardrank', 'audit', FRAMEWORK, '--out', out, '--method', 'kendall'])).toBe(2);
  });
});
