/**
 * The import rules of docs/architecture.md ("Folders and what may import what"), checked by
 * dependency-cruiser in `npm test` (`npm run deps`). Paths are relative to the folder the check
 * runs in (the repository root), so the same rules apply to the fixture tree in
 * test/fixtures/dependency-rules/ that proves a wrong import fails.
 */
const OURS = '^(src|web|scripts|bench|test)/';

/**
 * devDependencies that src/ may import because scripts/build.mjs bundles them into dist/ (so an
 * install needs no copy of them): small pure-JavaScript packages whose hundreds of files cost
 * more to load one by one than bundled (docs/performance.md, start-up). Their licences ship in
 * dist/THIRD-PARTY-NOTICES.md. A package added here must also move to devDependencies.
 */
const BUNDLED = ['commander', 'js-yaml', 'zod'];

/** A rule: files under `from` may import, of our own code, only what `allowed` matches. */
function onlyImports(name, comment, from, allowed) {
  return {
    name,
    comment,
    severity: 'error',
    from: { path: from },
    to: { path: OURS, pathNot: allowed },
  };
}

module.exports = {
  forbidden: [
    onlyImports(
      'core-imports-only-core',
      'src/core is the pure computation core: it imports nothing else of ours.',
      '^src/core/',
      '^src/core/',
    ),
    {
      name: 'core-no-node',
      comment: 'src/core runs in the browser too: no node: modules.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'core-npm-only-zod',
      comment: 'src/core depends on no package but zod (the framework schema), so the map bundles it whole.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: {
        dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'],
        dependencyTypesNot: ['type-only'],
        pathNot: '^node_modules/zod/',
      },
    },
    {
      name: 'runtime-uses-runtime-dependencies',
      comment:
        'What the CLI and server load (src/) uses only packages in "dependencies" (installed with the package and left external by the build), or one of BUNDLED: devDependencies are not installed with the package. Type-only imports are erased by the build. esbuild and tsx start Monte Carlo workers from the TypeScript sources only (the build ships dist/worker.js).',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/robustness/workerEntry\\.mjs$' },
      to: {
        dependencyTypes: ['npm-dev'],
        dependencyTypesNot: ['type-only'],
        pathNot: `^node_modules/(esbuild|${BUNDLED.join('|')})/`,
      },
    },
    onlyImports(
      'shared-is-a-leaf',
      'src/shared (package resources, SHA-256) imports nothing else of ours.',
      '^src/shared/',
      '^src/shared/',
    ),
    onlyImports('geo-imports-core', 'src/geo uses core types only.', '^src/geo/', '^src/(core|geo|shared)/'),
    onlyImports(
      'io-not-select',
      'src/io reads and writes files; it never imports select, robustness, audit, server or cli.',
      '^src/io/',
      '^src/(core|geo|io|shared)/',
    ),
    onlyImports(
      'select-imports-core',
      'src/select is pure selection and matching over core results.',
      '^src/select/',
      '^src/(core|select|shared)/',
    ),
    onlyImports(
      'evaluate-imports-core-select',
      'src/evaluate designs the pilot evaluation over core results and select’s choices; pure, no I/O (its seeded generator comes from robustness/rng.ts).',
      '^src/evaluate/',
      '^src/(core|select|evaluate|shared)/|^src/robustness/rng\\.ts$',
    ),
    onlyImports(
      'audit-imports-core',
      'src/audit computes statistics over core results.',
      '^src/audit/',
      '^src/(core|audit|shared)/',
    ),
    onlyImports(
      'robustness-imports-core',
      'src/robustness imports core (and io only through its one writer, outputs.ts).',
      '^src/robustness/(?!outputs\\.ts$)',
      '^src/(core|robustness|shared)/',
    ),
    onlyImports(
      'robustness-writes-through-io-writers',
      'src/robustness/outputs.ts writes its files with the io writers (Arrow, atomic folder) only.',
      '^src/robustness/outputs\\.ts$',
      '^src/(core|robustness|shared)/|^src/io/(arrow|atomic)\\.ts$',
    ),
    onlyImports(
      'server-imports-io-core',
      'src/server serves what io reads and core computes.',
      '^src/server/',
      '^src/(core|io|server|shared)/',
    ),
    onlyImports(
      'cli-imports-src',
      'src/cli calls everything under src/ but never build-time code, benchmarks or tests.',
      '^src/cli/',
      '^src/',
    ),
    onlyImports(
      'web-imports-only-core',
      'The map imports src/core (in-browser re-ranking) and nothing else of the engine.',
      '^web/',
      '^(web/|src/core/)',
    ),
    onlyImports(
      'scripts-import-io-geo-core',
      'Data builds use io, geo, core and shared; never select, robustness, server or cli.',
      '^scripts/',
      '^(scripts/|src/(core|geo|io|shared)/)',
    ),
    {
      name: 'worker-threads-only-in-workers',
      comment: 'node:worker_threads is used by src/robustness/workers.ts (and the server, never) only.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/robustness/workers\\.ts$' },
      to: { path: '^worker_threads$', dependencyTypes: ['core'] },
    },
    {
      name: 'no-circular',
      comment: 'Modules do not import each other in a cycle (type-only imports, erased when compiled, aside).',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves to a file or an installed package.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(web/)?dist/' },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.mts', '.js', '.mjs', '.json', '.d.ts'],
    },
  },
};
