/**
 * Atomic writes that never delete what the tool did not write.
 *
 * A file is written beside its destination under a temporary name, fsynced and renamed into
 * place (rename is atomic on one file system). A folder of outputs (`writeDirAtomic`):
 *
 * 1. is refused when it is a place outputs can never be, or holds anything wardrank did not
 *    write (outputTarget.ts), checked while holding the folder's lock (outputLock.ts);
 * 2. is built in a real sibling folder `.NAME.tmp-<id>` (mode from the umask), marked from the
 *    start with `.wardrank-output` (outputMarker.ts); every file and folder in it is fsynced;
 * 3. replaces the previous folder: its marked sub-outputs (e.g. `robustness/`, `pilots/` inside
 *    a `run` folder) are moved into the new one, the old folder is renamed to `.NAME.old-<id>`,
 *    the new one renamed to NAME, the parent fsynced, and only then is the old folder (ours,
 *    checked) removed. For the microseconds between the two renames NAME is absent; a crash there
 *    leaves `.NAME.old-<id>`, which the next write to NAME puts back before anything else.
 *
 * The result is a plain folder: copies (`cp -a`, `mv`) stay valid and later runs never touch
 * them. On failure the temporary folder is removed and NAME is untouched.
 */
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
  lstatSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../core/errors.ts';
import { acquireOutputLock } from './outputLock.ts';
import { listFiles, MARKER_FILE, markerText, readMarker } from './outputMarker.ts';
import { checkOutputTarget, forbiddenOutput, realTarget, type TargetState } from './outputTarget.ts';

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, data, { flag: 'wx' });
    fsyncPath(tmp);
    renameSync(tmp, path);
    fsyncPath(dirname(path));
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

export interface DirWriteOptions {
  /** The command writing: run, robustness, pilots, audit (recorded in the marker). */
  kind: string;
  /**
   * Replace a folder of wardrank outputs that holds other files too,
   * or another command's outputs. Never overrides forbiddenOutput.
   */
  force?: boolean;
  /** Files and folders the command read: the output folder may not be or contain any of them. */
  inputs?: readonly string[];
  /** The tool version recorded in the marker. */
  version?: string;
  /** Called with notes for the user (e.g. an old-layout folder left in place). */
  onNote?: (note: string) => void;
}

/**
 * Builds the folder `dir` atomically with `build(tmpDir)`; see the file
 * comment. Throws an InputError (exit 1) naming the path when refused.
 */
export async function writeDirAtomic(
  dir: string,
  build: (tmpDir: string) => void | Promise<void>,
  options: DirWriteOptions,
): Promise<void> {
  const why = forbiddenOutput(dir, options.inputs);
  if (why)
    throw new InputError(`refused as an output folder: it is ${why}`, {
      file: dir,
      expected: 'a separate folder for outputs',
    });
  const out = join(realTarget(dirname(resolve(dir))), basename(resolve(dir)));
  const parent = dirname(out);
  const name = basename(out);
  mkdirSync(parent, { recursive: true });
  const release = acquireOutputLock(out);
  try {
    recoverInterrupted(out);
    const state = checkOutputTarget(out, options);
    const subLocks = state.kind === 'ours' ? state.subfolders.map((s) => acquireOutputLock(join(out, s))) : [];
    let swapped = false;
    try {
      const tmp = join(parent, `.${name}.tmp-${randomBytes(6).toString('hex')}`);
      mkdirSync(tmp);
      try {
        const version = options.version ?? '';
        writeFileSync(join(tmp, MARKER_FILE), markerText(options.kind, version, []));
        await build(tmp);
        writeFileSync(join(tmp, MARKER_FILE), markerText(options.kind, version, listFiles(tmp)));
        fsyncTree(tmp);
        swap(out, tmp, state);
        swapped = true;
      } catch (e) {
        if (!swapped) rmSync(tmp, { recursive: true, force: true });
        throw e;
      }
      if (state.kind === 'legacy-link')
        options.onNote?.(
          `${dir} was a link to ${basename(state.version)} (wardrank 0.1); it is now a real folder and the old outputs stay in ${state.version}`,
        );
    } finally {
      // After the swap the sub-outputs' lock files went away with the old folder; before it, release them.
      if (!swapped) for (const r of subLocks) r();
    }
  } finally {
    release();
  }
}

