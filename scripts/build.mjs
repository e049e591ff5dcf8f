#!/usr/bin/env node
/**
 * Builds the CLI to JavaScript: `npm run build` (run by `npm ci` and `npm install` through the
 * `prepare` lifecycle script, and before `npm pack`). Two esbuild bundles of our TypeScript:
 *
 * - dist/cli.cjs, CommonJS: the start-up path only (src/cli/main.ts: commander, the command
 *   registrations, their option parsers). `bin/wardrank.js` (CommonJS too, see bin/package.json)
 *   `require`s it, so `wardrank --help` and a usage error never start Node's ES-module loader,
 *   which costs ≈ 10–20 ms of every start (docs/performance.md). Each command's
 *   `await import('../actions/<name>.ts')` stays a dynamic import of dist/actions/<name>.js.
 * - dist/actions/*.js and dist/worker.js, ES modules with code splitting: each command's code
 *   (and its packages) loads only when the command runs, code shared by commands in
 *   dist/chunks/. dist/worker.js is the Monte Carlo worker thread, started by
 *   src/robustness/workers.ts.
 *
 * The few modules both bundles use (the error classes, the option parsers, the package's
 * version) exist once in each; the CLI recognises its errors by a brand, not by `instanceof`
 * (src/core/errors.ts, src/cli/usage.ts).
 *
 * Packages: the runtime `dependencies` of package.json stay external (installed with the
 * package). Every other package the code imports is bundled into dist/: the small pure-JavaScript
 * ones, commander, js-yaml and zod (devDependencies, so an install does not fetch them twice).
 * Bundled, they load as a few files instead of hundreds and esbuild drops what is unused (zod's
 * locales): `validate` on the small fixture took ≈ 0.27 s of CPU instead of ≈ 0.41 s
 * (docs/performance.md). Their licences travel with them: the build writes
 * dist/THIRD-PARTY-NOTICES.md (name, version, licence and licence text of every bundled package,
 * found from the build's own list of inputs) and fails if a bundled package has no licence file
 * or a licence outside ALLOWED_LICENCES. dist/meta.json holds both bundles' metafiles merged
 * (what each output holds and imports), for test/house/startupImports.test.ts.
 *
 * Plain JavaScript so it runs before anything is built.
 */
import { build } from 'esbuild';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const external = Object.keys(pkg.dependencies ?? {}).flatMap((name) => [name, `${name}/*`]);
const ALLOWED_LICENCES = new Set(['MIT', 'ISC', 'BSD-2-Clause', 'BSD-3-Clause', 'Apache-2.0']);

/**
 * commander requires node:child_process when it loads, only to spawn executable subcommands,
 * which wardrank has none of; loading that module costs 4–6 ms of every command's start-up
 * (measured: `require('node:child_process')` in a fresh process). commander gets a stand-in that
 * loads the real module on first use instead.
 */
const lazyChildProcessForCommander = {
  name: 'lazy-child-process-for-commander',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer)
        ? { path: 'lazy-child-process', namespace: 'wardrank-build' }
        : undefined,
    );
    b.onLoad({ filter: /^lazy-child-process$/, namespace: 'wardrank-build' }, () => ({
      contents:
        "let real;\nmodule.exports = new Proxy({}, { get: (_, key) => (real ??= require('node:child_process'))[key] });\n",
      loader: 'js',
    }));
  },
};

/**
 * The CommonJS start-up bundle leaves each command's action to the ES-module build: the import
 * of src/cli/actions/<name>.ts becomes the dynamic import of ./actions/<name>.js (beside cli.cjs).
 */
const actionsFromEsmBuild = {
  name: 'actions-from-esm-build',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/actions\/[a-z-]+\.ts$/ }, (args) => ({
      path: `./actions/${args.path.slice('../actions/'.length, -'.ts'.length)}.js`,
      external: true,
    }));
  },
};

