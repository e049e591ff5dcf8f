/**
 * Crash safety and determinism of `wardrank run`:
 * - kill -9 at random moments during a run leaves the previous outputs or the new ones, complete
 *   (every file listed in the manifest present with its recorded SHA-256), never a mix;
 * - two runs with the same inputs and --reproducible give byte-identical files.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/main.ts';

const FRAMEWORK = 'test/fixtures/small/framework.yaml';
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function quietRun(...args: string[]): Promise<number> {
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    return await runCli(['node', 'wardrank', ...args]);
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

function filesOf(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? filesOf(dir, join(prefix, d.name)) : [join(prefix, d.name)],
  );
}

/** The folder is one complete run: every output the manifest lists, with its hash. Returns the run's marker. */
function assertComplete(out: string): string {
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
  for (const [name, hash] of Object.entries(manifest.outputs as Record<string, string>)) {
    expect(sha(readFileSync(join(out, name))), name).toBe(hash);
  }
  return manifest.framework.name;
}

describe('determinism', () => {
  it('two runs with the same inputs give byte-identical files', async () => {
    const root = mkdtempSync(join(tmpdir(), 'wardrank-det-'));
    expect(await quietRun('run', FRAMEWORK, '--out', join(root, 'a'), '--reproducible')).toBe(0);
    expect(await quietRun('run', FRAMEWORK, '--out', join(root, 'b'), '--reproducible')).toBe(0);
    const a = filesOf(join(root, 'a')).sort();
    expect(a).toEqual(filesOf(join(root, 'b')).sort());
    expect(a.length).toBeGreaterThanOrEqual(7);
    for (const f of a) expect(sha(readFileSync(join(root, 'b', f))), f).toBe(sha(readFileSync(join(root, 'a', f))));
  });
});

describe('crash safety', () => {
  it('kill -9 during run leaves the old outputs or the new ones, never a mix', async () => {
    const root = mkdtempSync(join(tmpdir(), 'wardrank-kill-'));
    // Two frameworks that differ only in name, so we can tell which run's outputs we see.
    const oldFw = join(root, 'old');
    const newFw = join(root, 'new');
    cpSync('test/fixtures/small', oldFw, { recursive: true });
    cpSync('test/fixtures/small', newFw, { recursive: true });
    const yaml = readFileSync(join(newFw, 'framework.yaml'), 'utf8').replace('name: Small fixture', 'name: New run');
    writeFileSync(join(newFw, 'framework.yaml'), yaml);
    const out = join(root, 'out');
    expect(await quietRun('run', join(oldFw, 'framework.yaml'), '--out', out)).toBe(0);
    expect(assertComplete(out)).toBe('Small fixture');

    // Kill at spread-out moments: early (loading), middle and late (writing, swapping).
    const seen = new Set<string>();
    for (const delayMs of [50, 400, 800, 1200, 1600, 2400, 3500]) {
      const child = spawn('node', ['bin/wardrank.js', 'run', join(newFw, 'framework.yaml'), '--out', out], {
        stdio: 'ignore',
      });
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      await new Promise((r) => setTimeout(r, delayMs));
      child.kill('SIGKILL');
      await exited;
      seen.add(assertComplete(out));
    }
    // And a run allowed to finish replaces the outputs completely.
    expect(await quietRun('run', join(newFw, 'framework.yaml'), '--out', out)).toBe(0);
    expect(assertComplete(out)).toBe('New run');
    // No temporary folders or stale locks survive a successful run; the output is a real folder.
    expect(readdirSync(root).filter((f) => f.startsWith('.out.'))).toEqual([]);
    expect([...seen].every((s) => s === 'Small fixture' || s === 'New run')).toBe(true);
  });
});
