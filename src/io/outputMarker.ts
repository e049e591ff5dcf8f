/**
 * The marker that says "wardrank wrote this folder": a file `.wardrank-output` in every output
 * folder, JSON `{"tool":"wardrank","kind":<command>,"version":…,"files":[…]}` listing every file
 * the command wrote (paths relative to the folder, `/`-separated). The tool replaces only a
 * folder that carries this marker and holds nothing but the files it lists, its own marked
 * sub-folders (e.g. `robustness/` inside a `run` folder) and its lock files; anything else is
 * the user's and is never deleted without `--force` (docs/reliability.md, "Output folders").
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const MARKER_FILE = '.wardrank-output';
export const TOOL_NAME = 'wardrank';

export interface OutputMarker {
  tool: typeof TOOL_NAME;
  /** The command that wrote the folder: run, robustness, pilots, audit. */
  kind: string;
  version: string;
  files: string[];
}

/** The folder's marker, or undefined when it has none (or one that is not ours). Never follows a symlink. */
export function readMarker(dir: string): OutputMarker | undefined {
  const path = join(dir, MARKER_FILE);
  try {
    const st = lstatSync(path);
    if (!st.isFile() || st.size > 1 << 20) return undefined;
    const m = JSON.parse(readFileSync(path, 'utf8')) as Partial<OutputMarker>;
    if (
      m?.tool !== TOOL_NAME ||
      typeof m.kind !== 'string' ||
      !Array.isArray(m.files) ||
      !m.files.every((f) => typeof f === 'string')
    )
      return undefined;
    return m as OutputMarker;
  } catch {
    return undefined;
  }
}

export function markerText(kind: string, version: string, files: string[]): string {
  const marker: OutputMarker = { tool: TOOL_NAME, kind, version, files: [...files].sort() };
  return JSON.stringify(marker, null, 2) + '\n';
}

/** Every regular file under `dir` (relative, `/`-separated), not following symbolic links; the marker left out. */
export function listFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const d of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${d.name}` : d.name;
    if (d.isDirectory()) out.push(...listFiles(dir, rel));
    else if (rel !== MARKER_FILE) out.push(rel);
  }
  return out;
}

/**
 * What in a marked folder the marker does not account for: entries that are neither listed
 * files (or the folders holding them), nor marked sub-folders, nor lock files of sub-folders.
 * Symbolic links are never listed files (the tool writes none), so a link is always "foreign".
 */
export function foreignEntries(dir: string, marker: OutputMarker): string[] {
  const listed = new Set(marker.files);
  const folders = new Set(
    marker.files.flatMap((f) =>
      f
        .split('/')
        .slice(0, -1)
        .map((_, i, parts) => parts.slice(0, i + 1).join('/')),
    ),
  );
  const foreign: string[] = [];
  const walk = (prefix: string) => {
    for (const d of readdirSync(join(dir, prefix), { withFileTypes: true })) {
      const rel = prefix ? `${prefix}/${d.name}` : d.name;
      if (rel === MARKER_FILE) continue;
      if (d.isFile() && listed.has(rel)) continue;
      if (d.isDirectory() && folders.has(rel)) {
        walk(rel);
        continue;
      }
      if (!prefix && d.isDirectory() && readMarker(join(dir, rel))) continue; // a sub-output, carried across
      if (!prefix && d.isFile() && /^\..+\.lock$/.test(d.name)) continue; // a sub-output's lock
      foreign.push(rel + (d.isDirectory() ? '/' : ''));
    }
  };
  walk('');
  return foreign;
}
