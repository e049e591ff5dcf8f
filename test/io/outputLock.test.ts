import {
  existsSync,
  lstatSync,
  lutimesSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireOutputLock, breakStaleLock, lockPath } from '../../src/io/outputLock.ts';

const scratch = () => mkdtempSync(join(tmpdir(), 'wardrank-lock-'));
const lockText = (pid: number) => JSON.stringify({ pid, host: hostname(), started: '2026-01-01T00:00:00.000Z' }) + '\n';

describe('breakStaleLock', () => {
  it('deletes the lock when it still holds what was judged stale, and leaves no break lock', () => {
    const path = join(scratch(), '.out.lock');
    writeFileSync(path, lockText(2 ** 22 + 1));
    expect(breakStaleLock(path, lockText(2 ** 22 + 1))).toBe(true);
    expect(existsSync(path)).toBe(false);
    expect(existsSync(`${path}.break`)).toBe(false);
  });

  it('leaves a lock that changed since it was judged stale: another waiter took it over and it is live', () => {
    // The race it closes: A and B both judge the dead holder's lock stale; A deletes it and
    // creates its own; B must not then delete A's live lock.
    const path = join(scratch(), '.out.lock');
    writeFileSync(path, lockText(process.pid));
    expect(breakStaleLock(path, lockText(2 ** 22 + 1))).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe(lockText(process.pid));
    expect(existsSync(`${path}.break`)).toBe(false);
  });

  it('does nothing while another process is breaking the lock; a break lock older than 10 s is cleared', () => {
    const path = join(scratch(), '.out.lock');
    writeFileSync(path, lockText(2 ** 22 + 1));
    writeFileSync(`${path}.break`, '');
    expect(breakStaleLock(path, lockText(2 ** 22 + 1))).toBe(false);
    expect(existsSync(path)).toBe(true);
    expect(existsSync(`${path}.break`)).toBe(true);
    const old = (Date.now() - 11_000) / 1000;
    utimesSync(`${path}.break`, old, old);
    expect(breakStaleLock(path, lockText(2 ** 22 + 1))).toBe(false);
    expect(existsSync(`${path}.break`)).toBe(false);
    expect(breakStaleLock(path, lockText(2 ** 22 + 1))).toBe(true);
  });

  it('never removes a file by the break lock’s name that wardrank did not create (not empty, or a link)', () => {
    const dir = scratch();
    const path = join(dir, '.out.lock');
    writeFileSync(path, lockText(2 ** 22 + 1));
    const old = (Date.now() - 11_000) / 1000;
    writeFileSync(`${path}.break`, 'a user’s notes');
    utimesSync(`${path}.break`, old, old);
    expect(breakStaleLock(path, lockText(2 ** 22 + 1))).toBe(false);
    expect(readFileSync(`${path}.break`, 'utf8')).toBe('a user’s notes');
    rmSync(`${path}.break`);
    writeFileSync(join(dir, 'target'), '');
    symlinkSync(join(dir, 'target'), `${path}.break`);
    lutimesSync(`${path}.break`, old, old);
    expect(breakStaleLock(path, lockText(2 ** 22 + 1))).toBe(false);
    expect(lstatSync(`${path}.break`).isSymbolicLink()).toBe(true);
    expect(existsSync(join(dir, 'target'))).toBe(true);
  });
});

describe('acquireOutputLock', () => {
  it('takes over a dead holder’s lock and writes its own pid; release removes it', () => {
    const dir = join(scratch(), 'out');
    // a pid above the kernel's maximum (4,194,304) belongs to no process
    writeFileSync(lockPath(dir), lockText(2 ** 22 + 1));
    const release = acquireOutputLock(dir, 0);
    expect(JSON.parse(readFileSync(lockPath(dir), 'utf8')).pid).toBe(process.pid);
    release();
    expect(existsSync(lockPath(dir))).toBe(false);
  });
});
