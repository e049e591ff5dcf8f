/**
 * The whole analysis on a prepared framework: design → Saltelli plan → evaluate every run
 * (worker threads) → per-ward rank intervals, robust candidates and Sobol indices. This is the
 * function the CLI and the benchmark harness call:
 *
 *   const mc = await runMonteCarlo(prepare(framework, inputs), settings, { workers: 2 });
 *
 * Random streams (see `rng.ts`): stream 0 draws the plan, stream 1 the bootstrap, both from
 * `settings.seed`; so results depend only on (framework, settings), never on `workers`.
 */
import type { Methods } from '../core/framework.ts';
import type { Prepared } from '../core/run.ts';
import { score } from '../core/run.ts';
import { buildDesign, type Design } from './design.ts';
import type { DataVariants } from './dataVariants.ts';
import { useHistogram, type ChunkResult } from './evaluate.ts';
import { InputError } from '../core/errors.ts';
import { autoWorkers, startWorkers } from './workers.ts';
import { robustCandidates, type Candidate } from './candidates.ts';
import { seededRng } from './rng.ts';
import { samplePlan, type Plan } from './samplePlan.ts';
import type { RobustnessSettings } from './settings.ts';
import { sobolWithBootstrap, type SobolWithIntervals } from './sobol.ts';
import { wardIntervals, type WardInterval } from './wardIntervals.ts';

export interface MonteCarloOptions {
  /** Worker threads (default 1: this thread); 'auto': one per core when there are enough runs (`autoWorkers`). */
  workers?: number | 'auto';
  /** Called with (runs done, total runs) as evaluation proceeds. */
  onProgress?: (done: number, total: number) => void;
  /** Skip the Sobol design even if the settings ask for it (A only: N runs). */
  uncertaintyOnly?: boolean;
  /** Above this many areas, keep each run's ranks instead of per-area histograms (see evaluate.ts). */
  histogramMaxAreas?: number;
  /**
   * The framework's inputs and the alternative data columns the data factors (denominate, smooth,
   * source) read (`loadVariantData`, src/io/loadVariants.ts); without it those factors are
   * reported as not applied.
   */
  data?: DataVariants;
}

/** Kept ranks beyond this many values (4 bytes each: 1 GiB) are refused rather than exhausting memory. */
const MAX_KEPT_RANKS = 1 << 28;

export interface MonteCarloResult {
  settings: RobustnessSettings;
  design: Design;
  plan: Plan;
  nominalRank: Float64Array;
  /** The framework's own methods, which the nominal ranking uses. */
  nominalMethods: Methods;
  /** Every run's outputs, plus the per-ward counts over block A. */
  runs: ChunkResult;
  wards: WardInterval[];
  candidates: Candidate[];
  /** Absent when Sobol is off or no factor varies. */
  sobol?: SobolWithIntervals;
  timings: { nominalMs: number; sampleMs: number; evaluateMs: number; sobolMs: number; runsPerSecond: number };
  workers: number;
}

export async function runMonteCarlo(
  prepared: Prepared,
  settings: RobustnessSettings,
  options: MonteCarloOptions = {},
): Promise<MonteCarloResult> {
  const t0 = performance.now();
  const design = buildDesign(prepared, settings, options.data);
  const sobolOn = settings.sobol.enabled && !options.uncertaintyOnly && design.factors.length > 0;
  const rows = settings.runs * (sobolOn ? design.factors.length + 2 : 1);
  const workers = options.workers === 'auto' ? autoWorkers(rows) : Math.max(1, Math.floor(options.workers ?? 1));
  const n = prepared.areas.codes.length;
  if (!useHistogram({ histogramMaxAreas: options.histogramMaxAreas }, n) && settings.runs * n > MAX_KEPT_RANKS) {
    throw new InputError(
      `${settings.runs} runs × ${n} areas is too many ranks to keep (${settings.runs * n} > ${MAX_KEPT_RANKS})`,
      {
        field: 'robustness.runs',
        expected: `at most ${Math.floor(MAX_KEPT_RANKS / n)} runs for ${n} areas`,
      },
    );
  }
  // the threads start up while this one scores the nominal ranking and draws the plan
  const pool = startWorkers(workers);
  let runs: ChunkResult;
  let t1: number, t2: number;
  let nominalRank: Float64Array, plan: Plan;
  try {
    const nominal = score(prepared);
    nominalRank = nominal.rank;
    t1 = performance.now();
    plan = samplePlan(design, settings.runs, sobolOn, seededRng(settings.seed, 0));
    t2 = performance.now();
    const job = {
      prepared,
      design,
      plan,
      nominalRank,
      histogramMaxAreas: options.histogramMaxAreas,
      data: options.data,
    };
    runs = await pool.evaluate(job, (done) => options.onProgress?.(done, plan.rows));
  } catch (e) {
    await pool.close();
    throw e;
  }
  const t3 = performance.now();
  let sobol: SobolWithIntervals | undefined;
  if (sobolOn) {
    const N = plan.base;
    const y = runs.y;
    const fAB = design.factors.map((_, i) => y.subarray((2 + i) * N, (3 + i) * N));
    sobol = sobolWithBootstrap(
      y.subarray(0, N),
      y.subarray(N, 2 * N),
      fAB,
      settings.sobol.bootstrap,
      settings.sobol.confidence,
      seededRng(settings.seed, 1),
    );
  }
  const t4 = performance.now();
  const wards = wardIntervals(prepared.areas, nominalRank, runs, plan.base);
  const rankedNominal = nominalRank.reduce((a, r) => a + (r === r ? 1 : 0), 0);
  const candidates = robustCandidates(wards, settings.candidates, design.topK, rankedNominal);
  return {
    settings,
    design,
    plan,
    nominalRank,
    nominalMethods: prepared.framework.methods,
    runs,
    wards,
    candidates,
    sobol,
    timings: {
      nominalMs: t1 - t0,
      sampleMs: t2 - t1,
      evaluateMs: t3 - t2,
      sobolMs: t4 - t3,
      runsPerSecond: plan.rows / ((t3 - t2) / 1000),
    },
    workers,
  };
}
