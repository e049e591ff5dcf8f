/**
 * `--out` never deletes or changes anything wardrank did not write (issue 17 §1). Each case
 * builds a scratch folder with the user's files, runs the real CLI and compares the SHA-256 of
 * every file (and the target of every symbolic link) before and after.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { writeDirAtomic } from '../../src/io/atomic.ts';
import { markerText } from '../../src/io/outputMarker.ts';

const BIN = resolve('bin/wardrank.js');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Every file and link under dir (dotfiles included): path → sha256 of the bytes, or the link's target. */
function snapshot(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = join(prefix, d.name);
    const abs = join(dir, rel);
    if (d.isSymbolicLink()) out[rel] = `link:${readlinkSync(abs)}`;
    else if (d.isDirectory()) Object.assign(out, { [rel + '/']: 'dir' }, snapshot(dir, rel));
    else out[rel] = sha(readFileSync(abs));
  }
  return out;
}

async function cli(...args: string[]): Promise<{ status: number; stderr: string }> {
  let stderr = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const e = vi
    .spyOn(process.stderr, 'write')
    .mockImplementation((c: string | Uint8Array) => ((stderr += String(c)), true));
  try {
    return { status: await runCli(['node', 'wardrank', ...args]), stderr };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

/** The real binary in `cwd` (for cases about the current folder and for concurrency). */
function spawnCli(
  cwd: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ status: number; stderr: string }> {
  return new Promise((res) => {
    const child = spawn('node', [BIN, ...args], {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    child.on('exit', (code) => res({ status: code ?? -1, stderr }));
  });
}

/** A scratch folder holding a copy of the small fixture at fw/. */
function scratch(): string {
  const root = mkdtempSync(join(tmpdir(), 'wardrank-out-'));
  cpSync('test/fixtures/small', join(root, 'fw'), { recursive: true });
  return root;
}

/** Every output the manifest lists is present with its recorded hash. */
function assertCompleteRun(out: string): void {
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
  expect(Object.keys(manifest.outputs).length).toBeGreaterThanOrEqual(7);
  for (const [name, hash] of Object.entries(manifest.outputs as Record<string, string>))
    expect(sha(readFileSync(join(out, name))), name).toBe(hash);
}

const debris = (dir: string) => readdirSync(dir).filter((f) => /^\..*\.(tmp-|old-|v-|link-|lock$|break$)/.test(f));

describe('--out refuses what wardrank did not write (exit 1, the path named, every file unchanged)', () => {
  it('a non-empty folder without the marker (mydocs/thesis.docx)', async () => {
    const root = scratch();
    mkdirSync(join(root, 'mydocs'));
    writeFileSync(join(root, 'mydocs/thesis.docx'), 'draft\n');
    const before = snapshot(root);
    const r = await cli('run', join(root, 'fw/framework.yaml'), '--out', join(root, 'mydocs'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(join(root, 'mydocs'));
    expect(r.stderr).toMatch(/did not write.*nothing was deleted/);
    expect(snapshot(root)).toEqual(before);
    // --force does not override for a folder that is not wardrank's
    expect((await cli('run', join(root, 'fw/framework.yaml'), '--out', join(root, 'mydocs'), '--force')).status).toBe(
      1,
    );
    expect(snapshot(root)).toEqual(before);
  });

  it('an existing regular file (report.xlsx)', async () => {
    const root = scratch();
    writeFileSync(join(root, 'report.xlsx'), 'PK\u0003\u0004 a workbook');
    const before = snapshot(root);
    const r = await cli('run', join(root, 'fw/framework.yaml'), '--out', join(root, 'report.xlsx'), '--force');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/report\.xlsx: exists and is not a folder \(a file\)/);
    expect(snapshot(root)).toEqual(before);
  });

  it('a relative symbolic link: neither the link nor its target is touched', async () => {
    const root = scratch();
    mkdirSync(join(root, 'keep/results'), { recursive: true });
    writeFileSync(join(root, 'keep/results/analysis.R'), 'x <- 1\n');
    mkdirSync(join(root, 'work'));
    symlinkSync('../keep/results', join(root, 'work/results'));
    const before = snapshot(root);
    const r = await cli('run', join(root, 'fw/framework.yaml'), '--out', join(root, 'work/results'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/work\/results: is a symbolic link/);
    expect(snapshot(root)).toEqual(before);
    // a link to a folder that wardrank wrote is refused too (never followed)
    expect((await cli('run', join(root, 'fw/framework.yaml'), '--out', join(root, 'keep/out'))).status).toBe(0);
    symlinkSync('../keep/out', join(root, 'work/out'));
    const before2 = snapshot(root);
    expect((await cli('run', join(root, 'fw/framework.yaml'), '--out', join(root, 'work/out'))).status).toBe(1);
    expect(snapshot(root)).toEqual(before2);
  });

  it('a marked folder with a file the user added; another command’s folder; --force replaces both', async () => {
    const root = scratch();
    const fw = join(root, 'fw/framework.yaml');
    const out = join(root, 'out');
    expect((await cli('run', fw, '--out', out)).status).toBe(0);
    writeFileSync(join(out, 'notes.txt'), 'mine\n');
    const before = snapshot(root);
    const r = await cli('run', fw, '--out', out);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/out: holds 1 entry wardrank did not write: notes\.txt/);
    expect(snapshot(root)).toEqual(before);
    const a = await cli('audit', fw, '--out', out);
    expect(a.status).toBe(1);
    expect(a.stderr).toMatch(/holds the outputs of `wardrank run`, not `audit`/);
    expect(snapshot(root)).toEqual(before);
    expect((await cli('run', fw, '--out', out, '--force')).status).toBe(0);
    expect(existsSync(join(out, 'notes.txt'))).toBe(false);
    assertCompleteRun(out);
  });
});

describe('--out places that are never an output folder (exit 2, even with --force)', () => {
  it('the framework folder, a folder containing it; an input file is refused as a file', async () => {
    const root = scratch();
    const before = snapshot(root);
    const file = await cli('run', join(root, 'fw/framework.yaml'), '--out', join(root, 'fw/wards.csv'), '--force');
    expect(file.status).toBe(1);
    expect(file.stderr).toMatch(/wards\.csv: exists and is not a folder/);
    for (const out of [join(root, 'fw'), root]) {
      const r = await cli('run', join(root, 'fw/framework.yaml'), '--out', out, '--force');
      expect(r.status, out).toBe(2);
      expect(r.stderr).toMatch(/is refused: it is (the folder of|a folder containing) an input/);
    }
    expect(snapshot(root)).toEqual(before);
  });

  it('the current folder ("$PWD", ".", ".."), "/", "" and the home folder', async () => {
    const root = scratch();
    mkdirSync(join(root, 'sub'));
    writeFileSync(join(root, 'sub/keep.txt'), 'keep\n');
    const before = snapshot(root);
    const fw = join(root, 'fw/framework.yaml');
    const cases: [string, RegExp][] = [
      [join(root, 'sub'), /the current folder/],
      ['.', /the current folder/],
      ['..', /a folder containing the current folder/],
      ['/', /the file-system root/],
      ['', /an empty path/],
      [process.env.HOME ?? '/root', /home folder|containing the current folder/],
    ];
    for (const [out, why] of cases) {
      const r = await spawnCli(join(root, 'sub'), ['run', fw, '--out', out, '--force']);
      expect(r.status, out).toBe(2);
      expect(r.stderr, out).toMatch(why);
      expect(r.stderr).not.toMatch(/internal error/);
    }
    expect(snapshot(root)).toEqual(before);
  });

  it('a parent that cannot be written (exit 2), when not running as root', async () => {
    if (process.getuid?.() === 0) return; // root may write anywhere: nothing to test
    const root = scratch();
    mkdirSync(join(root, 'ro'));
    chmodSync(join(root, 'ro'), 0o555);
    const r = await cli('run', join(root, 'fw/framework.yaml'), '--out', join(root, 'ro/out'));
    chmodSync(join(root, 'ro'), 0o755);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/is not writable/);
  });
});

describe('copies, sub-outputs, old layout, umask', () => {
  it('a moved and a copied output folder stay valid after the next run', async () => {
    const root = scratch();
    const fw = join(root, 'fw/framework.yaml');
    expect((await cli('run', fw, '--out', join(root, 'out'))).status).toBe(0);
    renameSync(join(root, 'out'), join(root, 'out-2025'));
    expect(spawnSync('cp', ['-a', join(root, 'out-2025'), join(root, 'out-copy')]).status).toBe(0);
    const moved = snapshot(join(root, 'out-2025'));
    const copied = snapshot(join(root, 'out-copy'));
    expect((await cli('run', fw, '--out', join(root, 'out'))).status).toBe(0);
    expect((await cli('run', fw, '--out', join(root, 'out'))).status).toBe(0);
    expect(snapshot(join(root, 'out-2025'))).toEqual(moved);
    expect(snapshot(join(root, 'out-copy'))).toEqual(copied);
    assertCompleteRun(join(root, 'out-2025'));
    assertCompleteRun(join(root, 'out-copy'));
    expect(lstatSync(join(root, 'out')).isDirectory()).toBe(true);
    expect(debris(root)).toEqual([]);
  });

  it('run --out out/london keeps out/london/robustness and out/london/pilots byte for byte', async () => {
    const root = scratch();
    const fw = join(root, 'fw/framework.yaml');
    const london = join(root, 'out/london');
    expect((await cli('run', fw, '--out', london)).status).toBe(0);
    expect(
      (await cli('robustness', fw, '--out', join(london, 'robustness'), '--runs', '16', '--no-sobol', '--workers', '1'))
        .status,
    ).toBe(0);
    const p = await cli(
      'pilots',
      fw,
      '--out',
      join(london, 'pilots'),
      '--k',
      '2',
      '--robustness',
      join(london, 'robustness'),
    );
    expect(p.status, p.stderr).toBe(0);
    const rob = snapshot(join(london, 'robustness'));
    const pil = snapshot(join(london, 'pilots'));
    expect(Object.keys(rob)).toContain('robustness.csv');
    expect(Object.keys(pil)).toContain('pilots.csv');
    expect((await cli('run', fw, '--out', london)).status).toBe(0);
    expect(snapshot(join(london, 'robustness'))).toEqual(rob);
    expect(snapshot(join(london, 'pilots'))).toEqual(pil);
    assertCompleteRun(london);
    expect(debris(join(root, 'out'))).toEqual([]);
    expect(debris(london)).toEqual([]);
  });

  it('an output of wardrank 0.1 (a link to .out.v-XXXXXX) becomes a real folder; the old version is left as it was', async () => {
    const root = scratch();
    const old = join(root, '.out.v-abc123');
    mkdirSync(old);
    writeFileSync(
      join(old, 'manifest.json'),
      JSON.stringify({ tool: { name: 'wardrank', version: '0.1.0' }, outputs: {} }),
    );
    writeFileSync(join(old, 'results.csv'), 'code,rank\n');
    symlinkSync('.out.v-abc123', join(root, 'out'));
    const before = snapshot(old);
    const r = await cli('run', join(root, 'fw/framework.yaml'), '--out', join(root, 'out'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/note: .*out was a link to \.out\.v-abc123/);
    expect(lstatSync(join(root, 'out')).isDirectory()).toBe(true);
    assertCompleteRun(join(root, 'out'));
    expect(snapshot(old)).toEqual(before);
  });

  it('the output folder’s mode follows the umask (no forced 0700)', async () => {
    const root = scratch();
    expect((await cli('run', join(root, 'fw/framework.yaml'), '--out', join(root, 'out'))).status).toBe(0);
    const umask = process.umask();
    expect(statSync(join(root, 'out')).mode & 0o777).toBe(0o777 & ~umask);
    expect(statSync(join(root, 'out/results.csv')).mode & 0o777).toBe(0o666 & ~umask);
  });
});

describe('concurrent runs and interrupted writes', () => {
  it('four runs on one --out at once: serialised by the lock, the result complete, no debris', async () => {
    const root = scratch();
    const runs = await Promise.all(
      [1, 2, 3, 4].map(() => spawnCli(root, ['run', 'fw/framework.yaml', '--out', 'out'])),
    );
    for (const r of runs) expect(r.stderr).not.toMatch(/internal error/);
    expect(runs.map((r) => r.status)).toEqual([0, 0, 0, 0]);
    assertCompleteRun(join(root, 'out'));
    expect(debris(root)).toEqual([]);
  });

  it('a lock held by a live process refuses (exit 1, naming it); a dead holder’s lock is taken over', async () => {
    const root = scratch();
    writeFileSync(
      join(root, '.out.lock'),
      JSON.stringify({ pid: process.pid, host: (await import('node:os')).hostname() }),
    );
    const held = await spawnCli(root, ['run', 'fw/framework.yaml', '--out', 'out'], { WARDRANK_LOCK_WAIT_MS: '0' });
    expect(held.status).toBe(1);
    expect(held.stderr).toMatch(new RegExp(`another wardrank process \\(pid ${process.pid}\\) is writing`));
    expect(existsSync(join(root, 'out'))).toBe(false);
    const dead = spawnSync('node', ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(
      join(root, '.out.lock'),
      JSON.stringify({ pid: Number(dead), host: (await import('node:os')).hostname() }),
    );
    expect((await spawnCli(root, ['run', 'fw/framework.yaml', '--out', 'out'])).status).toBe(0);
    expect(debris(root)).toEqual([]);
  });

  it('a failing build leaves the folder as it was and no temporary folder', async () => {
    const root = mkdtempSync(join(tmpdir(), 'wardrank-out-'));
    await writeDirAtomic(join(root, 'out'), (t) => writeFileSync(join(t, 'a.txt'), 'one'), { kind: 'test' });
    const before = snapshot(root);
    await expect(
      writeDirAtomic(
        join(root, 'out'),
        (t) => {
          writeFileSync(join(t, 'a.txt'), 'two');
          throw new Error('disk full');
        },
        { kind: 'test' },
      ),
    ).rejects.toThrow('disk full');
    expect(snapshot(root)).toEqual(before);
  });

  it('a swap cut between its renames (kill -9) is repaired by the next write: old folder restored, sub-outputs moved back', async () => {
    const root = mkdtempSync(join(tmpdir(), 'wardrank-out-'));
    // The state a kill leaves: out moved aside, the new folder (holding the carried sub-output) not yet renamed.
    const aside = join(root, '.out.old-1');
    mkdirSync(aside);
    writeFileSync(join(aside, '.wardrank-output'), markerText('test', '', ['a.txt']));
    writeFileSync(join(aside, 'a.txt'), 'old');
    const tmp = join(root, '.out.tmp-2');
    mkdirSync(join(tmp, 'robustness'), { recursive: true });
    writeFileSync(join(tmp, '.wardrank-output'), markerText('test', '', ['a.txt']));
    writeFileSync(join(tmp, 'a.txt'), 'new');
    writeFileSync(join(tmp, 'robustness/.wardrank-output'), markerText('robustness', '', ['r.csv']));
    writeFileSync(join(tmp, 'robustness/r.csv'), 'r');
    const sub = snapshot(join(tmp, 'robustness'));
    await writeDirAtomic(join(root, 'out'), (t) => writeFileSync(join(t, 'a.txt'), 'third'), { kind: 'test' });
    expect(readFileSync(join(root, 'out/a.txt'), 'utf8')).toBe('third');
    expect(snapshot(join(root, 'out/robustness'))).toEqual(sub);
    expect(debris(root)).toEqual([]);
  });
});
