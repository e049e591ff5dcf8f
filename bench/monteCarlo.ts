/**
 * Monte Carlo throughput (runs per second) of the robustness engine (`src/robustness/`,
 * another engineer's), for the bench table: the framework's own `robustness:` settings with
 * Sobol off (`uncertaintyOnly`), after a short warm-up. Reports both the engine's own
 * evaluation-only rate and runs / wall time of the whole call (design, sampling, worker start-up,
 * summaries). Until `src/robustness/runMonteCarlo.ts` exists this reports "pending".
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Prepared } from '../src/core/run.ts';
import type { Timing } from './measure.ts';
import type { DataVariants } from '../src/robustness/dataVariants.ts';

interface MonteCarloModule {
  runMonteCarlo(
    prepared: Prepared,
    settings: unknown,
    options: { workers: number; uncertaintyOnly: boolean; data?: DataVariants },
  ): Promise<{ timings?: { runsPerSecond?: number; evaluateMs?: number } }>;
}

const RUNNER = join(import.meta.dirname, '..', 'src', 'robustness', 'runMonteCarlo.ts');

export async function monteCarloThroughput(
  prepared: Prepared,
  workers: number,
  runs = 400,
): Promise<{ throughput?: number; note?: string }> {
  if (!existsSync(RUNNER)) return { note: 'pending: src/robustness/runMonteCarlo.ts not written yet' };
  const { runMonteCarlo } = (await import(RUNNER)) as MonteCarloModule;
  const { parseRobustnessSettings } = await import('../src/robustness/settings.ts');
  const section = (prepared.framework.robustness ?? {}) as Record<string, unknown>;
  const settings = (n: number) => parseRobustnessSettings({ ...section, runs: n, sobol: { enabled: false } });
  await runMonteCarlo(prepared, settings(20), { workers, uncertaintyOnly: true });
  const t = performance.now();
  const result = await runMonteCarlo(prepared, settings(runs), { workers, uncertaintyOnly: true });
  const seconds = (performance.now() - t) / 1000;
  const evaluation = result.timings?.runsPerSecond;
  return {
    throughput: runs / seconds,
    note: `${runs} runs, Sobol off, whole call incl. worker start-up${evaluation ? `; evaluation alone ${evaluation.toFixed(1)} runs/s` : ''}`,
  };
}

/**
 * The issue's target (issue 5 §4): `runs` London runs (default 10,000) with the framework's own
 * settings, Sobol off, on `workers` threads, as the CLI does it (fresh threads each call), `repeats`
 * times. Timing: the evaluation of the runs (`timings.evaluateMs`: worker start-up that is not
 * hidden behind the nominal ranking and sampling, every run, merging), median and minimum over the
 * repeats; CPU: the process's CPU time over the evaluation (all threads). The note gives the whole
 * `runMonteCarlo` call too (design, nominal ranking, sampling, evaluation, intervals). `data`: the
 * data factors' columns, as the CLI passes them (without it those factors are not applied).
 */
export async function monteCarloAtScale(
  prepared: Prepared,
  workers: number,
  runs = 10_000,
  repeats = 3,
  data?: DataVariants,
): Promise<{ timing?: Timing; note?: string }> {
  if (!existsSync(RUNNER)) return { note: 'pending: src/robustness/runMonteCarlo.ts not written yet' };
  const { runMonteCarlo } = (await import(RUNNER)) as MonteCarloModule;
  const { parseRobustnessSettings } = await import('../src/robustness/settings.ts');
  const section = (prepared.framework.robustness ?? {}) as Record<string, unknown>;
  const settings = parseRobustnessSettings({ ...section, runs, sobol: { enabled: false } });
  const evaluation: number[] = [];
  const whole: number[] = [];
  const cpu: number[] = [];
  for (let k = 0; k < repeats; k++) {
    const c0 = process.cpuUsage();
    const t = performance.now();
    const result = await runMonteCarlo(prepared, settings, { workers, uncertaintyOnly: true, data });
    whole.push(performance.now() - t);
    const c = process.cpuUsage(c0);
    const ms = result.timings?.evaluateMs ?? NaN;
    evaluation.push(ms);
    // CPU over the whole call, scaled to the evaluation's share of its wall time
    cpu.push(((c.user + c.system) / 1000) * (ms / whole[k]));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return {
    timing: { medianMs: median(evaluation), minMs: Math.min(...evaluation), cpuMs: median(cpu), runs: repeats },
    note: `${runs.toLocaleString('en-GB')} runs, Sobol off, ${data ? "the framework's data factors applied, " : ''}fresh threads each time: evaluation of the runs; whole runMonteCarlo call median ${(median(whole) / 1000).toFixed(2)} s`,
  };
}
