/**
 * The partner map itself (web/dist served by the real server over the real London 2018 index),
 * measured in headless Chromium (playwright-core, SwiftShader WebGL), HTTP cache disabled:
 *
 * - first render: navigation start → the map's first `idle` (mark `wardrank:idle`), and the
 *   bytes the page had received by then (boundaries, ranking, framework, basemap; the prepared
 *   bundle is fetched after it), median of 3 loads;
 * - what-if ready: → `wardrank:whatif-ready` (bundle fetched, engine warmed);
 * - re-rank: the first slider move after load (the warm-up is meant to make it cost as much as
 *   the others) and the median of 20 moves, each `score()` + table rebuild as timed by the page.
 *
 * The machine's load average is recorded with the rows (2 shared cores: a loaded machine is
 * slower). Run by `bench/run.ts` (map section) in a child process or alone:
 * `node --import tsx bench/partnerMap.ts`.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { chromium } from 'playwright-core';
import { buildApp } from '../src/server/app.ts';
import { loadSource } from '../src/server/source.ts';
import { loadFramework } from '../src/io/loadFramework.ts';
import { writeOutputs } from '../src/io/writeOutputs.ts';
import { prepare, score } from '../src/core/run.ts';
import type { Row } from './run.ts';

const ROOT = join(import.meta.dirname, '..');
const LONDON = join(ROOT, 'data', 'london-2018', 'framework.yaml');
const WEB = join(ROOT, 'web', 'dist');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-swiftshader',
];
const LOADS = 3;
const MOVES = 20;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

function newest(p: string): number {
  const s = statSync(p);
  return s.isDirectory() ? Math.max(0, ...readdirSync(p).map((f) => newest(join(p, f)))) : s.mtimeMs;
}

export async function partnerMapRows(): Promise<Row[]> {
  if (!existsSync(LONDON))
    return [
      { scenario: 'Partner map (London 2018)', implementation: '—', note: 'skipped: data/london-2018 not present' },
    ];
  const src = Math.max(newest(join(ROOT, 'web', 'src')), newest(join(ROOT, 'web', 'index.html')));
  if (!existsSync(join(WEB, 'index.html')) || statSync(join(WEB, 'index.html')).mtimeMs < src)
    await build({ configFile: join(ROOT, 'web', 'vite.config.ts'), logLevel: 'error' });
  const tmp = mkdtempSync(join(tmpdir(), 'wardrank-bench-map-'));
  const loaded = loadFramework(LONDON);
  const prepared = prepare(loaded.framework, loaded.inputs);
  await writeOutputs(prepared, score(prepared), loaded, join(tmp, 'out'), { reproducible: true });
  const app = buildApp(loadSource(join(tmp, 'out')), { webRoot: WEB, log: () => undefined });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const before = load();
  const context = await chromium.launchPersistentContext(join(tmp, 'chromium'), {
    executablePath: CHROMIUM,
    viewport: { width: 1280, height: 800 },
    args: FLAGS,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const idle: number[] = [];
    const ready: number[] = [];
    const bytesAtIdle: number[] = [];
    let bytesTotal = 0;
    let firstMove = NaN;
    let moves: number[] = [];
    for (let k = 0; k < LOADS; k++) {
      await page.goto('about:blank');
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.waitForFunction(() => window.__wardrankReady === true, null, { timeout: 120_000 });
      // A string, not a function: tsx would wrap named inner functions in a helper the page lacks.
      const m = (await page.evaluate(`(() => {
        const t = performance.getEntriesByName('wardrank:idle')[0].startTime;
        const r = performance.getEntriesByName('wardrank:whatif-ready')[0].startTime;
        const res = performance.getEntriesByType('resource');
        let atIdle = 0, total = 0;
        for (const x of res) { const n = x.encodedBodySize || x.transferSize; total += n; if (x.responseEnd <= t) atIdle += n; }
        return { idle: t, ready: r, atIdle, total };
      })()`)) as { idle: number; ready: number; atIdle: number; total: number };
      idle.push(m.idle);
      ready.push(m.ready);
      bytesAtIdle.push(m.atIdle);
      bytesTotal = m.total;
      if (k === LOADS - 1) {
        const slider = page.locator('input[type=range]:not([disabled])').first();
        const max = Number(await slider.getAttribute('max'));
        for (let j = 0; j < MOVES; j++) {
          // Alternating 30 % and 70 % of the range: never the published weight (which would not re-rank).
          await slider.fill((Math.round((j % 2 ? 0.7 : 0.3) * max * 10) / 10).toFixed(1));
          await page.waitForFunction((n) => (window.__wardrank?.rerankMs.length ?? 0) >= n, j + 1);
        }
        moves = await page.evaluate(() => window.__wardrank!.rerankMs);
        firstMove = moves[0];
      }
    }
    const after = load();
    const note = `London 2018, 633 wards, HTTP cache off; load average ${before} → ${after} (1, 5, 15 min)`;
    return [
      {
        scenario: 'Partner map (headless Chromium)',
        implementation: 'first render: navigation → first idle',
        medianMs: median(idle),
        minMs: Math.min(...idle),
        runs: LOADS,
        note: `${(median(bytesAtIdle) / 1024).toFixed(0)} KiB received by then of ${(bytesTotal / 1024).toFixed(0)} KiB; ${note}`,
      },
      {
        scenario: 'Partner map (headless Chromium)',
        implementation: 'what-if ready: bundle in, engine warmed',
        medianMs: median(ready),
        minMs: Math.min(...ready),
        runs: LOADS,
        note,
      },
      {
        scenario: 'Partner map (headless Chromium)',
        implementation: 'first slider move after load (re-rank)',
        medianMs: firstMove,
        runs: 1,
        note,
      },
      {
        scenario: 'Partner map (headless Chromium)',
        implementation: `re-rank, ${MOVES} slider moves`,
        medianMs: median(moves),
        minMs: Math.min(...moves),
        runs: moves.length,
        note,
      },
    ];
  } finally {
    await context.close();
    await app.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv.includes('--child') || import.meta.url === `file://${process.argv[1]}`) {
  partnerMapRows().then(
    (rows) => {
      if (process.send) process.send(rows, () => process.exit(0));
      else console.table(rows);
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
