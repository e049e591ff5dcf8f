/**
 * Paths in a framework are relative to the framework file and may not leave its folder, so a
 * shared framework cannot make the tool read (or a server expose) arbitrary files.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';

export function resolveInside(baseDir: string, relPath: string): string | undefined {
  if (isAbsolute(relPath) || relPath.includes('\0')) return undefined;
  const full = resolve(baseDir, relPath);
  const rel = relative(resolve(baseDir), full);
  if (rel === '' || rel.startsWith('..' + sep) || rel === '..' || isAbsolute(rel)) return undefined;
  return full;
}