const actions = readdirSync(join(root, 'src/cli/actions'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -'.ts'.length));

rmSync(outdir, { recursive: true, force: true });
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20.19',
  external,
  outdir,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
};
const modules = await build({
  ...common,
  entryPoints: {
    worker: 'src/robustness/workers.ts',
    ...Object.fromEntries(actions.map((a) => [`actions/${a}`, `src/cli/actions/${a}.ts`])),
  },
  splitting: true,
  format: 'esm',
  // CommonJS packages bundled into ES modules `require` Node's built-ins: esbuild's require
  // shim calls the module's `require` when there is one
  banner: {
    js: "import { createRequire as __wardrankCreateRequire } from 'node:module';\nconst require = __wardrankCreateRequire(import.meta.url);",
  },
  chunkNames: 'chunks/[name]-[hash]',
});
const startup = await build({
  ...common,
  entryPoints: { cli: 'src/cli/main.ts' },
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  // import.meta does not exist in CommonJS: its one use on this path (the package root, in
  // src/shared/packageInfo.ts) gets the file's URL from __filename
  define: { 'import.meta.url': '__wardrankFileUrl' },
  banner: { js: "const __wardrankFileUrl = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [lazyChildProcessForCommander, actionsFromEsmBuild],
});
const result = {
  metafile: {
    inputs: { ...modules.metafile.inputs, ...startup.metafile.inputs },
    outputs: { ...modules.metafile.outputs, ...startup.metafile.outputs },
  },
};
writeFileSync(join(outdir, 'meta.json'), JSON.stringify(result.metafile));
const bundled = bundledPackages(Object.keys(result.metafile.inputs));
writeFileSync(join(outdir, 'THIRD-PARTY-NOTICES.md'), notices(bundled));
const bytes = Object.values(result.metafile.outputs).reduce((s, o) => s + o.bytes, 0);
process.stderr.write(
  `wardrank: built dist/ (${Object.keys(result.metafile.outputs).length} files, ${(bytes / 1024).toFixed(0)} KiB; bundled ${bundled.map((p) => `${p.name}@${p.version}`).join(', ') || 'no packages'})\n`,
);

/**
 * The packages whose files are among the build's inputs: each one's folder (the innermost
 * node_modules/<name> or node_modules/@scope/<name>), package.json and licence file.
 */
function bundledPackages(inputs) {
  const dirs = new Set();
  for (const input of inputs) {
    const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (m) dirs.add(m[1]);
  }
  const problems = [];
  const packages = [...dirs].sort().map((dir) => {
    const { name, version, license } = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
    const file = readdirSync(join(root, dir)).find((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f));
    const notice = readdirSync(join(root, dir)).find((f) => /^notice(\.(md|txt))?$/i.test(f));
    if (!file) problems.push(`${name}: no licence file in ${dir}`);
    if (!ALLOWED_LICENCES.has(license))
      problems.push(`${name}: licence ${JSON.stringify(license)} is not one of ${[...ALLOWED_LICENCES].join(', ')}`);
    return {
      name,
      version,
      license,
      text: file ? readFileSync(join(root, dir, file), 'utf8').trim() : '',
      notice: notice ? readFileSync(join(root, dir, notice), 'utf8').trim() : undefined,
    };
  });
  if (problems.length) {
    process.stderr.write(`wardrank: build refused, a bundled package's licence:\n  ${problems.join('\n  ')}\n`);
    process.exit(1);
  }
  return packages;
}

function notices(packages) {
  const parts = [
    '# Third-party notices',
    '',
    'dist/ holds the code of these packages, bundled by `npm run build` (scripts/build.mjs). Their licences follow.',
  ];
  for (const p of packages) {
    parts.push('', `## ${p.name} ${p.version} (${p.license})`, '', '```text', p.text, '```');
    if (p.notice) parts.push('', 'NOTICE:', '', '```text', p.notice, '```');
  }
  return parts.join('\n') + '\n';
}
