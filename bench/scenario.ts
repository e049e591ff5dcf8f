/**
 * One benchmark scenario, run in its own child process by `bench/run.ts` so that its peak
 * resident set size is its own. Reads a JSON `Scenario` from argv[2], sends a `ScenarioResult`
 * to the parent over IPC (or prints it when run by hand) and exits.
 */
import { loadFramework } from '../src/io/loadFramework.ts';
import { prepare, score } from '../src/core/run.ts';
import type { Framework } from '../src/core/framework.ts';
import type { Inputs } from '../src/core/types.ts';
import { syntheticFramework } from './synthetic.ts';
import { PEER_METHODS, enginePeer, rankDifferences } from './peers.ts';
import { naivePipeline, toRows } from './naive.ts';
import { duckdbLoad, duckdbPipeline } from './duckdb.ts';
import { measure, peakRssMb, type Timing } from './measure.ts';
import { monteCarloAtScale, monteCarloThroughput } from './monteCarlo.ts';
import { loadVariantData } from '../src/io/loadVariants.ts';
import { keyedVariantData, variantSpecs, type DataVariants } from '../src/robustness/dataVariants.ts';

export type DataRef = { synthetic: { areas: number; indicators: number; seed?: number } } | { framework: string };

export type Scenario =
  | { kind: 'engine'; data: DataRef; methods: 'framework' | 'peer' }
  | { kind: 'naive'; data: DataRef }
  | { kind: 'duckdb'; data: DataRef; threads: number }
  | { kind: 'agree'; data: DataRef }
  | { kind: 'load'; data: DataRef }
  | { kind: 'rerank'; data: DataRef }
  | { kind: 'montecarlo'; data: DataRef; workers: number }
  | { kind: 'montecarlo-scale'; data: DataRef; workers: number; runs: number };

export interface ScenarioResult {
  timing?: Timing;
  rssMb: number;
  /** Runs per second (Monte Carlo). */
  throughput?: number;
  note?: string;
  error?: string;
}

function load(data: DataRef): { framework: Framework; inputs: Inputs } {
  if ('synthetic' in data) return syntheticFramework(data.synthetic);
  const { framework, inputs } = loadFramework(data.framework);
  return { framework, inputs };
}

/** The inputs and alternative data columns of the framework's data factors, as `wardrank robustness` loads them. */
async function variantData(path: string): Promise<DataVariants> {
  const loaded = loadFramework(path);
  const { parseRobustnessSettings } = await import('../src/robustness/settings.ts');
  const settings = parseRobustnessSettings(loaded.framework.robustness ?? {});
  const specs = variantSpecs(loaded.framework, settings.factors);
  return { inputs: loaded.inputs, data: keyedVariantData(specs, loadVariantData(loaded, specs)) };
}

async function runScenario(s: Scenario): Promise<ScenarioResult> {
  if (s.kind === 'load') {
    const timing = await measure(() => load(s.data), { minRuns: 5, warmMs: 0 });
    return { timing, rssMb: peakRssMb() };
  }
  const { framework, inputs } = load(s.data);
  switch (s.kind) {
    case 'engine': {
      const methods = s.methods === 'peer' ? PEER_METHODS : framework.methods;
      const timing = await measure(() => score(prepare(framework, inputs), { methods }));
      return { timing, rssMb: peakRssMb() };
    }
    case 'naive': {
      const rows = toRows(framework, inputs);
      const timing = await measure(() => naivePipeline(framework, rows), { minRuns: 5, minMs: 0 });
      return { timing, rssMb: peakRssMb() };
    }
    case 'duckdb': {
      const peer = await duckdbLoad(framework, inputs, s.threads);
      try {
        const timing = await measure(() => duckdbPipeline(peer), { minRuns: 5, minMs: 0 });
        return { timing, rssMb: peakRssMb() };
      } finally {
        peer.close();
      }
    }
    case 'agree': {
      const engine = enginePeer(framework, inputs);
      const naive = naivePipeline(framework, toRows(framework, inputs));
      const peer = await duckdbLoad(framework, inputs);
      const duck = await duckdbPipeline(peer);
      peer.close();
      const problems = [...rankDifferences('naive', engine, naive), ...rankDifferences('duckdb', engine, duck)];
      if (problems.length)
        return { rssMb: peakRssMb(), error: `peers disagree with the engine: ${problems.join('; ')}` };
      let ranked = 0;
      for (const r of engine.rank) if (r === r) ranked++;
      return { rssMb: peakRssMb(), note: `engine, naive and DuckDB agree on all ${ranked} ranks` };
    }
    case 'rerank': {
      // Node proxy for the map's what-if: score() again on one Prepared with new category weights.
      const prepared = prepare(framework, inputs);
      let k = 0;
      const timing = await measure(() => {
        k++;
        const categories = Object.fromEntries(framework.categories.map((c, i) => [c.id, 1 + ((k + i) % 3)]));
        return score(prepared, { weights: { categories } });
      });
      return { timing, rssMb: peakRssMb() };
    }
    case 'montecarlo': {
      const r = await monteCarloThroughput(prepare(framework, inputs), s.workers);
      return { ...r, rssMb: peakRssMb() };
    }
    case 'montecarlo-scale': {
      // as the CLI: the data factors' alternative columns (denominators, vintages) read by the loader
      const data = 'framework' in s.data ? await variantData(s.data.framework) : undefined;
      const r = await monteCarloAtScale(prepare(framework, inputs), s.workers, s.runs, 3, data);
      return { ...r, rssMb: peakRssMb() };
    }
  }
}

const scenario = JSON.parse(process.argv[2]) as Scenario;
runScenario(scenario)
  .catch((e: unknown): ScenarioResult => ({ rssMb: peakRssMb(), error: e instanceof Error ? e.message : String(e) }))
  .then((result) => {
    if (process.send) process.send(result, () => process.exit(0));
    else {
      console.log(JSON.stringify(result));
      process.exit(0);
    }
  });
