/**
 * Timing for benchmarks: warm up, then time repeated runs and report the median. Warm-up runs
 * until at least `warmMs` have passed (at least one run), so the JIT has optimised the hot
 * loops; timed runs continue until both `minRuns` runs and `minMs` have passed (at most
 * `maxRuns`). No collection is forced between runs: a forced full GC (`--expose-gc`, `gc()`)
 * made the next run pay for sweeping and regrowing the heap — twice as slow at 680 areas — which
 * a caller re-running `score()` (the map, the robustness engine) never sees; the collections the
 * runs trigger themselves are counted, as in real use. Besides wall time, the median CPU time (user +
 * system, `process.cpuUsage`) of the runs is kept: on a shared, busy machine wall time also
 * counts waiting for a core, CPU time does not.
 */
export interface Timing {
  medianMs: number;
  minMs: number;
  /** Median CPU time per run (this thread and any helper threads, e.g. the parallel GC). */
  cpuMs: number;
  runs: number;
}

export interface MeasureOptions {
  warmMs?: number;
  minRuns?: number;
  minMs?: number;
  maxRuns?: number;
}

export async function measure(fn: () => unknown, options: MeasureOptions = {}): Promise<Timing> {
  const { warmMs = 1000, minRuns = 7, minMs = 2000, maxRuns = 200 } = options;
  for (let t0 = performance.now(), k = 0; k < 1 || (performance.now() - t0 < warmMs && k < maxRuns); k++) await fn();
  const times: number[] = [];
  const cpu: number[] = [];
  const start = performance.now();
  while (times.length < maxRuns && (times.length < minRuns || performance.now() - start < minMs)) {
    const c = process.cpuUsage();
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  return { medianMs: median(times), minMs: Math.min(...times), cpuMs: median(cpu), runs: times.length };
}

function median(x: number[]): number {
  const s = [...x].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Peak resident set size of this process so far, in MB (`process.resourceUsage().maxRSS` is in KiB). */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}
