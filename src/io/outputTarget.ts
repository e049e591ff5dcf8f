/**
 * May the tool write its outputs at this path? Two kinds of refusal:
 *
 * - `forbiddenOutput`: places an output folder can never be, whatever is in them (a usage error,
 *   exit 2): an empty path; the file-system root; the home folder; the current folder or any
 *   folder containing it; the folder of an input (the framework folder) or any folder containing
 *   an input. Compared after resolving symbolic links of the existing part of the path.
 * - `checkOutputTarget`: what is there now (bad state, exit 1): a regular file or other non-folder;
 *   a symbolic link (never followed; a link left by wardrank 0.1, pointing at its hidden
 *   `.NAME.v-…` sibling, is accepted and replaced by a real folder, the old version left in
 *   place); a non-empty folder without the `.wardrank-output` marker; a marked folder written
 *   by another command or holding files the marker does not list (both allowed with `force`).
 */
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { InputError } from '../core/errors.ts';
import { foreignEntries, readMarker, TOOL_NAME } from './outputMarker.ts';

/** The path with its existing part's symbolic links resolved (the missing tail appended as given). */
export function realTarget(path: string): string {
  const abs = resolve(path);
  let head = abs;
  const tail: string[] = [];
  for (;;) {
    try {
      return join(realpathSync(head), ...tail.reverse());
    } catch {
      const up = dirname(head);
      if (up === head) return abs;
      tail.push(basename(head));
      head = up;
    }
  }
}

/** a contains b (or equals it). */
export function contains(a: string, b: string): boolean {
  const rel = relative(a, b);
  return rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel));
}

/**
 * Why `out` can never be an output folder, or undefined when it may be. `inputs`: files and folders the command reads.
 */
export function forbiddenOutput(out: string, inputs: readonly string[] = []): string | undefined {
  if (out.trim() === '') return 'an empty path';
  if (out.includes('\0')) return 'a path with a NUL character';
  const real = realTarget(out);
  // The last component itself is not resolved when it is a
  // symbolic link: a link is judged as a link (checkOutputTarget).
  const target = safeLstat(resolve(out))?.isSymbolicLink()
    ? join(realTarget(dirname(resolve(out))), basename(resolve(out)))
    : real;
  if (dirname(target) === target) return 'the file-system root';
  if (target === realTarget(homedir())) return 'your home folder';
  if (contains(target, realTarget(process.cwd())))
    return target === realTarget(process.cwd()) ? 'the current folder' : 'a folder containing the current folder';
  for (const input of inputs) {
    const r = realTarget(input);
    if (contains(target, r))
      return `${target === r || target === dirname(r) ? 'the folder of' : 'a folder containing'} an input (${input})`;
  }
  return undefined;
}

export type TargetState =
  | { kind: 'absent' }
  | { kind: 'empty' }
  | { kind: 'ours'; subfolders: string[]; unmarked?: boolean }
  | { kind: 'legacy-link'; version: string };

export interface TargetOptions {
  /**
   * The command writing (run, robustness, pilots, audit): a folder
   * written by another command is not replaced without force.
   */
  kind: string;
  force?: boolean;
}

/** What is at `dir` and whether it may be replaced; throws an InputError (exit 1) naming the path when not. */
export function checkOutputTarget(dir: string, options: TargetOptions): TargetState {
  const st = safeLstat(dir);
  if (!st) return { kind: 'absent' };
  const refuse = (message: string, expected: string): never => {
    throw new InputError(message, { file: dir, expected });
  };
  if (st.isSymbolicLink()) {
    const version = legacyVersion(dir);
    if (version) return { kind: 'legacy-link', version };
    refuse(
      'is a symbolic link; wardrank does not write through links',
      'the path of a real folder (the link and its target are left untouched)',
    );
  }
  if (!st.isDirectory())
    refuse(
      `exists and is not a folder (${st.isFile() ? 'a file' : 'a special file'}); it is not replaced`,
      'a new path, or a folder written by wardrank',
    );
  const entries = readdirSync(dir);
  if (entries.length === 0) return { kind: 'empty' };
  const marker = readMarker(dir);
  if (!marker) {
    const legacy = legacyManifest(dir);
    if (options.force && legacy) return { kind: 'ours', subfolders: [], unmarked: true };
    refuse(
      legacy
        ? 'was written by an earlier wardrank version (it has no .wardrank-output marker), so wardrank cannot tell its files from yours'
        : `is a folder that wardrank did not write (${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}, no .wardrank-output marker); nothing was deleted`,
      legacy ? 'a new folder, or pass --force to replace it' : 'a new or empty folder, or one written by wardrank',
    );
  }
  if (marker!.kind !== options.kind && !options.force) {
    refuse(
      `holds the outputs of \`wardrank ${marker!.kind}\`, not \`${options.kind}\``,
      `a separate folder for \`${options.kind}\`, or pass --force to replace it`,
    );
  }
  const foreign = foreignEntries(dir, marker!);
  if (foreign.length && !options.force) {
    refuse(
      `holds ${foreign.length} entr${foreign.length === 1 ? 'y' : 'ies'} wardrank did not write: ${foreign.slice(0, 5).join(', ')}${foreign.length > 5 ? ', …' : ''}`,
      'only files wardrank wrote; move the others elsewhere, or pass --force to replace the folder and them',
    );
  }
  const subfolders = entries.filter(
    (e) =>
      safeLstat(join(dir, e))?.isDirectory() &&
      !marker!.files.some((f) => f.startsWith(e + '/')) &&
      readMarker(join(dir, e)),
  );
  return { kind: 'ours', subfolders };
}

/**
 * A symbolic link written by wardrank 0.1: `NAME -> .NAME.v-XXXXXX`, a sibling folder (only the link is ever replaced).
 */
function legacyVersion(dir: string): string | undefined {
  let target: string;
  try {
    target = readlinkSync(dir);
  } catch {
    return undefined;
  }
  if (target.includes('/') || !target.startsWith(`.${basename(dir)}.v-`)) return undefined;
  const version = join(dirname(dir), target);
  const st = safeLstat(version);
  return st?.isDirectory() ? version : undefined;
}

/** The folder has a manifest written by wardrank (any command, any version). */
function legacyManifest(dir: string): boolean {
  for (const name of ['manifest.json', 'robustness-manifest.json', 'pilots-manifest.json', 'audit.json']) {
    const path = join(dir, name);
    if (!existsSync(path) || !safeLstat(path)?.isFile()) continue;
    try {
      const m = JSON.parse(readFileSync(path, 'utf8'));
      if (m?.tool?.name === TOOL_NAME || m?.tool === TOOL_NAME) return true;
    } catch {
      /* not ours */
    }
  }
  return false;
}

function safeLstat(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}
