/**
 * Maps a request URL to a file of the web build, refusing anything that could name a file
 * outside it. The rules are deliberately stricter than a file system needs, because a build
 * folder's names are plain (`index.html`, `assets/index-3f2a.js`):
 *
 * - the raw path may not contain a backslash, or an encoded `/`, `\` or NUL (`%2f`, `%5c`,
 *   `%00`): 400;
 * - it is percent-decoded exactly once; a `%` left after decoding (double encoding), a
 *   backslash or a control character is refused: 400;
 * - a `.` or `..` segment is refused: 400; a segment starting with `.` (dotfiles) is not found;
 * - the result is resolved inside the root (`resolveInside`), then its real path (symbolic links
 *   followed) must still be inside the root's real path, and be a regular file: else 404.
 */
import { realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import { resolveInside } from '../io/paths.ts';

export type WebPath = { file: string; size: number; mtimeMs: number } | { status: 400 | 404; error: string };

const MAX_SEGMENTS = 16;

export function resolveWebPath(root: string, url: string): WebPath {
  const q = url.search(/[?#]/);
  const rawPath = q < 0 ? url : url.slice(0, q);
  if (rawPath.includes('\\') || /%(2f|5c|00)/i.test(rawPath))
    return { status: 400, error: 'encoded separators or backslashes are not allowed in paths' };
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return { status: 400, error: 'malformed percent-encoding in the path' };
  }
  // eslint-disable-next-line no-control-regex
  if (/[%\\\u0000-\u001f\u007f]/.test(path))
    return { status: 400, error: 'double-encoded or control characters in the path' };
  const segments = path.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '.' || s === '..'))
    return { status: 400, error: 'dot segments are not allowed in paths' };
  if (segments.length > MAX_SEGMENTS) return { status: 400, error: 'path too deep' };
  if (segments.some((s) => s.startsWith('.'))) return { status: 404, error: 'not found' };
  if (segments.length === 0 || path.endsWith('/')) segments.push('index.html');
  const candidate = resolveInside(root, segments.join('/'));
  if (!candidate) return { status: 400, error: 'path outside the web build' };
  try {
    const real = realpathSync(candidate);
    if (!isInside(realpathSync(root), real)) return { status: 404, error: 'not found' };
    const st = statSync(real);
    if (!st.isFile()) return { status: 404, error: 'not found' };
    return { file: real, size: st.size, mtimeMs: st.mtimeMs };
  } catch {
    return { status: 404, error: 'not found' };
  }
}

/** Whether `path` lies strictly inside `dir` (both absolute, symbolic links already resolved). */
function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && rel !== '..' && !rel.startsWith('..' + sep) && !isAbsolute(rel);
}
