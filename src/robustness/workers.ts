/**
 * Runs a plan's evaluation across worker threads (node:worker_threads), the only file of
 * src/robustness that touches Node. The rows, in `evaluationOrder` (grouped by discrete choices),
 * are cut into contiguous stretches, one per worker, so each worker meets only its share of the
 * choices and builds only their normalised columns; each evaluates its rows with `evaluateRows`
 * (pure) and sends back integer counts and per-run outputs, which `mergeChunks` adds up and puts
 * in row order — so the result is identical for any number of workers (tested).
 *
 * Workers run this same file, which sees it is a worker: from the build, its own entry
 * dist/worker.js; from the TypeScript sources, bundled in memory by esbuild (~0.05 s, once per
 * process) and started from a data: URL, so each worker parses one small script instead of
 * loading tsx and transforming the module graph through its loader hooks (seconds on a busy
 * machine). If esbuild is unavailable, workers start at `workerEntry.mjs`, which registers tsx.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { evaluateRows, evaluationOrder, mergeChunks, type ChunkResult, type Job } from './evaluate.ts';
import { FROM_SOURCE, packagePath } from '../shared/packageInfo.ts';

const MARK = 'wardrank-robustness-worker';

/** What a worker is sent once the job exists. */
interface WorkerInput {
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
  return Array.from(
    { length: p },
    (_, k) => [Math.floor((k * rows) / p), Math.floor(((k + 1) * rows) / p)] as [number, number],
  );
}

/**
 * Threads that can be started before the job exists, so that their start-up (bundling the worker
 * script, starting an isolate, loading the code: about 0.1 s) overlaps the caller's own work; each
 * waits for its share of the rows. One evaluation per pool; a pool of 1 evaluates in this thread.
 */
export interface WorkerPool {
  readonly size: number;
  /** Evaluates every row of the job's plan across the pool's threads, then ends them. */
  evaluate(job: Job, onProgress?: (done: number) => void): Promise<ChunkResult>;
  /** Ends the threads without evaluating (when the job fails before it is handed over). */
  close(): Promise<void>;
}

export function startWorkers(size: number): WorkerPool {
  const count = Math.max(1, Math.floor(size));
  const threads =
    count > 1
      ? Array.from({ length: count }, () => new Worker(workerScript(), { workerData: { mark: MARK } }))
      : undefined;
  // a thread that fails before it is handed work reports it when given work (runWorker)
  for (const t of threads ?? []) t.on('error', () => undefined);
  return {
    size: count,
    async evaluate(job, onProgress) {
      const n = job.prepared.areas.codes.length;
      const order = evaluationOrder(job.design, job.plan);
      const merge = (chunks: ChunkResult[]) => mergeChunks(n, job.plan.rows, job.plan.base, chunks);
      if (!threads) return merge([evaluateRows(job, order, onProgress)]);
      const ranges = splitRows(order.length, count);
      const done = new Array<number>(ranges.length).fill(0);
      const report = () => onProgress?.(done.reduce((a, b) => a + b, 0));
      // more threads than rows (a tiny plan): end the spare ones
      for (const spare of threads.slice(ranges.length)) void spare.terminate();
      const results = await Promise.all(
        ranges.map(([from, to], k) =>
          runWorker(threads[k], { job, rows: order.slice(from, to) }, (d) => {
            done[k] = d;
            report();
          }),
        ),
      );
      return merge(results);
    },
    async close() {
      if (threads) await Promise.all(threads.map((t) => t.terminate()));
    },
  };
}

let script: URL | undefined;

/**
 * The worker script. From the build (`npm run build`), dist/worker.js, this module's own entry.
 * From the TypeScript sources (tests, `npm run dev`), this module bundled to one ES module (data:
 * URL), or the tsx entry if esbuild (a devDependency) is missing. Bundled synchronously (about
 * 0.05 s, once per process) so that the threads start while the caller goes on with its own
 * work, rather than when it next yields.
 */
function workerScript(): URL {
  if (!script && !FROM_SOURCE) script = pathToFileURL(packagePath('dist', 'worker.js'));
  if (!script) {
    try {
      const { buildSync } = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
      const out = buildSync({
        entryPoints: [fileURLToPath(import.meta.url)],
        bundle: true,
        format: 'esm',
        platform: 'node',
        target: 'node20',
        write: false,
        logLevel: 'silent',
      });
      script = new URL(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].contents).toString('base64')}`);
    } catch {
      script = new URL('./workerEntry.mjs', import.meta.url);
    }
  }
  return script;
}

function runWorker(worker: Worker, input: WorkerInput, onProgress: (done: number) => void): Promise<ChunkResult> {
  return new Promise((resolve, reject) => {
    let result: ChunkResult | undefined;
    worker.on('message', (m: WorkerMessage) => {
      if (m.kind === 'progress') onProgress(m.done);
      else {
        result = m.result;
        // the thread has sent all it will; end it rather than wait for it to go idle
        void worker.terminate();
      }
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (result) resolve(result);
      else reject(new Error(`robustness worker for ${input.rows.length} runs exited with code ${code} and no result`));
    });
    worker.postMessage(input);
  });
}

if (!isMainThread && parentPort && (workerData as { mark?: string } | undefined)?.mark === MARK) {
  const port = parentPort;
  port.once('message', ({ job, rows }: WorkerInput) => {
    const result = evaluateRows(job, rows, (done) =>
      port.postMessage({ kind: 'progress', done } satisfies WorkerMessage),
    );
    port.postMessage(
      { kind: 'result', result } satisfies WorkerMessage,
      [result.rows, result.y, result.ranked, result.hist, result.ranks, result.topK, result.topDecile].map(
        (a) => a.buffer as ArrayBuffer,
      ),
    );
  });
}
