/**
 * The files of `wardrank robustness`, built in memory and written together with
 * `writeDirAtomic` (the folder appears complete or not at all):
 *
 *   robustness.csv           per ward: code,name,nominal_rank,median_rank,p05_rank,p95_rank,p_top_k,p_top_decile
 *                            (columns fixed: the map reads them), in median-rank order
 *   robust-candidates.csv    the wards meeting the candidate rule (see `candidates.ts`), with why
 *   rank-intervals.svg       the top 50 wards' rank intervals
 *   samples.csv / .arrow     every run: its block (A, B, AB:<factor>), sampled values, output, notes
 *   sobol.csv                first- and total-order indices with bootstrap intervals
 *   robustness-manifest.json settings, seed, N, factors, input SHA-256s, every choice that could
 *                            not be applied (with why and in which runs), output SHA-256s, timings
 *
 * With `reproducible`, timings and thread counts are left out so that the same framework and
 * seed give byte-identical files.
 */
import { formatOutputCsv as formatCsv } from '../core/csvFormat.ts';
import { toArrowIpc, type ColumnTable } from '../io/arrow.ts';
import { writeDirAtomic, writeFileAtomic, type DirWriteOptions } from '../io/atomic.ts';
import { roundForOutput } from '../core/resultTable.ts';
import { sha256Hex as sha256 } from '../shared/sha256.ts';
import { PACKAGE_VERSION } from '../shared/packageInfo.ts';
import type { Areas } from '../core/types.ts';
import type { MonteCarloResult } from './runMonteCarlo.ts';
import { factorWidth } from './design.ts';
import { rowBlock } from './samplePlan.ts';
import { rankIntervalSvg } from './rankIntervalSvg.ts';
import { byMedianRank, type WardInterval } from './wardIntervals.ts';
import { p95Cutoff } from './candidates.ts';

export const ROBUSTNESS_COLUMNS = [
  'code',
  'name',
  'nominal_rank',
  'median_rank',
  'p05_rank',
  'p95_rank',
  'p_top_k',
  'p_top_decile',
] as const;

export interface RobustnessOutputContext {
  frameworkName: string;
  frameworkFile: string;
  hashes: Record<string, string>;
  areas: Areas;
  reproducible?: boolean;
  timings?: Record<string, number>;
}

export function robustnessFiles(
  mc: MonteCarloResult,
  ctx: RobustnessOutputContext,
): Record<string, string | Uint8Array> {
  const ordered = byMedianRank(mc.wards);
  const k = mc.design.topK;
  const samples = samplesTable(mc);
  const files: Record<string, string | Uint8Array> = {
    'robustness.csv': formatCsv([...ROBUSTNESS_COLUMNS], ordered.map(wardRow)),
    'robust-candidates.csv': formatCsv(
      [...ROBUSTNESS_COLUMNS, 'reason'],
      mc.candidates.map((c) => [...wardRow(c), c.reason]),
    ),
    'rank-intervals.svg': rankIntervalSvg(
      ordered.filter((r) => Number.isFinite(r.medianRank)).slice(0, 50),
      ctx.areas,
      {
        title: `${ctx.frameworkName}: rank intervals of the top 50 wards`,
        subtitle: `${mc.plan.base} Monte Carlo runs, seed ${mc.settings.seed}; ordered by median rank; P(top ${k}) in each row's tooltip`,
        topK: k,
      },
    ),
    'samples.csv': formatCsv(samples.columns, tableRows(samples)),
    'samples.arrow': toArrowIpc(samples),
    'sobol.csv': sobolCsv(mc),
  };
  const outputs = Object.fromEntries(Object.entries(files).map(([name, data]) => [name, sha256(data)]));
  files['robustness-manifest.json'] = JSON.stringify(manifest(mc, ctx, outputs), null, 2) + '\n';
  return files;
}

export async function writeRobustnessOutputs(
  dir: string,
  files: Record<string, string | Uint8Array>,
  options: Omit<DirWriteOptions, 'kind'> = {},
): Promise<string[]> {
  await writeDirAtomic(
    dir,
    (tmp) => {
      for (const [name, data] of Object.entries(files)) writeFileAtomic(`${tmp}/${name}`, data);
    },
    { kind: 'robustness', version: PACKAGE_VERSION, ...options },
  );
  return Object.keys(files);
}

function wardRow(r: WardInterval): (string | number)[] {
  return [
    r.code,
    r.name,
    r.nominalRank,
    r.medianRank,
    r.p05Rank,
    r.p95Rank,
    roundForOutput(r.pTopK),
    roundForOutput(r.pTopDecile),
  ];
}

/** Every run's parameters and output, one row per run. */
export function samplesTable(mc: MonteCarloResult): ColumnTable {
  const { design, plan, runs } = mc;
  const rows = plan.rows;
  const values: ColumnTable['values'] = {};
  const columns: string[] = [];
  const add = (name: string, col: string[] | Float64Array) => {
    columns.push(name);
    values[name] = col;
  };
  add(
    'run',
    Float64Array.from({ length: rows }, (_, r) => r),
  );
  add(
    'block',
    Array.from({ length: rows }, (_, r) => {
      const b = rowBlock(plan, r);
      return typeof b === 'number' ? `AB:${design.factors[b].id}` : b;
    }),
  );
  add(
    'base_row',
    Float64Array.from({ length: rows }, (_, r) => r % plan.base),
  );
  design.factors.forEach((f, q) => {
    const v = plan.values[q];
    if (f.kind === 'discrete')
      add(
        f.id,
        Array.from({ length: rows }, (_, r) => f.choices[v[r]]),
      );
    else {
      const w = factorWidth(f);
      f.members.forEach((m, j) =>
        add(
          `${f.id}.${m}`,
          Float64Array.from({ length: rows }, (_, r) => roundForOutput(v[r * w + j])),
        ),
      );
    }
  });
  add('mean_abs_rank_shift', Float64Array.from(runs.y, roundForOutput));
  add('ranked_wards', Float64Array.from(runs.ranked));
  add('notes', [...runs.notes]);
  return { columns, values };
}

