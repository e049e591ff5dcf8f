/**
 * Runs a plan's evaluation across worker threads (node:worker_threads), the only file of
 * src/robustness that touches Node. The rows are split into contiguous ranges, one per worker;
 * each worker evaluates its range with `evaluateRows` (pure) and sends back integer counts and
 * per-run outputs, which `mergeChunks` adds up — so the result is identical for any number of
 * workers (tested).
 *
 * Workers start at `workerEntry.mjs`, which registers tsx (the engine is TypeScript run without
 * a build step) and imports this same file, which then sees it is a worker.
 */
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { evaluateRows, mergeChunks, type ChunkResult, type Job } from './evaluate.ts';

const MARK = 'wardrank-robustness-worker';

interface WorkerInput {
  mark: typeof MARK;
  job: Job;
  from: number;
  to: number;
}

type WorkerMessage = { kind: 'progress'; done: number } | { kind: 'result'; result: ChunkResult };

/** Below this many runs, starting worker threads (~0.3 s each, loading tsx) costs more than it saves. */
export const MIN_RUNS_PER_WORKER = 2000;

/** Threads for `rows` runs when the caller does not say: one per core, at most one per MIN_RUNS_PER_WORKER runs. */
export function autoWorkers(rows: number): number {
  return Math.max(1, Math.min(availableParallelism(), Math.floor(rows / MIN_RUNS_PER_WORKER)));
}

/** Splits [0, rows) into `parts` contiguous ranges of near-equal size. */
export function splitRows(rows: number, parts: number): [number, number][] {
  const p = Math.max(1, Math.min(parts, rows));
  return Array.from({ length: p }, (_, k) => [Math.floor((k * rows) / p), Math.floor(((k + 1) * rows) / p)] as [number, number]);
}

/** Evaluates every row of the job's plan on `workers` threads (1: in this thread). */
export async function evaluatePlan(job: Job, workers: number, onProgress?: (done: number) => void): Promise<ChunkResult> {
  const n = job.prepared.areas.codes.length;
  const ranges = splitRows(job.plan.rows, workers);
  if (ranges.length <= 1) return mergeChunks(n, [evaluateRows(job, 0, job.plan.rows, onProgress)]);
  const done = new Array<number>(ranges.length).fill(0);
  const report = () => onProgress?.(done.reduce((a, b) => a + b, 0));
  const results = await Promise.all(
    ranges.map(([from, to], k) =>
      runWorker({ mark: MARK, job, from, to }, (d) => {
        done[k] = d;
        report();
      }),
    ),
  );
  return mergeChunks(n, results);
}

function runWorker(input: WorkerInput, onProgress: (done: number) => void): Promise<ChunkResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./workerEntry.mjs', import.meta.url), { workerData: input });
    let result: ChunkResult | undefined;
    worker.on('message', (m: WorkerMessage) => {
      if (m.kind === 'progress') onProgress(m.done);
      else result = m.result;
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (result) resolve(result);
      else reject(new Error(`robustness worker for runs ${input.from}–${input.to} exited with code ${code} and no result`));
    });
  });
}

if (!isMainThread && parentPort && (workerData as WorkerInput | undefined)?.mark === MARK) {
  const { job, from, to } = workerData as WorkerInput;
  const port = parentPort;
  const result = evaluateRows(job, from, to, (done) => port.postMessage({ kind: 'progress', done } satisfies WorkerMessage));
  port.postMessage({ kind: 'result', result } satisfies WorkerMessage, [result.y, result.ranked, result.hist, result.topK, result.topDecile].map((a) => a.buffer as ArrayBuffer));
}
