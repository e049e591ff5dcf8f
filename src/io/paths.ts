/**
 * Paths in a framework are relative to the framework file and may not leave its folder, so a
 * shared framework cannot make the tool read (or a server expose) arbitrary files. Checked twice:
 * lexically (no absolute path, no `..` out, no NUL) and, for a path that exists, after resolving
 * symbolic links (its real path must be inside the folder's real path): a link inside the folder
 * pointing outside is refused before anything is read, so no message can quote an outside file.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { realpathSync } from 'node:fs';

/** The lexical check only (the server's web paths resolve links themselves, answering 404). */
export function resolveInside(baseDir: string, relPath: string): string | undefined {
  if (isAbsolute(relPath) || relPath.includes('\0')) return undefined;
  const full = resolve(baseDir, relPath);
  return inside(resolve(baseDir), full) ? full : undefined;
}

/** Both checks: the lexical one, then the real path of an existing file inside the folder's real path. */
export function resolveInsideReal(baseDir: string, relPath: string): string | undefined {
  const full = resolveInside(baseDir, relPath);
  if (!full) return undefined;
  let real: string;
  try {
    real = realpathSync(full);
  } catch {
    return full; // does not exist (or a dangling link): the caller reports it as not found
  }
  let realBase: string;
  try {
    realBase = realpathSync(baseDir);
  } catch {
    return undefined;
  }
  return inside(realBase, real) ? full : undefined;
}

function inside(base: string, full: string): boolean {
  const rel = relative(base, full);
  return !(rel === '' || rel.startsWith('..' + sep) || rel === '..' || isAbsolute(rel));
}
