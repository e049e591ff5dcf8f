/**
 * The package as a user gets it: `npm pack` (which runs the `prepack` and `prepare` scripts:
 * the map and the CLI build), installed from the tarball into an empty folder with the npm cache
 * only (`--offline`), then `npx wardrank validate`, `run`, `robustness` on two worker threads
 * (the worker script must come from the build: esbuild is a devDependency, not installed) and
 * `serve`, which must answer on 127.0.0.1 with the map and the API. The packages bundled into
 * dist/ (devDependencies, not installed) must work without an install and have their licences in
 * dist/THIRD-PARTY-NOTICES.md.
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'wardrank-pack-'));
const app = join(work, 'app');
const FIXTURE = join(work, 'small');
let tarball = '';

const npm = (args: string[], cwd: string) =>
  execFileSync('npm', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' },
  });
const wardrank = (args: string[]) =>
  execFileSync('npx', ['--offline', '--no-install', 'wardrank', ...args], {
    cwd: app,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });

beforeAll(() => {
  const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', work], ROOT)) as {
    filename: string;
    files: { path: string }[];
  }[];
  tarball = join(work, packed[0].filename);
  writeFileSync(join(work, 'files.json'), JSON.stringify(packed[0].files.map((f) => f.path)));
  cpSync(join(ROOT, 'test/fixtures/small'), FIXTURE, { recursive: true });
  mkdirSync(app);
  const spec = `file:${tarball}`;
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'wardrank-install-check', private: true, dependencies: { wardrank: spec } }),
  );
  writeFileSync(join(app, 'package-lock.json'), JSON.stringify(installLock(spec)));
  npm(['ci', '--offline'], app);
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

interface LockEntry {
  version?: string;
  dev?: boolean;
  dependencies?: Record<string, string>;
  [key: string]: unknown;
}

/**
 * The lockfile npm would write for an app depending on the tarball: wardrank's runtime packages
 * (every entry of this repository's lockfile not marked `dev`) at the same hoisted paths. It
 * lets `npm ci --offline` install from the npm cache alone (the cache holds the tarballs that
 * `npm ci` fetched here, but not the registry metadata a fresh resolution needs).
 */
function installLock(spec: string): object {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    lockfileVersion: number;
    packages: Record<string, LockEntry>;
  };
  const root = lock.packages[''];
  const packages: Record<string, LockEntry> = {
    '': { name: 'wardrank-install-check', dependencies: { wardrank: spec } },
    'node_modules/wardrank': {
      version: root.version,
      resolved: spec,
      license: root.license,
      dependencies: root.dependencies,
      bin: root.bin,
      engines: root.engines,
    },
  };
  for (const [path, entry] of Object.entries(lock.packages))
    if (path.startsWith('node_modules/') && !entry.dev) packages[path] = entry;
  return { name: 'wardrank-install-check', lockfileVersion: lock.lockfileVersion, requires: true, packages };
}

describe('npm pack + install into an empty folder', () => {
  it('ships the build, the map and the docs, and no sources, tests or data', async () => {
    const files = (await import(join(work, 'files.json'), { with: { type: 'json' } })).default as string[];
    expect(files).toContain('bin/wardrank.js');
    expect(files).toContain('bin/package.json'); // makes the bin CommonJS
    expect(files).toContain('dist/cli.cjs');
    expect(files).toContain('dist/actions/validate.js');
    expect(files).toContain('dist/worker.js');
    expect(files).toContain('web/dist/index.html');
    expect(files).toContain('package.json');
    expect(files.filter((f) => /^(src|test|bench|data|scripts|notebooks)\//.test(f))).toEqual([]);
    const installed = join(app, 'node_modules');
    expect(existsSync(join(installed, 'wardrank/dist/cli.cjs'))).toBe(true);
    // build-time packages are not installed with it
    for (const dev of ['tsx', 'esbuild', 'maplibre-gl', 'vite', '@turf/turf'])
      expect(existsSync(join(installed, dev)), dev).toBe(false);
  });

  it('ships the licence of each package bundled into dist/, which is not installed', async () => {
    const files = (await import(join(work, 'files.json'), { with: { type: 'json' } })).default as string[];
    expect(files).toContain('dist/THIRD-PARTY-NOTICES.md');
    // the packages whose files the build bundled (esbuild's list of inputs)
    const meta = JSON.parse(readFileSync(join(ROOT, 'dist/meta.json'), 'utf8')) as { inputs: Record<string, unknown> };
    const bundled = [
      ...new Set(Object.keys(meta.inputs).flatMap((i) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(i)?.[1] ?? [])),
    ].sort();
    expect(bundled).toEqual(['commander', 'js-yaml', 'zod']);
    const notices = readFileSync(join(app, 'node_modules/wardrank/dist/THIRD-PARTY-NOTICES.md'), 'utf8');
    for (const name of bundled) {
      const pkg = JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as {
        version: string;
        license: string;
      };
      expect(notices).toContain(`## ${name} ${pkg.version} (${pkg.license})`);
      const licence = readFileSync(join(ROOT, 'node_modules', name, 'LICENSE'), 'utf8').trim();
      expect(notices).toContain(licence);
      expect(existsSync(join(app, 'node_modules', name)), name).toBe(false);
    }
  });

  it('validate, run and robustness (2 worker threads) work from the installed package', () => {
    expect(wardrank(['--version']).trim()).toBe(JSON.parse(npm(['pkg', 'get', 'version'], ROOT)));
    expect(wardrank(['validate', join(FIXTURE, 'framework.yaml')])).toMatch(/^ok: Small fixture: \d+ areas/);
    const out = join(work, 'out');
    expect(wardrank(['run', join(FIXTURE, 'framework.yaml'), '--out', out])).toContain('results.csv');
    expect(readdirSync(out)).toEqual(expect.arrayContaining(['results.csv', 'results.arrow', 'manifest.json']));
    const rob = wardrank([
      'robustness',
      join(FIXTURE, 'framework.yaml'),
      '--runs',
      '200',
      '--workers',
      '2',
      '--no-sobol',
      '--out',
      join(work, 'rob'),
    ]);
    expect(rob).toMatch(/on 2 thread\(s\)/);
  });

  it('serve answers on 127.0.0.1 with the map and the API', async () => {
    const child = spawn(
      'npx',
      ['--offline', '--no-install', 'wardrank', 'serve', join(FIXTURE, 'framework.yaml'), '--port', '0'],
      { cwd: app, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
    const exited = new Promise((ok) => child.on('exit', ok));
    try {
      const url = await new Promise<string>((ok, fail) => {
        let out = '';
        child.stdout.on('data', (c) => {
          out += c;
          const m = /(http:\/\/\S+\/)/.exec(out);
          if (m) ok(m[1]);
        });
        child.on('exit', (code) => fail(new Error(`serve exited ${code}`)));
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<html');
      const fw = await fetch(`${url}api/framework`);
      expect(fw.status).toBe(200);
      expect(((await fw.json()) as { name: string }).name).toBe('Small fixture');
    } finally {
      // npx runs wardrank in a child process: end the whole group
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    }
  });
});
