/**
 * The partner map in a real browser: the built page (web/dist) served by the real server
 * (`buildApp`) over the small fixture, driven with Debian Chromium through playwright-core.
 * Checks what a partner relies on: the map loads offline (no request leaves 127.0.0.1, no
 * console errors), clicking a ward shows the rank the CLI computes, a weight slider re-ranks
 * the wards with the engine's own score(), a permalink reproduces the view, and keyboard search
 * opens a pilot ward's reasons. The server reads a `wardrank run` output folder of the fixture,
 * to which the test adds SYNTHETIC pilot, comparison and robustness tables (made up here, only
 * to exercise the display; no real selection or robustness run is implied).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { loadSource } from '../../src/server/source.ts';
import { loadFramework } from '../../src/io/loadFramework.ts';
import { writeOutputs } from '../../src/io/writeOutputs.ts';
import { formatCsv } from '../../src/io/csv.ts';
import { prepare, score, type WeightOverrides } from '../../src/core/run.ts';
import type { Result } from '../../src/core/types.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const WEB_DIST = join(ROOT, 'web/dist');
const FRAMEWORK = join(ROOT, 'test/fixtures/small/framework.yaml');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';
const ARTIFACTS = join(ROOT, 'test-artifacts');

/** Newest modification time of the files a web build is made from. */
function newestSource(): number {
  let newest = 0;
  const visit = (p: string) => {
    const s = statSync(p);
    if (s.isDirectory()) for (const f of readdirSync(p)) visit(join(p, f));
    else newest = Math.max(newest, s.mtimeMs);
  };
  for (const p of ['web/src', 'web/index.html', 'web/vite.config.ts', 'src/core']) visit(join(ROOT, p));
  return newest;
}

async function ensureBuilt(): Promise<void> {
  const index = join(WEB_DIST, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newestSource()) return;
  await build({ configFile: join(ROOT, 'web/vite.config.ts'), logLevel: 'error' });
}

/** Waits for the page to catch up (generous: CI machines can be slow), then asserts. */
const eventually = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000, interval: 50 });

function rankIn(result: Result, code: string): number {
  return result.rank[result.areas.codes.indexOf(code)];
}

