#!/usr/bin/env node
// Runs the built CLI (dist/, made by `npm run build`; `npm ci` and `npm install` build it through
// the `prepare` script). During development `npm run dev -- <args>` runs the TypeScript sources.
// CommonJS (bin/package.json), like dist/cli.cjs, so starting the CLI does not start Node's
// ES-module loader (scripts/build.mjs says why).
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const entry = join(__dirname, '..', 'dist', 'cli.cjs');
if (!existsSync(entry)) {
  process.stderr.write(
    'wardrank: the build is missing (dist/cli.cjs). Run `npm run build` (or `npm ci`) in the package folder.\n',
  );
  process.exit(3);
}
require(entry)
  .runCli(process.argv)
  .then((code) => {
    process.exitCode = code;
  });
