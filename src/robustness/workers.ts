/**
 * Runs a plan's evaluation across worker threads (node:worker_threads), the only file of
 * src/robustness that touches Node. The rows, in `evaluationOrder` (grouped by discrete choices),
 * are cut into contiguous stretches, one per worker, so each worker meets only its share of the
 * choices and builds only their normalised columns; each evaluates its rows with `evaluateRows`
 * (pure) and sends back integer counts and per-run outputs, which `mergeChunks` adds up and puts
 * in row order — so the result is identical for any number of workers (tested).
 *
 * Workers run this same file, which sees it is a worker. The engine is TypeScript run without a
 * build step, so the worker code is first bundled in memory by esbuild (~0.1 s, once per process)
 * and started from a data: URL: each worker then parses one small script instead of loading tsx
 * and transforming the module graph through its loader hooks (seconds on a busy machine). If
 * esbuild is unavailable, workers start at `workerEntry.mjs`, which registers tsx.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { evaluateRows, evaluationOrder, mergeChunks, type ChunkResult, type Job } from './evaluate.ts';

const MARK = 'wardrank-robustness-worker';

interface WorkerInput {
  mark: typeof MARK;
  job: Job;
  rows: Uint32Array;
}

type WorkerMessage = { kind: 'progress'; done: number } | { kind: 'result'; result: ChunkResult };

/** Below this many runs, starting a worker thread costs more than it saves. */
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
  const order = evaluationOrder(job.design, job.plan);
  const ranges = splitRows(order.length, workers);
  const merge = (chunks: ChunkResult[]) => mergeChunks(n, job.plan.rows, job.plan.base, chunks);
  if (ranges.length <= 1) return merge([evaluateRows(job, order, onProgress)]);
  const done = new Array<number>(ranges.length).fill(0);
  const report = () => onProgress?.(done.reduce((a, b) => a + b, 0));
  const results = await Promise.all(
    ranges.map(([from, to], k) =>
      runWorker({ mark: MARK, job, rows: order.slice(from, to) }, (d) => {
        done[k] = d;
        report();
      }),
    ),
  );
  return merge(results);
}

let script: Promise<URL> | undefined;

/** The worker script: this module bundled to one ES module (data: URL), or the tsx entry. */
function workerScript(): Promise<URL> {
  script ??= (async () => {
    try {
      const { build } = await import('esbuild');
      const out = await build({ entryPoints: [fileURLToPath(import.meta.url)], bundle: true, format: 'esm', platform: 'node', target: 'node20', write: false, logLevel: 'silent' });
      return new URL(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].contents).toString('base64')}`);
    } catch {
      return new URL('./workerEntry.mjs', import.meta.url);
    }
  })();
  return script;
}

async function runWorker(input: WorkerInput, onProgress: (done: number) => void): Promise<ChunkResult> {
  const url = await workerScript();
  return new Promise((resolve, reject) => {
    const worker = new Worker(url, { workerData: input });
    let result: ChunkResult | undefined;
    worker.on('message', (m: WorkerMessage) => {
      if (m.kind === 'progress') onProgress(m.done);
      else result = m.result;
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (result) resolve(result);
      else reject(new Error(`robustness worker for ${input.rows.length} runs exited with code ${code} and no result`));
    });
  });
}

if (!isMainThread && parentPort && (workerData as WorkerInput | undefined)?.mark === MARK) {
  const { job, rows } = workerData as WorkerInput;
  const port = parentPort;
  const result = evaluateRows(job, rows, (done) => port.postMessage({ kind: 'progress', done } satisfies WorkerMessage));
  port.postMessage({ kind: 'result', result } satisfies WorkerMessage, [result.rows, result.y, result.ranked, result.hist, result.ranks, result.topK, result.topDecile].map((a) => a.buffer as ArrayBuffer));
}
