/**
 * Reads an output folder's `prepared.json` (a `PreparedBundle`, see src/core/bundle.ts) with
 * the checks a server needs before trusting it: valid JSON, version 1, columns as long as the
 * area list, and, when the folder has a manifest.json, the same SHA-256 as the manifest
 * recorded (a hand-edited or half-copied file is refused rather than served as published).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { PreparedBundle } from '../core/bundle.ts';
import { InputError } from '../core/errors.ts';
import { sha256Hex } from '../shared/sha256.ts';
import { INPUT_LIMITS, readInput } from '../io/inputFile.ts';

const FILE = 'prepared.json';

export function readBundleFile(dir: string): { bundle: PreparedBundle; text: string } {
  const path = join(dir, FILE);
  if (!existsSync(path))
    throw new InputError('no prepared.json in this folder', {
      file: path,
      expected: 'a framework YAML file, or an output folder written by `wardrank run`',
    });
  // opened with the CLI's input checks: a FIFO or device in its place is refused, not read forever
  const bytes = readInput(path, FILE, INPUT_LIMITS.json);
  const recorded = manifestHash(dir);
  if (recorded !== undefined && recorded !== sha256Hex(bytes)) {
    throw new InputError('prepared.json does not match the SHA-256 recorded in manifest.json', {
      file: FILE,
      expected: 'the file as `wardrank run` wrote it (re-run to regenerate)',
    });
  }
  const text = bytes.toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new InputError(`not valid JSON: ${(e as Error).message}`, {
      file: FILE,
      expected: 'JSON written by `wardrank run`',
    });
  }
  return { bundle: checkBundle(value), text };
}

function manifestHash(dir: string): string | undefined {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) return undefined;
  const text = readInput(path, 'manifest.json', INPUT_LIMITS.json).toString('utf8');
  try {
    const m = JSON.parse(text) as { outputs?: Record<string, unknown> };
    const h = m.outputs?.[FILE];
    return typeof h === 'string' ? h : undefined;
  } catch {
    throw new InputError('not valid JSON', { file: 'manifest.json', expected: 'JSON written by `wardrank run`' });
  }
}

/** Structural checks of a parsed bundle; each failure names the field. */
export function checkBundle(value: unknown): PreparedBundle {
  const fail = (field: string, expected: string): never => {
    throw new InputError('unexpected content', { file: FILE, field, expected });
  };
  const b = value as Partial<PreparedBundle> | null;
  if (!b || typeof b !== 'object') return fail('(top level)', 'an object');
  if (b.version !== 1) fail('version', '1');
  const f = b.framework;
  if (!f || typeof f !== 'object') return fail('framework', 'an object');
  for (const k of ['categories', 'measures', 'indicators'] as const)
    if (!Array.isArray(f[k])) fail(`framework.${k}`, 'an array');
  if (!f.methods || typeof f.methods !== 'object') fail('framework.methods', 'an object');
  if (!f.areas || !Array.isArray(f.areas.basemap)) fail('framework.areas.basemap', 'an array');
  const a = b.areas;
  if (!a || !Array.isArray(a.codes)) return fail('areas.codes', 'an array');
  const n = a.codes.length;
  for (const k of ['names', 'parent', 'population'] as const)
    if (!Array.isArray(a[k]) || a[k].length !== n) fail(`areas.${k}`, `an array of ${n} entries`);
  if (!Array.isArray(a.parentCodes) || !Array.isArray(a.parentNames)) fail('areas.parentCodes', 'an array');
  if (!b.raw || typeof b.raw !== 'object') return fail('raw', 'an object');
  for (const [id, col] of Object.entries(b.raw))
    if (!Array.isArray(col) || col.length !== n) fail(`raw.${id}`, `an array of ${n} numbers or nulls`);
  if (b.smoothed !== undefined) {
    if (!b.smoothed || typeof b.smoothed !== 'object') return fail('smoothed', 'an object');
    for (const [id, col] of Object.entries(b.smoothed))
      if (!Array.isArray(col) || col.length !== n) fail(`smoothed.${id}`, `an array of ${n} numbers or nulls`);
  }
  if (!Array.isArray(b.excluded)) fail('excluded', 'an array');
  if (!Array.isArray(b.log)) fail('log', 'an array');
  return b as PreparedBundle;
}
