/**
 * What the web build may serve, beyond `@fastify/static`'s own checks. The rules are stricter
 * than a file system needs, because a build folder's names are plain (`index.html`,
 * `assets/index-3f2a.js`):
 *
 * - `refuseWebPath`: the raw path may not contain a backslash, or an encoded `/`, `\` or NUL
 *   (`%2f`, `%5c`, `%00`), nor an empty segment (`//`); once percent-decoded, no `%` (double
 *   encoding), backslash or control character, no `.` or `..` segment, at most 16 segments.
 *   Refused paths answer 400.
 * - `insideRoot`: the requested file's real path (symbolic links followed) must lie inside the
 *   root's real path; otherwise 404 (a missing file passes, and is then not found).
 */
import { realpathSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';

const MAX_SEGMENTS = 16;

/** Why a request path (as sent, query allowed) is refused, or undefined when it may be looked up. */
export function refuseWebPath(url: string): string | undefined {
  const q = url.search(/[?#]/);
  const rawPath = q < 0 ? url : url.slice(0, q);
  if (rawPath.includes('\\') || /%(2f|5c|00)/i.test(rawPath))
    return 'encoded separators or backslashes are not allowed in paths';
  if (rawPath.includes('//')) return 'empty segments are not allowed in paths';
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return 'malformed percent-encoding in the path';
  }
  // eslint-disable-next-line no-control-regex
  if (/[%\\\u0000-\u001f\u007f]/.test(path)) return 'double-encoded or control characters in the path';
  const segments = path.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '.' || s === '..')) return 'dot segments are not allowed in paths';
  if (segments.length > MAX_SEGMENTS) return 'path too deep';
  return undefined;
}

/** Whether `pathName` (decoded, relative to `root`) names a file whose real path is inside `root`. */
export function insideRoot(root: string, pathName: string): boolean {
  let real: string;
  try {
    real = realpathSync(join(root, pathName));
  } catch {
    return true;
  }
  const rel = relative(realpathSync(root), real);
  return !rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel);
}
