#!/usr/bin/env node
/**
 * Builds the CLI to JavaScript: `npm run build` (run by `npm ci` and `npm install` through the
 * `prepare` lifecycle script, and before `npm pack`). esbuild bundles our TypeScript into dist/
 * as ES modules with code splitting, so `bin/wardrank.js` loads one small entry and each command
 * loads its own code (and packages) only when it runs (`await import()` in the command becomes a
 * chunk). Packages stay external: they are the installed runtime dependencies.
 *
 * Entries: dist/cli.js (`runCli`), dist/worker.js (the Monte Carlo worker thread, started by
 * src/robustness/workers.ts from the build). Plain JavaScript so it runs before anything is built.
 */
import { build } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist');

rmSync(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli/main.ts', worker: 'src/robustness/workers.ts' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  packages: 'external',
  outdir,
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});
// what each output file holds, for checking that a command's code stays out of the start-up path
writeFileSync(join(outdir, 'meta.json'), JSON.stringify(result.metafile));
const bytes = Object.values(result.metafile.outputs).reduce((s, o) => s + o.bytes, 0);
process.stderr.write(
  `wardrank: built dist/ (${Object.keys(result.metafile.outputs).length} files, ${(bytes / 1024).toFixed(0)} KiB)\n`,
);
