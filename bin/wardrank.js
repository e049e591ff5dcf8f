#!/usr/bin/env node
// Runs the built CLI (dist/, made by `npm run build`; `npm ci` and `npm install` build it through
// the `prepare` script). During development `npm run dev -- <args>` runs the TypeScript sources.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    'wardrank: the build is missing (dist/cli.js). Run `npm run build` (or `npm ci`) in the package folder.\n',
  );
  process.exit(3);
}
const { runCli } = await import(entry.href);
process.exitCode = await runCli(process.argv);
