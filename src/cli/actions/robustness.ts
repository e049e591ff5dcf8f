/** `wardrank robustness`: uncertainty and sensitivity analysis of the ranking (docs/robustness.md). */
import { basename } from 'node:path';
import { prepare, score } from '../../core/run.ts';
import { loadFramework } from '../../io/loadFramework.ts';
import { loadVariantData } from '../../io/loadVariants.ts';
import { keyedVariantData, variantSpecs } from '../../robustness/dataVariants.ts';
import { robustnessFiles, writeRobustnessOutputs } from '../../robustness/outputs.ts';
import { runMonteCarlo } from '../../robustness/runMonteCarlo.ts';
import { parseRobustnessSettings } from '../../robustness/settings.ts';
import { byMedianRank } from '../../robustness/wardIntervals.ts';
import { fmt, fmtRank, textTable } from '../format.ts';
import { checkOutOption } from '../outOption.ts';
import { refuseEmptyRanking } from '../pipeline.ts';
import { progressBar } from '../progress.ts';
import { checkRunsBudget } from '../runsBudget.ts';

export interface RobustnessOptions {
  out: string;
  runs?: number;
  seed?: number;
  workers?: number;
  sobol: boolean;
  reproducible?: boolean;
  top: number;
  force?: boolean;
}

export async function robustnessAction(path: string, opts: RobustnessOptions): Promise<void> {
  checkOutOption(opts.out, { kind: 'robustness', force: opts.force, inputs: [path] });
  const t0 = performance.now();
  const loaded = loadFramework(path);
  const base = parseRobustnessSettings(loaded.framework.robustness, basename(path));
  const settings = {
    ...base,
    runs: opts.runs ?? base.runs,
    seed: opts.seed ?? base.seed,
    sobol: { ...base.sobol, enabled: base.sobol.enabled && opts.sobol },
  };
  const t1 = performance.now();
  const prepared = prepare(loaded.framework, loaded.inputs);
  // no nominal ranking, nothing to perturb: exit 1 before any run, as run/top/pilots do
  refuseEmptyRanking(path, score(prepared));
  // the alternative columns of the data factors (denominators, vintages), read and checked by the loader
  const variants = variantSpecs(loaded.framework, settings.factors);
  const data = { inputs: loaded.inputs, data: keyedVariantData(variants, loadVariantData(loaded, variants)) };
  checkRunsBudget(prepared, settings, undefined, data);
  const t2 = performance.now();
  let bar: ReturnType<typeof progressBar> | undefined;
  const mc = await runMonteCarlo(prepared, settings, {
    workers: opts.workers ?? 'auto',
    data,
    onProgress: (done, total) => (bar ??= progressBar('robustness', total)).tick(done),
  });
  bar?.done();
  const t3 = performance.now();
  const files = robustnessFiles(mc, {
    frameworkName: loaded.framework.name,
    frameworkFile: basename(loaded.path),
    hashes: loaded.hashes,
    areas: prepared.areas,
    reproducible: opts.reproducible,
    timings: { loadMs: round(t1 - t0), prepareMs: round(t2 - t1), analysisMs: round(t3 - t2) },
  });
  const written = await writeRobustnessOutputs(opts.out, files, {
    force: opts.force,
    inputs: [loaded.path],
    onNote: (n) => process.stderr.write(`note: ${n}\n`),
  });
  const t4 = performance.now();
  const out = process.stdout;
  const factors = `${mc.design.factors.length} factors: ${mc.design.factors.map((f) => f.id).join(', ') || 'none'}`;
  const design = mc.plan.sobol ? `${mc.plan.rows} with the Sobol design` : 'no Sobol design';
  out.write(`${mc.plan.base} runs (${design}; ${factors}) on ${mc.workers} thread(s)\n`);
  out.write(
    `evaluation ${fmt(mc.timings.evaluateMs / 1000, 2)} s (${Math.round(mc.timings.runsPerSecond)} runs/s); total ${fmt((t4 - t0) / 1000, 2)} s\n`,
  );
  for (const n of mc.design.notes)
    process.stderr.write(`${n.kind === 'note' ? 'note' : 'not applied'}: ${n.choice}: ${n.why}\n`);
  const runNotes = new Set(mc.runs.notes.filter(Boolean)).size;
  if (runNotes)
    process.stderr.write(
      `${mc.runs.notes.filter(Boolean).length} run(s) carry notes (choices not applied or structure changed): see run_notes in robustness-manifest.json\n`,
    );
  const top = byMedianRank(mc.wards).slice(0, opts.top);
  const parent = new Map(
    prepared.areas.codes.map((c, i) => [c, prepared.areas.parentNames[prepared.areas.parent[i]] ?? '']),
  );
  out.write(
    textTable(
      ['median', 'ward', 'borough', 'nominal', '5–95 %', `P(top ${mc.design.topK})`, 'P(top 10 %)'],
      top.map((r) => [
        fmtRank(r.medianRank),
        r.name,
        parent.get(r.code) ?? '',
        fmtRank(r.nominalRank),
        `${fmtRank(r.p05Rank)}–${fmtRank(r.p95Rank)}`,
        fmt(r.pTopK, 3),
        fmt(r.pTopDecile, 3),
      ]),
      ['r', 'l', 'l', 'r', 'r', 'r', 'r'],
    ) + '\n',
  );
  if (mc.sobol) {
    const s = mc.sobol;
    out.write(
      textTable(
        [
          'factor',
          'S1',
          `${Math.round(settings.sobol.confidence * 100)} % CI`,
          'ST',
          `${Math.round(settings.sobol.confidence * 100)} % CI`,
        ],
        mc.design.factors.map((f, i) => [
          f.id,
          fmt(s.first[i], 3),
          `${fmt(s.firstLow[i], 3)}–${fmt(s.firstHigh[i], 3)}`,
          fmt(s.total[i], 3),
          `${fmt(s.totalLow[i], 3)}–${fmt(s.totalHigh[i], 3)}`,
        ]),
        ['l', 'r', 'r', 'r', 'r'],
      ) + '\n',
    );
  }
  out.write(
    `${mc.candidates.length} robust candidate(s); wrote ${written.length} files to ${opts.out}: ${written.join(', ')}\n`,
  );
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
