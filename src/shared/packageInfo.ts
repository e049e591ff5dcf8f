/**
 * Where the package's own files are, whichever way the code runs: from the source tree
 * (`src/…/*.ts` through tsx), from the build (`dist/*.js`, one folder of chunks) or from an
 * installed package (`node_modules/wardrank/dist/*.js`). The package root is the nearest folder
 * above this module holding a package.json named "wardrank", so resources are found by their
 * place in the package (`web/dist`, `dist/worker.js`), never by a path relative to a source file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const NAME = 'wardrank';

let root: { dir: string; version: string } | undefined;

function findRoot(): { dir: string; version: string } {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === NAME) return (root = { dir, version: pkg.version ?? '0.0.0' });
    }
    const up = dirname(dir);
    if (up === dir)
      throw new Error(`wardrank: no package.json named "${NAME}" above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

/** The folder holding wardrank's package.json. */
export function packageRoot(): string {
  return findRoot().dir;
}

/** A path inside the package, e.g. `packagePath('web', 'dist')`. */
export function packagePath(...parts: string[]): string {
  return join(findRoot().dir, ...parts);
}

/** wardrank's version, from its package.json (recorded in every manifest). */
export function packageVersion(): string {
  return findRoot().version;
}

/** True when this code runs from the TypeScript sources (tsx), false from the build. */
export const FROM_SOURCE: boolean = import.meta.url.endsWith('.ts');

// pure: a bundle that does not use it (the in-memory worker bundle, run from a data: URL) drops the call
export const PACKAGE_VERSION: string = /* @__PURE__ */ packageVersion();
