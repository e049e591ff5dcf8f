/**
 * One writer per output folder: a lock file `.NAME.lock` beside the folder, created with
 * O_CREAT|O_EXCL (`wx`), holding `{"pid":…,"host":…,"started":…}`. A second command writing the
 * same folder waits for it (polling every 100 ms, at most WARDRANK_LOCK_WAIT_MS, default 30 s:
 * writing a folder takes well under that), then is refused with a message naming the holder. A
 * lock whose process no longer exists on this host (a run killed with -9) is stale: it is taken
 * over. Two waiters may judge the same lock stale at once; if both deleted it, the slower one
 * could delete the faster one's new, live lock. So a takeover holds a second lock
 * (`.NAME.lock.break`, also `wx`) and, under it, deletes the lock file only if its content is
 * still exactly what was judged stale (`breakStaleLock`). A break lock older than 10 s (its
 * holder died in those few microseconds) is removed if it is an empty regular file, as wardrank
 * creates it; anything else by that name is left alone.
 */
import { closeSync, lstatSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../core/errors.ts';

export function lockPath(dir: string): string {
  return join(dirname(dir), `.${basename(dir)}.lock`);
}

/**
 * Takes the lock of output folder `dir`; returns the function that
 * releases it. Throws an InputError when another live process holds it.
 */
export function acquireOutputLock(dir: string, waitMs = lockWaitMs()): () => void {
  const path = lockPath(dir);
  const deadline = Date.now() + waitMs;
  for (let stale = 0; stale < 10;) {
    try {
      const fd = openSync(path, 'wx');
      try {
        writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), started: new Date().toISOString() }) + '\n');
      } finally {
        closeSync(fd);
      }
      return () => rmSync(path, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const seen = readLock(path);
      const holder = seen === undefined ? undefined : parseHolder(seen);
      if (holder && isStale(holder)) {
        breakStaleLock(path, seen!);
        stale++;
        continue;
      }
      if (Date.now() < deadline) {
        sleep(100);
        continue;
      }
      throw new InputError(
        `another wardrank process${holder ? ` (pid ${holder.pid})` : ''} is writing this output folder`,
        {
          file: dir,
          expected: `one command per output folder at a time (waited ${Math.round(waitMs / 1000)} s); try again when it has finished, or delete ${path} if no such process is running`,
        },
      );
    }
  }
  throw new InputError('could not take the output lock', { file: path, expected: 'a lock file that can be created' });
}

/** WARDRANK_LOCK_WAIT_MS when a whole number ≥ 0, else 30,000. */
function lockWaitMs(): number {
  const v = Number(process.env.WARDRANK_LOCK_WAIT_MS);
  return Number.isSafeInteger(v) && v >= 0 && process.env.WARDRANK_LOCK_WAIT_MS !== '' ? v : 30_000;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

interface Holder {
  pid: number;
  host: string;
}

function readLock(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function parseHolder(text: string): Holder | undefined {
  try {
    const h = JSON.parse(text) as Partial<Holder>;
    return Number.isSafeInteger(h.pid) && typeof h.host === 'string' ? (h as Holder) : undefined;
  } catch {
    return undefined; // being written this instant, or not ours: treat as held
  }
}

const BREAK_STALE_MS = 10_000;

/**
 * Deletes lock file `path` if its content is still exactly `seen` (the content judged stale),
 * holding `path.break` meanwhile so no other process deletes or replaces it between the check
 * and the delete. Returns whether it deleted the lock; false when someone else is breaking it
 * or the lock has changed (a new holder took it: it is live and left alone).
 */
export function breakStaleLock(path: string, seen: string): boolean {
  const breakPath = `${path}.break`;
  let fd: number;
  try {
    fd = openSync(breakPath, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    try {
      // only an empty regular file, as wardrank creates it: anything else by that name is not ours
      const st = lstatSync(breakPath);
      if (st.isFile() && st.size === 0 && Date.now() - st.mtimeMs > BREAK_STALE_MS) rmSync(breakPath, { force: true });
    } catch {
      // removed by its holder meanwhile
    }
    return false;
  }
  try {
    closeSync(fd);
    if (readLock(path) !== seen) return false;
    rmSync(path, { force: true });
    return true;
  } finally {
    rmSync(breakPath, { force: true });
  }
}

/** A holder on this host whose process is gone. Another host's lock is never judged stale. */
function isStale(h: Holder): boolean {
  if (h.host !== hostname()) return false;
  try {
    process.kill(h.pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
