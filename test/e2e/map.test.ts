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
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { runCli } from '../../src/cli/main.ts';
import { loadSource } from '../../src/server/source.ts';
import { loadFramework } from '../../src/io/loadFramework.ts';
import { resultsCsv, writeOutputs } from '../../src/io/writeOutputs.ts';
import { decileClasses } from '../../web/src/classify.ts';
import { formatCsv } from '../../src/io/csv.ts';
import { prepare, score, type WeightOverrides } from '../../src/core/run.ts';
import type { Result } from '../../src/core/types.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const WEB_DIST = join(ROOT, 'web/dist');
const FRAMEWORK = join(ROOT, 'test/fixtures/small/framework.yaml');
/**
 * The real 2018-ward London index, served beside the fixture
 * under /london-2018/ (names for search, the City, boroughs).
 */
const LONDON = join(ROOT, 'data/london-2018/framework.yaml');
const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');
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
  const londonLoaded = loadFramework(LONDON);
  const londonPrepared = prepare(londonLoaded.framework, londonLoaded.inputs);
  const london = score(londonPrepared);
  let londonPage: Page;
  let londonPlan: any;

  beforeAll(async () => {
    await ensureBuilt();
    profile = mkdtempSync(join(tmpdir(), 'wardrank-e2e-'));
    const out = (outDir = join(profile, 'out'));
    await writeOutputs(prepared, published, loaded, out, { reproducible: true });
    const a = published.areas;
    const t = a.codes.indexOf(top);
    writeFileSync(
      join(out, 'pilots.csv'),
      formatCsv(
        ['pilot', 'code', 'name', 'borough_code', 'borough_name', 'rank', 'decile', 'index', 'reason'],
        [
          [
            1,
            top,
            a.names[t],
            a.parentCodes[a.parent[t]],
            a.parentNames[a.parent[t]],
            1,
            1,
            published.index[t],
            SYNTHETIC_REASON,
          ],
        ],
      ),
    );
    writeFileSync(
      join(out, 'comparisons.csv'),
      formatCsv(
        ['pilot_code', 'code', 'name', 'borough_name', 'distance', 'rank'],
        [[top, 'A05', 'Echo', 'Borough One', 0.5, rankIn(published, 'A05')]],
      ),
    );
    writeFileSync(
      join(out, 'robustness.csv'),
      formatCsv(
        ['code', 'name', 'nominal_rank', 'median_rank', 'p05_rank', 'p95_rank', 'p_top_k', 'p_top_decile'],
        [['A05', 'Echo', 4, 4, 3, 6, 0.25, 0.1]],
      ),
    );
    // The London 2018 output, with a SYNTHETIC robustness table (two rows, made up here to
    // check that an unranked ward shows no interval and a ranked one a verdict).
    const londonOut = join(profile, 'london-2018');
    await writeOutputs(londonPrepared, london, londonLoaded, londonOut, { reproducible: true });
    // A real pilot selection with its evaluation plan (monthly_crime.csv is declared in the framework).
    const pilotsExit = await runCli([
      'node',
      'wardrank',
      'pilots',
      LONDON,
      '--k',
      '2',
      '--max-per-borough',
      '1',
      '--comparisons',
      '2',
      '--out',
      join(londonOut, 'pilots'),
    ]);
    if (pilotsExit !== 0) throw new Error(`wardrank pilots exited ${pilotsExit}`);
    londonPlan = JSON.parse(readFileSync(join(londonOut, 'pilots/evaluation-plan.json'), 'utf8'));
    writeFileSync(
      join(londonOut, 'robustness.csv'),
      formatCsv(
        ['code', 'name', 'nominal_rank', 'median_rank', 'p05_rank', 'p95_rank', 'p_top_k', 'p_top_decile'],
        [
          ['E05009297', 'City of London', '', 5, 2, 9, 0.5, 0.5],
          ['E05000420', 'Coldharbour', 4, 5, 1.4, 12.2, 0.6, 1],
        ],
      ),
    );
    app = buildApp(loadSource(out), {
      webRoot: WEB_DIST,
      log: (line) => errors.push(`server: ${line}`),
      also: [{ id: 'london-2018', source: loadSource(londonOut) }],
    });
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
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--enable-unsafe-swiftshader',
      ],
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
    await eventually(() => page.locator('.legend-classes li .count').allTextContents()).toEqual([
      '1',
      '1',
      '1',
      '1',
      '1',
      '1',
      '1',
      '1',
      '1',
      '1',
      '0',
    ]);

    const code = 'A05';
    const expected = rankIn(published, code);
    const point = await page.evaluate((c) => window.__wardrank!.screenPoint(c), code);
    expect(point).not.toBeNull();
    const box = (await page.locator('#map').boundingBox())!;
    await page.mouse.move(box.x + point![0], box.y + point![1]);
    await eventually(() => page.locator('.ward-tip').textContent()).toBe(`Echo · Borough One · rank ${expected}`);
    await page.mouse.click(box.x + point![0], box.y + point![1]);
    await eventually(rankText).toBe(
      `Rank ${expected} of 10 · decile ${published.decile[published.areas.codes.indexOf(code)]}`,
    );
    expect(await page.locator('#panel-title').textContent()).toBe('Echo');
    expect(page.url()).toContain('ward=A05');
    // Contributions (effective weight × score): deprivation ½·75 = 37.5, violence ½·⅔·50 ≈ 16.7,
    // weapons ½·⅓·0 = 0 (not a push).
    // Shares of the index 54.17: 37.5 / 54.17 = 69 %, 16.67 / 54.17 = 31 %.
    expect(await page.locator('.why').textContent()).toBe(
      'Pushed up most by: Deprivation +37.5 (69 % of the index); Violence +16.7 (31 % of the index).',
    );
    // Percentile of Echo's Violence score, 50 = (violence rate 40 + robbery 60) / 2 on 0–100: the other
    // wards' are 50, 5, 35, 25, 65, 50, 50, 45, 85, of which 4 are strictly lower → 4 / 9 = 44 %.
    expect(await page.locator('.bar-measure[data-id=violence] .bar-pct').textContent()).toBe(
      'higher than 44 % of all wards',
    );
    // Blade offences is a proxy indicator, so its measure (Weapons) carries a proxy badge.
    expect(await page.locator('.bar-measure[data-id=weapons] .badges').textContent()).toContain('proxy');
    // The (synthetic) robustness row: interval 3–6 is wider than ⌈10/10⌉ = 1 place, so uncertain.
    expect(await page.locator('[data-testid=verdict]').textContent()).toBe(
      'Uncertain: ranked between 3 and 6 in 90 % of the robustness runs.',
    );
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
    expect(await page.locator('.pilot').textContent()).toContain(
      `Echo (Borough One, rank ${rankIn(published, 'A05')}, distance 0.5)`,
    );
    // The synthetic selection has no balance.csv: the panel says so rather than calling the wards alike.
    expect(await page.locator('.pilot').textContent()).toContain('has no balance table (balance.csv)');
    expect(await page.locator('.pilot h3').textContent()).toBe('Pilot ward 1');
    expect(await page.locator('.legend-outlines').textContent()).toContain('Pilot ward');
    // Compare the pilot with its comparison ward, side by side.
    await page.locator('#compare-open').click();
    await eventually(() => page.locator('[data-testid=compare-table] thead th').allTextContents()).toEqual([
      published.areas.names[t],
      'Echo',
    ]);
    expect(await page.locator('[data-testid=compare-table] tbody tr').nth(1).locator('td').allTextContents()).toEqual([
      '1 of 10',
      `${rankIn(published, 'A05')} of 10`,
    ]);
    await page.keyboard.press('Escape');
    await eventually(() => page.locator('#compare-dialog').isVisible()).toBe(false);
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
    await eventually(rankText).toBe(
      `Rank ${rankIn(whatIf, code)} of 10 · decile ${whatIf.decile[whatIf.areas.codes.indexOf(code)]}`,
    );
    expect(await page.locator('.whatif-note').textContent()).toContain(`Published rank: ${rankIn(published, code)}`);
    // Every ward's rank on the page equals the engine's.
    const shown = await page.evaluate((codes) => codes.map((c) => window.__wardrank!.rankOf(c)), whatIf.areas.codes);
    expect(shown).toEqual(Array.from(whatIf.rank));
    expect(await page.locator('#timing').textContent()).toMatch(/^Re-ranked 10 wards in \d+\.\d ms/);
    // The "Highest priority" list follows the re-ranking.
    const order = Array.from(whatIf.rank, (r, i) => [r, i])
      .sort((a, b) => a[0] - b[0])
      .map(([, i]) => whatIf.areas.names[i]);
    expect(await page.locator('.top-list li button').allTextContents()).toEqual(order);
    const permalink = page.url();
    expect(permalink).toContain('wc=health:0');

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'map.png') });

    await page.goto('about:blank');
    await page.goto(permalink);
    await ready();
    await eventually(rankText).toBe(
      `Rank ${rankIn(whatIf, code)} of 10 · decile ${whatIf.decile[whatIf.areas.codes.indexOf(code)]}`,
    );
    expect(await page.locator('#w-categories-health').inputValue()).toBe('0');

    await page.locator('#reset').click();
    await eventually(rankText).toBe(
      `Rank ${rankIn(published, code)} of 10 · decile ${published.decile[published.areas.codes.indexOf(code)]}`,
    );
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
    await eventually(rankText).toBe(
      `Rank ${rankIn(published, 'A05')} of 10 · decile ${published.decile[published.areas.codes.indexOf('A05')]}`,
    );
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

  it('a what-if view is marked in the banner, legend, PNG caption and name, and the CSV first row', async () => {
    await page.goto('about:blank');
    await page.goto(`${origin}/#layer=index&ward=A05`);
    await ready();
    expect(await page.locator('#whatif-banner').isVisible()).toBe(false);
    await page.locator('#w-categories-health').fill('0');
    await eventually(() => page.locator('#banner-text').textContent()).toBe(
      'What-if view, not the published index. Your weights: Public health 0 (published 1).',
    );
    expect(await page.locator('#legend-title').textContent()).toBe(
      'WHAT-IF weights, not the published index: Priority index',
    );
    const today = new Date().toISOString().slice(0, 10);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('#dl-csv').click()]);
    expect(csv.suggestedFilename()).toBe(`wardrank-results-WHATIF-${today}.csv`);
    const text = readFileSync((await csv.path())!, 'utf8');
    const [first, ...rest] = text.split('\n');
    expect(first).toBe(
      `"# WHAT-IF, not the published index: weights changed from the published run (Public health 0 (published 1)); computed in the browser on ${today}"`,
    );
    // Below the marking row: exactly the CLI's results table for these weights.
    expect(rest.join('\n')).toBe(resultsCsv(score(prepared, { weights: { categories: { health: 0 } } })));
    const [png] = await Promise.all([page.waitForEvent('download'), page.locator('#dl-png').click()]);
    expect(png.suggestedFilename()).toBe(`wardrank-WHATIF-index-${today}.png`);
    const caption = await page.evaluate(() => window.__wardrank!.lastPngCaption!);
    expect(caption[0]).toBe('Small fixture: WHAT-IF weights, not the published index: Priority index');
    expect(caption.join(' ')).toContain(
      `Weights used (${today}): Public health 0 (published 1). Other weights as published.`,
    );
    // All weights at zero: nothing is ranked, and the page says so.
    await page.locator('#w-categories-crime').fill('0');
    await eventually(() => page.locator('#timing').textContent()).toMatch(
      /^Nothing to rank: with these weights every category/,
    );
    expect(await page.locator('#banner-text').textContent()).toContain('Nothing to rank');
    await page.locator('#banner-reset').click();
    await eventually(() => page.locator('#whatif-banner').isVisible()).toBe(false);
    expect(await page.locator('#legend-title').textContent()).toBe('Priority index');
  });

  it('clamps a permalink weight outside the slider range and says so', async () => {
    await page.goto('about:blank');
    await page.goto(`${origin}/#layer=index&ward=A05&wc=health:50`);
    await ready();
    const clamped = score(prepared, { weights: { categories: { health: 5 } } });
    expect(await page.locator('#w-categories-health').inputValue()).toBe('5');
    expect(await page.locator('#weight-notice').textContent()).toContain(
      "The link's weight 50 for Public health is outside the slider range 0–5; 5 is used instead.",
    );
    await eventually(rankText).toBe(
      `Rank ${rankIn(clamped, 'A05')} of 10 · decile ${clamped.decile[clamped.areas.codes.indexOf('A05')]}`,
    );
    const shown = await page.evaluate((codes) => codes.map((c) => window.__wardrank!.rankOf(c)), clamped.areas.codes);
    expect(shown).toEqual(Array.from(clamped.rank));
    expect(page.url()).toContain('wc=health:5');
    expect(page.url()).not.toContain('health:50');
  });

  it('sorts, filters and exports the full ranking table', async () => {
    await page.goto('about:blank');
    await page.goto(`${origin}/`);
    await ready();
    await page.locator('#open-table').click();
    const names = () => page.locator('table.ranking tbody th').allTextContents();
    const byRank = Array.from(published.rank, (r, i) => [r, i])
      .sort((a, b) => a[0] - b[0])
      .map(([, i]) => published.areas.names[i]);
    await eventually(names).toEqual(byRank);
    await page.locator('button.sort[data-key=name]').click();
    expect(await names()).toEqual([...published.areas.names].sort((a, b) => a.localeCompare(b)));
    expect(await page.locator('th[aria-sort=ascending]').textContent()).toContain('Ward');
    // Keyboard: the sort button keeps focus; Enter on it reverses the order.
    await page.keyboard.press('Enter');
    expect(await names()).toEqual([...published.areas.names].sort((a, b) => b.localeCompare(a)));
    await page.locator('#table-filter').fill('borough two');
    await eventually(names).toEqual(['Juliet', 'India', 'Hotel', 'Golf', 'Foxtrot']);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('#table-csv').click()]);
    const lines = readFileSync((await csv.path())!, 'utf8')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('Rank,Ward,Code,Borough,Index,Decile,Violent crime,Public health,How sure');
    expect(lines.slice(1).map((l) => l.split(',')[1])).toEqual(['Juliet', 'India', 'Hotel', 'Golf', 'Foxtrot']);
    await page.keyboard.press('Escape');
    expect(await page.locator('#table-dialog').isVisible()).toBe(false);
  });

  it('serves a printable ward report; Chromium prints it to a one-page PDF with the name and rank', async () => {
    const report = await context.newPage();
    const rank = rankIn(published, 'A05');
    await report.goto(`${origin}/report/A05`);
    expect(await report.locator('h1').textContent()).toBe('Echo');
    expect(await report.locator('[data-testid=report-rank]').textContent()).toBe(
      `Rank ${rank} of 10 · decile ${published.decile[published.areas.codes.indexOf('A05')]}`,
    );
    await report.emulateMedia({ media: 'print' });
    const pdf = await report.pdf({ format: 'A4' });
    await report.close();
    const latin = pdf.toString('latin1');
    expect(latin.startsWith('%PDF-')).toBe(true);
    expect(latin.match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
    // Chromium writes the page title into the PDF's Info dictionary: a literal string (ASCII,
    // with \( \) escapes) or UTF-16BE hex.
    const literal = /\/Title\s*\(((?:\\.|[^\\)])*)\)/.exec(latin)?.[1];
    const hex = /\/Title\s*<FEFF([0-9A-F]+)>/i.exec(latin)?.[1];
    const title =
      literal !== undefined
        ? literal.replace(/\\(.)/g, '$1')
        : Buffer.from(hex ?? '', 'hex')
            .swap16()
            .toString('utf16le');
    expect(title).toBe(`Echo (Borough One), rank ${rank} of 10: ward report, Small fixture`);
  });

  describe('the London 2018 index served beside it (/london-2018/)', () => {
    const londonReady = async () =>
      londonPage.waitForFunction(() => window.__wardrankReady === true, null, { timeout: 60_000 });
    const options = () => londonPage.locator('#search-list [role=option]').allTextContents();

    it('lists both indexes in the index switch', async () => {
      londonPage = await context.newPage();
      londonPage.on('request', (r) => requests.push(r.url()));
      londonPage.on('pageerror', (e) => errors.push(`london page: ${e.message}`));
      await londonPage.goto(`${origin}/london-2018/#ward=E05009297`);
      await londonReady();
      expect(await londonPage.locator('#index-select option').allTextContents()).toEqual([
        'Small fixture (current)',
        london.framework.name,
      ]);
      expect(await londonPage.locator('#index-select').inputValue()).toBe('london-2018/');
    });

    it('the City of London panel says "Not ranked" with no drivers and no rank interval', async () => {
      await eventually(() => londonPage.locator('[data-testid=ward-rank]').textContent()).toBe('Not ranked');
      expect(await londonPage.locator('#panel-title').textContent()).toBe('City of London');
      expect(await londonPage.locator('.not-ranked').textContent()).toMatch(/^No index: no data for /);
      expect(await londonPage.locator('.why').count()).toBe(0);
      expect(await londonPage.locator('.robustness').count()).toBe(0); // its synthetic robustness row is not shown
    });

    it('search tolerates punctuation, case and typos, and lists every match', async () => {
      await londonPage.locator('#search').fill('st leonards');
      await eventually(options).toContain("St. Leonard's Lambeth · E05000428");
      await londonPage.locator('#search').fill('coldharbor');
      const hits = await (async () => {
        await eventually(options).toContain('Coldharbour Lambeth · E05000420');
        return options();
      })();
      expect(hits).toContain('Coldharbour and New Eltham Greenwich · E05000217');
      await londonPage.locator('#search').fill('lambeth');
      await eventually(options).toContain('Lambeth borough');
      // Every Lambeth ward is listed, after the borough itself.
      const lambeth = london.areas.codes.filter(
        (_, i) => london.areas.parentNames[london.areas.parent[i]] === 'Lambeth',
      ).length;
      expect((await options()).length).toBe(1 + lambeth);
    });

    it('keyboard route: search → Enter → focus in the panel → Escape closes it and returns to the search', async () => {
      await londonPage.locator('#search').fill('');
      await londonPage.locator('#search').focus();
      await londonPage.keyboard.type('coldharbor');
      await eventually(options).toContain('Coldharbour Lambeth · E05000420');
      await londonPage.keyboard.press('ArrowDown');
      await londonPage.keyboard.press('Enter');
      await eventually(() => londonPage.locator('#panel-title').textContent()).toBe('Coldharbour');
      await eventually(() => londonPage.evaluate(() => document.activeElement?.id)).toBe('panel-title');
      const r = london.rank[london.areas.codes.indexOf('E05000420')];
      expect(await londonPage.locator('[data-testid=ward-rank]').textContent()).toBe(
        `Rank ${r} of ${london.rank.filter((x) => x === x).length} · decile 1`,
      );
      // Synthetic interval 1.4–12.2 → whole ranks 1–13, width 12 ≤ ⌈632/10⌉ = 64: stable.
      expect(await londonPage.locator('[data-testid=verdict]').textContent()).toBe(
        'Stable: ranked between 1 and 13 in 90 % of the robustness runs.',
      );
      await londonPage.keyboard.press('Escape');
      await eventually(() => londonPage.locator('#panel').isVisible()).toBe(false);
      expect(await londonPage.evaluate(() => document.activeElement?.id)).toBe('search');
    });

    it("shows a pilot's evaluation design and donors, and a donor's role (real pilots run)", async () => {
      const first = londonPlan.pilots[0];
      const donors = first.weights
        .filter((w: { weight: number }) => w.weight > 0)
        .sort((a: { weight: number }, b: { weight: number }) => b.weight - a.weight);
      await londonPage.goto(`${origin}/london-2018/#ward=${first.pilot.code}`);
      await eventually(() => londonPage.locator('#panel-title').textContent()).toBe(first.pilot.name);
      const text = (await londonPage.locator('[data-testid=evaluation]').textContent()) ?? '';
      expect(londonPlan.design).toBe('synthetic-control');
      expect(text).toContain('Evaluation design: synthetic control');
      expect(text).toContain(
        `Primary outcome: ${londonPlan.outcomes.primary} counts per month, ${londonPlan.outcomes.months[0]} to ${londonPlan.outcomes.months[1]}`,
      );
      expect(text).toContain(
        `Synthetic-control donors (weights): ${donors
          .slice(0, 5)
          .map((d: { name: string; weight: number }) => `${d.name} ${(100 * d.weight).toFixed(0)} %`)
          .join(', ')}`,
      );
      expect(text).not.toContain('like it in its needs');
      // The top donor's panel (chosen through the search) names the pilot it serves and its weight.
      await londonPage.locator('#search').fill(donors[0].name);
      await eventually(() => londonPage.locator('#search-list [role=option]').first().textContent()).toContain(
        donors[0].code,
      );
      await londonPage.locator('#search').press('ArrowDown');
      await londonPage.locator('#search').press('Enter');
      await eventually(() => londonPage.locator('#panel-title').textContent()).toBe(donors[0].name);
      expect(await londonPage.locator('[data-testid=evaluation]').textContent()).toContain(
        `Synthetic-control donor for pilot ${first.pilot.name} (weight ${(100 * donors[0].weight).toFixed(0)} %`,
      );
    });

    it('shows the borough layer from the boroughs summary, and filters to a borough', async () => {
      await londonPage.locator('#layer').selectOption('borough:top_decile_share');
      await eventually(() => londonPage.locator('#legend-title').textContent()).toBe(
        'Boroughs: share of wards in the top decile',
      );
      // The legend counts boroughs per class: deciles of top_decile_share over the boroughs, as boroughs.csv has it.
      const expected = new Array<number>(11).fill(0);
      for (const k of decileClasses(london.boroughs.map((b) => b.topDecileShare))) expected[k]++;
      const counts = (await londonPage.locator('.legend-classes li .count').allTextContents()).map(Number);
      expect(counts).toEqual([...expected.slice(1), expected[0]]);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(london.boroughs.length);
      // The uncertainty layer: P(top decile) of the two SYNTHETIC robustness rows (0.5 and 1):
      // ranks 1 and 2 of N = 2 < 10 → deciles 1 + round(9·0/1) = 1
      // and 1 + round(9·1/1) = 10; the other wards have no value.
      await londonPage.locator('#layer').selectOption('robust:p_top_decile');
      await eventually(() => londonPage.locator('#legend-title').textContent()).toBe(
        'How sure: share of robustness runs in the top decile (published weights)',
      );
      expect((await londonPage.locator('.legend-classes li .count').allTextContents()).map(Number)).toEqual([
        1,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        1,
        london.areas.codes.length - 2,
      ]);
      await londonPage.locator('#layer').selectOption('index');
      await londonPage.locator('#borough-filter').selectOption({ label: 'Lambeth' });
      await eventually(() => londonPage.locator('#top-title').textContent()).toBe(
        'Highest priority in Lambeth: top 10 (London ranks)',
      );
      const lambethTop = london.areas.codes
        .map((_, i) => i)
        .filter(
          (i) => london.areas.parentNames[london.areas.parent[i]] === 'Lambeth' && london.rank[i] === london.rank[i],
        )
        .sort((a, b) => london.rank[a] - london.rank[b])
        .slice(0, 10)
        .map((i) => london.areas.names[i]);
      expect(await londonPage.locator('.top-list li button').allTextContents()).toEqual(lambethTop);
      expect(londonPage.url()).toContain('borough=E09000022');
    });

    it('has no serious or critical axe-core violations (London page with a ward open, fixture page, ranking table)', async () => {
      const axeSource = readFileSync(AXE, 'utf8');
      const audit = async (p: Page) => {
        // Evaluated through the DevTools protocol: the page's CSP (rightly) refuses inline scripts.
        await p.evaluate(axeSource);
        return p.evaluate(async () => {
          const axe = (
            window as unknown as {
              axe: {
                run(
                  ctx: unknown,
                  o: unknown,
                ): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }>;
              };
            }
          ).axe;
          const r = await axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
          });
          return r.violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
        });
      };
      await londonPage.locator('#search').fill('');
      await londonPage.locator('#search').focus();
      await londonPage.keyboard.type('coldharbour');
      await londonPage.keyboard.press('Enter');
      await eventually(() => londonPage.locator('#panel-title').textContent()).toBe('Coldharbour');
      expect(await audit(londonPage)).toEqual([]);
      await page.goto('about:blank');
      await page.goto(`${origin}/#ward=A05&wc=health:2`);
      await ready();
      await eventually(rankText).toMatch(/^Rank /);
      expect(await audit(page)).toEqual([]);
      await page.locator('#open-table').click();
      expect(await audit(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await londonPage.close();
    });
  });

  it('made no request beyond 127.0.0.1 and logged no errors', () => {
    const outside = requests.filter(
      (u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:') && !u.startsWith('blob:') && u !== 'about:blank',
    );
    expect(outside).toEqual([]);
    expect(requests.some((u) => u.endsWith('/api/bundle'))).toBe(true);
    expect(errors).toEqual([]);
  });
});
