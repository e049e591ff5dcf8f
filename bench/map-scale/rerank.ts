/**
 * Bench-only browser entry (bundled by bench/map-scale.ts with esbuild): loads a Prepared bundle
 * and times `score()` after category weight changes, as the map's what-if sliders do — the same
 * core code the map runs. Reports the median of 15 runs after 3 warm-up runs on
 * `window.__rerank[name]`.
 */
import { fromBundle, type PreparedBundle } from '../../src/core/bundle.ts';
import { score } from '../../src/core/run.ts';

declare global {
  interface Window {
    __rerank?: Record<string, { medianMs: number; minMs: number; runs: number; areas: number }>;
    __rerankError?: string;
  }
}

async function time(name: string): Promise<void> {
  const prepared = fromBundle((await (await fetch(`/prepared/${name}.json`)).json()) as PreparedBundle);
  const times: number[] = [];
  for (let k = 0; k < 18; k++) {
    const categories = Object.fromEntries(prepared.framework.categories.map((c, i) => [c.id, 1 + ((k + i) % 3)]));
    const t = performance.now();
    score(prepared, { weights: { categories } });
    if (k >= 3) times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  (window.__rerank ??= {})[name] = {
    medianMs: times[times.length >> 1],
    minMs: times[0],
    runs: times.length,
    areas: prepared.areas.codes.length,
  };
}

const names = new URLSearchParams(location.search).getAll('name');
(async () => {
  for (const name of names) await time(name);
})().catch((e: unknown) => (window.__rerankError = String(e)));
