/**
 * Checks `--out` before any work is done, so a refused folder costs the user nothing:
 * a place an output folder can never be (the root, the home folder, the current folder or one
 * containing it, an input's folder or one containing it, an empty path) or a parent that cannot
 * be written is a usage error (exit 2); a file, a link or a folder holding anything wardrank did
 * not write is refused as bad input (exit 1) by `checkOutputTarget`. `writeDirAtomic` checks
 * again under the folder's lock when it writes.
 */
import { accessSync, constants, lstatSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { checkOutputTarget, forbiddenOutput } from '../io/outputTarget.ts';
import { UsageError } from './usage.ts';

export interface OutCheck {
  kind: string;
  force?: boolean;
  inputs?: readonly (string | undefined)[];
}

export function checkOutOption(out: string, check: OutCheck): void {
  const inputs = (check.inputs ?? []).filter((p): p is string => typeof p === 'string' && p !== '');
  const why = forbiddenOutput(out, inputs);
  if (why)
    throw new UsageError(
      `--out ${JSON.stringify(out)} is refused: it is ${why}${check.force ? ' (--force never overrides this)' : ''}; give a separate folder for outputs`,
    );
  let ancestor = dirname(resolve(out));
  while (!exists(ancestor)) ancestor = dirname(ancestor);
  if (!safeIsDirectory(ancestor)) throw new UsageError(`--out ${JSON.stringify(out)}: ${ancestor} is not a folder`);
  try {
    accessSync(ancestor, constants.W_OK | constants.X_OK);
  } catch {
    throw new UsageError(`--out ${JSON.stringify(out)}: cannot create it, ${ancestor} is not writable`);
  }
  checkOutputTarget(resolve(out), { kind: check.kind, force: check.force });
}

function safeIsDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function exists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}
