/**
 * Atomic writes: never leave half an output. A file is written beside its destination under a
 * temporary name and renamed into place (rename is atomic on one file system). A folder of
 * outputs is built in a temporary sibling folder and swapped in with two renames, so a reader
 * (or a crash) sees either the old folder or the new one, never a mix.
 */
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * Builds a folder atomically. `build` writes into a fresh versioned folder `.NAME.v-…` beside
 * `dir`; on success `dir` becomes a symbolic link to it, swapped in by renaming a new link over
 * the old one (one atomic rename), and the previous version is removed. A crash at any moment
 * leaves `dir` pointing at the complete old outputs or the complete new ones. On failure `dir`
 * is untouched and the partial folder is removed. A pre-existing real folder at `dir` (from
 * another tool) is replaced with a brief non-atomic swap, once.
 */
export async function writeDirAtomic(dir: string, build: (tmpDir: string) => void | Promise<void>): Promise<void> {
  const parent = dirname(dir);
  const name = basename(dir);
  mkdirSync(parent, { recursive: true });
  const version = mkdtempSync(join(parent, `.${name}.v-`));
  try {
    await build(version);
  } catch (e) {
    rmSync(version, { recursive: true, force: true });
    throw e;
  }
  const previous = currentTarget(dir);
  const link = join(parent, `.${name}.link-${process.pid}-${Date.now()}`);
  symlinkSync(basename(version), link);
  if (existsSync(dir) && !lstatSync(dir).isSymbolicLink()) {
    const aside = join(parent, `.${name}.old-${process.pid}-${Date.now()}`);
    renameSync(dir, aside);
    renameSync(link, dir);
    rmSync(aside, { recursive: true, force: true });
  } else {
    renameSync(link, dir);
  }
  if (previous) rmSync(join(parent, previous), { recursive: true, force: true });
  removeOrphans(parent, name, basename(version));
}

function currentTarget(dir: string): string | undefined {
  try {
    return lstatSync(dir).isSymbolicLink() ? readlinkSync(dir) : undefined;
  } catch {
    return undefined;
  }
}

/** Versions left behind by a crash between writing and swapping are no one's: remove them. */
function removeOrphans(parent: string, name: string, keep: string): void {
  for (const entry of readdirSync(parent)) {
    if (entry !== keep && (entry.startsWith(`.${name}.v-`) || entry.startsWith(`.${name}.link-`))) {
      rmSync(join(parent, entry), { recursive: true, force: true });
    }
  }
}
