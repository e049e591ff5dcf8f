/**
 * `wardrank serve` as a user runs it: it prints the URL (bound to 127.0.0.1 unless --host),
 * answers, and closes cleanly on SIGTERM or SIGINT (exit 0); bad arguments are usage errors.
 * (Each spawn costs a CLI start-up, so each run checks several things.)
 */
import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { tcpPort } from '../../src/cli/commands/serve.ts';
import { FRAMEWORK, makeWebRoot } from './helpers.ts';

function startServe(args: string[]): Promise<{ url: string; child: ReturnType<typeof spawn>; stderr: () => string }> {
  const child = spawn('node', ['bin/wardrank.js', 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (c) => (err += c));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (c) => {
      out += c;
      const m = /(http:\/\/\S+\/)/.exec(out);
      if (m) resolve({ url: m[1], child, stderr: () => err });
    });
    child.on('exit', (code) => reject(new Error(`exited ${code} before printing a URL: ${err}`)));
  });
}

const exitCode = (child: ReturnType<typeof spawn>) =>
  new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

describe('wardrank serve', () => {
  it('prints a 127.0.0.1 URL, serves the API and the map, and closes on SIGTERM with exit 0', async () => {
    const { url, child, stderr } = await startServe([FRAMEWORK, '--port', '0', '--web', makeWebRoot().root]);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const fw = await fetch(`${url}api/framework`);
    expect(fw.status).toBe(200);
    expect((await fw.json()).name).toBe('Small fixture');
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const exited = exitCode(child);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr()).toContain('SIGTERM: closing');
  });

  it('without a map build: warns, / is 503, the API answers; SIGINT closes with exit 0', async () => {
    const { url, child, stderr } = await startServe([
      FRAMEWORK,
      '--port',
      '0',
      '--web',
      makeWebRoot({ index: false }).root,
    ]);
    expect((await fetch(url)).status).toBe(503);
    expect((await fetch(`${url}api/wards`)).status).toBe(200);
    const exited = exitCode(child);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stderr()).toMatch(/no map build in .*: run `npm run build:web`/);
    expect(stderr()).toContain('SIGINT: closing');
  });

  it('usage errors exit 2, bad input exits 1 with the file named', () => {
    const run = (...args: string[]) => spawnSync('node', ['bin/wardrank.js', 'serve', ...args], { encoding: 'utf8' });
    const port = run(FRAMEWORK, '--port', 'eighty');
    expect(port.status).toBe(2);
    expect(port.stderr).toContain('--port must be a whole number from 0 to 65535, got "eighty"');
    const missing = run('test/fixtures/small/nope.yaml');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('test/fixtures/small/nope.yaml: not found');
    expect(tcpPort('0')).toBe(0);
    expect(tcpPort('65535')).toBe(65535);
    for (const bad of ['65536', '-1', '80.5', '', '0x50']) expect(() => tcpPort(bad), bad).toThrow(/--port must be/);
  });
});