function* tableRows(t: ColumnTable): Iterable<(string | number)[]> {
  const rows = t.values[t.columns[0]].length;
  for (let r = 0; r < rows; r++) yield t.columns.map((c) => t.values[c][r]);
}

function sobolCsv(mc: MonteCarloResult): string {
  const header = [
    'factor',
    'values',
    'first_order',
    'first_order_low',
    'first_order_high',
    'total_order',
    'total_order_low',
    'total_order_high',
  ];
  const s = mc.sobol;
  if (!s) return formatCsv(header, []);
  return formatCsv(
    header,
    mc.design.factors.map((f, i) => [
      f.id,
      f.kind === 'discrete' ? f.choices.join(' | ') : f.members.join(' | '),
      roundForOutput(s.first[i]),
      roundForOutput(s.firstLow[i]),
      roundForOutput(s.firstHigh[i]),
      roundForOutput(s.total[i]),
      roundForOutput(s.totalLow[i]),
      roundForOutput(s.totalHigh[i]),
    ]),
  );
}

/** Per-run notes grouped by message: which runs, how many. */
export function groupRunNotes(notes: readonly string[]): { note: string; runs: number; run_ids: number[] }[] {
  const by = new Map<string, number[]>();
  notes.forEach((line, r) => {
    if (!line) return;
    for (const note of line.split('; ')) {
      const ids = by.get(note) ?? [];
      ids.push(r);
      by.set(note, ids);
    }
  });
  return [...by]
    .map(([note, ids]) => ({ note, runs: ids.length, run_ids: ids }))
    .sort((a, b) => b.runs - a.runs || (a.note < b.note ? -1 : 1));
}

function manifest(mc: MonteCarloResult, ctx: RobustnessOutputContext, outputs: Record<string, string>) {
  const { design, plan, settings } = mc;
  const rankedNominal = mc.nominalRank.reduce((a, r) => a + (r === r ? 1 : 0), 0);
  const sobolWhy = mc.sobol
    ? undefined
    : !settings.sobol.enabled
      ? 'switched off (robustness.sobol.enabled: false or --no-sobol)'
      : design.factors.length === 0
        ? 'no factor varies'
        : 'uncertainty-only run';
  return {
    tool: { name: 'wardrank', version: PACKAGE_VERSION, command: 'robustness' },
    framework: { name: ctx.frameworkName, file: ctx.frameworkFile },
    inputs: ctx.hashes,
    settings,
    seed: settings.seed,
    runs: {
      N: plan.base,
      factors: design.factors.length,
      total: plan.rows,
      design: plan.sobol ? 'Saltelli (2010): A, B and A_B^(i); N·(d + 2) runs' : 'A only: N runs',
    },
    random: { generator: 'xoshiro128** 1.1, seeded by SplitMix64', streams: { plan: 0, bootstrap: 1 } },
    top_k: design.topK,
    ranked_nominally: rankedNominal,
    nominal_methods: mc.nominalMethods,
    base_methods: design.base.methods,
    factors: design.factors.map((f) =>
      f.kind === 'discrete'
        ? {
            id: f.id,
            kind: 'discrete',
            choices: f.choices,
            distribution: 'uniform over choices',
            ...(f.declared
              ? {
                  step: f.declared.step,
                  parameter: f.declared.parameter,
                  ...('indicators' in f.declared ? { indicators: f.declared.indicators } : {}),
                }
              : {}),
          }
        : {
            id: f.id,
            kind: 'weights',
            members: f.members,
            nominal: f.nominal,
            groups: f.groups.map((g) => g.map((j) => f.members[j])),
            perturbation: f.perturbation,
          },
    ),
    not_applied: design.notes,
    run_notes: groupRunNotes(mc.runs.notes),
    output: {
      sensitivity: 'mean absolute rank shift against the nominal ranking, over wards ranked in both',
      uncertainty: 'ranks over the N runs of block A; percentiles by Hyndman & Fan type 7',
      sobol: mc.sobol
        ? {
            variance: roundForOutput(mc.sobol.variance),
            first_order: 'Saltelli et al. (2010)',
            total_order: 'Jansen (1999)',
            bootstrap: settings.sobol.bootstrap,
            confidence: settings.sobol.confidence,
          }
        : { skipped: sobolWhy },
    },
    candidates: {
      rule: `P(top ${design.topK}) >= ${settings.candidates.min_p_top_k}, or 95th percentile rank <= ${p95Cutoff(settings.candidates, rankedNominal)}`,
      count: mc.candidates.length,
    },
    outputs,
    ...(ctx.reproducible
      ? {}
      : {
          runtime: {
            node: typeof process !== 'undefined' ? process.version : '',
            workers: mc.workers,
            timingsMs: { ...ctx.timings, ...roundTimings(mc.timings) },
          },
        }),
  };
}

function roundTimings(t: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Math.round(v * 10) / 10]));
}