function swap(out: string, tmp: string, state: TargetState): void {
  const parent = dirname(out);
  if (state.kind === 'legacy-link') {
    // A folder cannot be renamed over a link: the link (only the link, never its target) is moved aside first.
    const link = join(parent, `.${basename(out)}.old-${basename(tmp).split('.tmp-')[1]}`);
    renameSync(out, link);
    renameSync(tmp, out);
    fsyncPath(parent);
    rmSync(link);
    return;
  }
  if (state.kind !== 'ours') {
    // absent, or an empty folder (rename replaces an empty folder)
    renameSync(tmp, out);
    fsyncPath(parent);
    return;
  }
  for (const sub of state.subfolders) {
    if (!exists(join(tmp, sub))) renameSync(join(out, sub), join(tmp, sub));
  }
  const aside = join(parent, `.${basename(out)}.old-${basename(tmp).split('.tmp-')[1]}`);
  renameSync(out, aside);
  renameSync(tmp, out);
  fsyncPath(parent);
  // An earlier version's folder has no marker; --force accepted it (checkOutputTarget).
  if (state.unmarked) rmSync(aside, { recursive: true, force: true });
  else removeOurs(aside);
}

/**
 * Debris of a write that was killed: `.NAME.tmp-*` and `.NAME.old-*` folders carrying our marker
 * (no live process owns them: the caller holds NAME's lock). A missing NAME with an old folder
 * beside it is a swap cut between its two renames: the old folder is put back. Sub-outputs
 * already moved into a temporary folder are moved back. Then the debris is removed.
 */
function recoverInterrupted(out: string): void {
  const parent = dirname(out);
  const name = basename(out);
  const debris = readdirSync(parent)
    .filter((e) => e.startsWith(`.${name}.tmp-`) || e.startsWith(`.${name}.old-`))
    .map((e) => join(parent, e))
    .filter((p) => lstatSync(p).isDirectory() && readMarker(p));
  if (!debris.length) return;
  if (!exists(out)) {
    const old = debris.find((p) => basename(p).startsWith(`.${name}.old-`));
    if (old) renameSync(old, out);
  }
  if (readMarker(out)) {
    for (const d of debris) {
      if (!exists(d)) continue;
      const listed = readMarker(d)!.files;
      for (const sub of readdirSync(d)) {
        if (listed.some((f) => f.startsWith(sub + '/')) || exists(join(out, sub))) continue;
        if (lstatSync(join(d, sub)).isDirectory() && readMarker(join(d, sub))) renameSync(join(d, sub), join(out, sub));
      }
    }
  }
  for (const d of debris) if (exists(d)) removeOurs(d);
  fsyncPath(parent);
}

/** Removes a folder only if it carries our marker (rmSync never follows symbolic links inside it). */
function removeOurs(dir: string): void {
  if (!readMarker(dir))
    throw new InputError('internal: refusing to remove a folder without the wardrank marker', { file: dir });
  rmSync(dir, { recursive: true, force: true });
}

function exists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

/** fsync every file and folder under dir (and dir itself), so the data is on disk before the rename publishes it. */
function fsyncTree(dir: string): void {
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, d.name);
    if (d.isDirectory()) fsyncTree(p);
    else if (d.isFile()) fsyncPath(p);
  }
  fsyncPath(dir);
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } catch (e) {
    // Some file systems cannot fsync a folder (EINVAL); the data files were synced.
    if ((e as NodeJS.ErrnoException).code !== 'EINVAL') throw e;
  } finally {
    closeSync(fd);
  }
}