describe('partner map in Chromium', () => {
  let app: FastifyInstance;
  let context: BrowserContext;
  let page: Page;
  let origin: string;
  let profile: string;
  let outDir: string;
  const requests: string[] = [];
  const errors: string[] = [];
  const loaded = loadFramework(FRAMEWORK);
  const prepared = prepare(loaded.framework, loaded.inputs);
  const published = score(prepared);
  const top = published.areas.codes[published.rank.indexOf(1)];
  const SYNTHETIC_REASON = 'synthetic test reason: highest index in its borough';

  beforeAll(async () => {
    await ensureBuilt();
    profile = mkdtempSync(join(tmpdir(), 'wardrank-e2e-'));
    const out = (outDir = join(profile, 'out'));
    await writeOutputs(prepared, published, loaded, out, { reproducible: true });
    const a = published.areas;
    const t = a.codes.indexOf(top);
    writeFileSync(
      join(out, 'pilots.csv'),
      formatCsv(['pilot', 'code', 'name', 'borough_code', 'borough_name', 'rank', 'decile', 'index', 'reason'], [[1, top, a.names[t], a.parentCodes[a.parent[t]], a.parentNames[a.parent[t]], 1, 1, published.index[t], SYNTHETIC_REASON]]),
    );
    writeFileSync(join(out, 'comparisons.csv'), formatCsv(['pilot_code', 'code', 'name', 'borough_name', 'distance', 'rank'], [[top, 'A05', 'Echo', 'Borough One', 0.5, rankIn(published, 'A05')]]));
    writeFileSync(join(out, 'robustness.csv'), formatCsv(['code', 'name', 'nominal_rank', 'median_rank', 'p05_rank', 'p95_rank', 'p_top_k', 'p_top_decile'], [['A05', 'Echo', 4, 4, 3, 6, 0.25, 0.1]]));
    app = buildApp(loadSource(out), { webRoot: WEB_DIST, log: (line) => errors.push(`server: ${line}`) });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (!address || typeof address !== 'object') throw new Error('server has no address');
    origin = `http://127.0.0.1:${address.port}`;
    // A fresh profile per run (playwright takes it as launchPersistentContext's first argument,
    // not as --user-data-dir); flags keep Chromium from calling home.
    context = await chromium.launchPersistentContext(join(profile, 'chromium'), {
      acceptDownloads: true,
      executablePath: CHROMIUM,
      viewport: { width: 1200, height: 800 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-unsafe-swiftshader'],
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`page: ${e.message}`));
  });

  afterAll(async () => {
    await context?.close();
    await app?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  const ready = async () => page.waitForFunction(() => window.__wardrankReady === true, null, { timeout: 30_000 });
  const rankText = () => page.locator('[data-testid=ward-rank]').textContent();

  it('loads, reaches idle, and clicking a ward shows the rank the CLI computes', async () => {
    await page.goto(`${origin}/`);
    await ready();
    // Legend counts: the small fixture ranks all 10 wards, one per decile.
    await eventually(() => page.locator('.legend-classes li .count').allTextContents()).toEqual(['1', '1', '1', '1', '1', '1', '1', '1', '1', '1', '0']);

    const code = 'A05';
    const expected = rankIn(published, code);
    const point = await page.evaluate((c) => window.__wardrank!.screenPoint(c), code);
    expect(point).not.toBeNull();
    const box = (await page.locator('#map').boundingBox())!;
    await page.mouse.move(box.x + point![0], box.y + point![1]);
    await eventually(() => page.locator('.ward-tip').textContent()).toBe(`Echo · Borough One · rank ${expected}`);
    await page.mouse.click(box.x + point![0], box.y + point![1]);
    await eventually(rankText).toBe(`Rank ${expected} of 10 · decile ${published.decile[published.areas.codes.indexOf(code)]}`);
    expect(await page.locator('#panel-title').textContent()).toBe('Echo');
    expect(page.url()).toContain('ward=A05');
    // Contributions (effective weight × score): deprivation ½·75 = 37.5, violence ½·⅔·50 ≈ 16.7,
    // weapons ½·⅓·0 = 0 (not a push).
    expect(await page.locator('.why').textContent()).toBe('Pushed up most by: Deprivation, Violence.');
    // The (synthetic) robustness row and comparison role are shown with the ward.
    expect(await page.locator('.robustness').textContent()).toContain('between 3 and 6 (90 % interval; median 4)');
    expect(await page.locator('.pilot h3').textContent()).toBe('Comparison ward');
  });

  it('finds a ward with the keyboard and shows why it is a pilot', async () => {
    const t = published.areas.codes.indexOf(top);
    await page.locator('#search').focus();
    await page.keyboard.type(published.areas.names[t]);
    await eventually(() => page.locator('#search-list [role=option]').count()).toBeGreaterThan(0);
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#search').getAttribute('aria-activedescendant')).toBe('ward-option-0');
    await page.keyboard.press('Enter');
    await eventually(() => page.locator('#panel-title').textContent()).toBe(published.areas.names[t]);
    expect(await rankText()).toBe('Rank 1 of 10 · decile 1');
    expect(await page.locator('.pilot').textContent()).toContain(SYNTHETIC_REASON);
    expect(await page.locator('.pilot').textContent()).toContain(`Echo (Borough One, rank ${rankIn(published, 'A05')})`);
    expect(await page.locator('.pilot h3').textContent()).toBe('Pilot ward 1');
    expect(await page.locator('.legend-outlines').textContent()).toContain('Pilot ward');
    // Back to the ward the next test moves.
    await page.locator('#search').fill('');
    await page.keyboard.type('A05');
    await page.keyboard.press('Enter');
    await eventually(() => page.locator('#panel-title').textContent()).toBe('Echo');
  });

  it('moving a weight slider re-ranks with score() and the permalink reproduces it', async () => {
    const weights: WeightOverrides = { categories: { health: 0 } };
    const whatIf = score(prepared, { weights });
    const code = 'A05';
    expect(rankIn(whatIf, code)).not.toBe(rankIn(published, code)); // the fixture must make this a real check
    await page.locator('#w-categories-health').fill('0');
    await eventually(rankText).toBe(`Rank ${rankIn(whatIf, code)} of 10 · decile ${whatIf.decile[whatIf.areas.codes.indexOf(code)]}`);
    expect(await page.locator('.whatif-note').textContent()).toContain(`Published rank: ${rankIn(published, code)}`);
    // Every ward's rank on the page equals the engine's.
    const shown = await page.evaluate((codes) => codes.map((c) => window.__wardrank!.rankOf(c)), whatIf.areas.codes);
    expect(shown).toEqual(Array.from(whatIf.rank));
    expect(await page.locator('#timing').textContent()).toMatch(/^Re-ranked 10 wards in \d+\.\d ms/);
    // The "Highest priority" list follows the re-ranking.
    const order = Array.from(whatIf.rank, (r, i) => [r, i]).sort((a, b) => a[0] - b[0]).map(([, i]) => whatIf.areas.names[i]);
    expect(await page.locator('.top-list li button').allTextContents()).toEqual(order);
    const permalink = page.url();
    expect(permalink).toContain('wc=health:0');

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'map.png') });

    await page.goto('about:blank');
    await page.goto(permalink);
    await ready();
    await eventually(rankText).toBe(`Rank ${rankIn(whatIf, code)} of 10 · decile ${whatIf.decile[whatIf.areas.codes.indexOf(code)]}`);
    expect(await page.locator('#w-categories-health').inputValue()).toBe('0');

    await page.locator('#reset').click();
    await eventually(rankText).toBe(`Rank ${rankIn(published, code)} of 10 · decile ${published.decile[published.areas.codes.indexOf(code)]}`);
    expect(page.url()).not.toContain('wc=');
  });

  it('downloads the table as the same CSV as results.csv, and the map as a PNG', async () => {
    const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('#dl-csv').click()]);
    expect(csv.suggestedFilename()).toBe('wardrank-results.csv');
    expect(readFileSync((await csv.path())!, 'utf8')).toBe(readFileSync(join(outDir, 'results.csv'), 'utf8'));
    const [png] = await Promise.all([page.waitForEvent('download'), page.locator('#dl-png').click()]);
    const bytes = readFileSync((await png.path())!);
    expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    // IHDR width = the map canvas width in device pixels; height adds the caption strip.
    const canvas = (await page.locator('#map canvas').boundingBox())!;
    expect(bytes.readUInt32BE(16)).toBe(Math.round(canvas.width));
    expect(bytes.readUInt32BE(20)).toBeGreaterThan(Math.round(canvas.height));
  });

  it('works at 375 px wide: the ward panel is a bottom sheet and the controls open below the map', async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto('about:blank');
    await page.goto(`${origin}/#layer=index&ward=A05`);
    await ready();
    await eventually(rankText).toBe(`Rank ${rankIn(published, 'A05')} of 10 · decile ${published.decile[published.areas.codes.indexOf('A05')]}`);
    const sheet = (await page.locator('#panel').boundingBox())!;
    expect(sheet.width).toBe(375);
    expect(sheet.y + sheet.height).toBeCloseTo(740, 0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(await page.locator('#sidebar').isVisible()).toBe(false);
    await page.locator('#panel-close').click();
    await page.locator('#controls-toggle').click();
    expect(await page.locator('#controls-toggle').getAttribute('aria-expanded')).toBe('true');
    expect(await page.locator('#layer').isVisible()).toBe(true);
    await page.setViewportSize({ width: 1200, height: 800 });
  });

  it('made no request beyond 127.0.0.1 and logged no errors', () => {
    const outside = requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:') && !u.startsWith('blob:') && u !== 'about:blank');
    expect(outside).toEqual([]);
    expect(requests.some((u) => u.endsWith('/api/bundle'))).toBe(true);
    expect(errors).toEqual([]);
  });
});
