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

interface MonteCarloModule {
  runMonteCarlo(prepared: Prepared, settings: unknown, options: { workers: number; uncertaintyOnly: boolean }): Promise<{ timings?: { runsPerSecond?: number } }>;
}

const RUNNER = join(import.meta.dirname, '..', 'src', 'robustness', 'runMonteCarlo.ts');

export async function monteCarloThroughput(prepared: Prepared, workers: number, runs = 400): Promise<{ throughput?: number; note?: string }> {
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
