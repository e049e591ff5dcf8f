/**
 * What `wardrank --help` (and any usage error) loads: dist/cli.cjs and what it imports statically,
 * read from the esbuild metafile the build writes (dist/meta.json; test/globalSetup.ts builds
 * dist/ first). The command registrations (src/cli/commands/) may load commander, the usage
 * helpers and small constants only; each command's code is an `await import()` of
 * dist/actions/<name>.js (loaded when it runs), which is not followed here. None of the packages
 * or modules below may be in that static closure, bundled or external. And `bin/wardrank.js
 * --help` run from the build starts neither Node's ES-module loader nor its child_process module
 * (scripts/build.mjs: a CommonJS entry, and a lazy stand-in for commander's child_process).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

interface Metafile {
  outputs: Record<
    string,
    { bytes: number; inputs: Record<string, unknown>; imports: { path: string; kind: string; external?: boolean }[] }
  >;
}

/**
 * Output files reached from `entry` through `import` statements, the
 * source files bundled in them, and the external modules they import.
 */
function staticClosure(meta: Metafile, entry: string): { files: string[]; inputs: string[]; externals: string[] } {
  const files = new Set<string>();
  const externals = new Set<string>();
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    const output = meta.outputs[file];
    if (!output) throw new Error(`${file} is not an output of the build`);
    files.add(file);
    for (const i of output.imports) {
      if (i.kind !== 'import-statement') continue;
      if (i.external) externals.add(i.path);
      else queue.push(i.path);
    }
  }
  const inputs = [...files].flatMap((f) => Object.keys(meta.outputs[f].inputs));
  return { files: [...files], inputs, externals: [...externals] };
}

/** What start-up must not load: the name it is reported by and whether a bundled input or an external import is it. */
const FORBIDDEN: { name: string; input: RegExp; external?: RegExp }[] = [
  ...['zod', 'js-yaml'].map((pkg) => ({
    name: pkg,
    input: new RegExp(`(^|/)node_modules/${pkg}/`),
    external: new RegExp(`^${pkg}($|/)`),
  })),
  // src/io/arrowModule.ts requires apache-arrow when first called (createRequire), out of esbuild's sight
  {
    name: 'apache-arrow',
    input: /(^|\/)node_modules\/apache-arrow\/|^src\/io\/arrowModule\.ts$/,
    external: /^apache-arrow($|\/)/,
  },
  { name: 'src/core/run.ts', input: /^src\/core\/run\.ts$/ },
  { name: 'src/robustness/*', input: /^src\/robustness\// },
  { name: 'src/io/loadFramework.ts', input: /^src\/io\/loadFramework\.ts$/ },
];

function forbiddenIn(closure: { inputs: string[]; externals: string[] }): string[] {
  return FORBIDDEN.filter(
    (f) => closure.inputs.some((i) => f.input.test(i)) || closure.externals.some((e) => f.external?.test(e)),
  ).map((f) => f.name);
}

describe('start-up imports (dist/meta.json)', () => {
  const meta = JSON.parse(readFileSync(join(ROOT, 'dist/meta.json'), 'utf8')) as Metafile;
  const closure = staticClosure(meta, 'dist/cli.cjs');

  it('dist/cli.cjs loads the command registrations and none of the pipeline, its packages or robustness', () => {
    // the walk reached what --help needs (so an empty closure cannot pass)
    expect(closure.inputs).toEqual(
      expect.arrayContaining(['src/cli/main.ts', 'src/cli/commands/core.ts', 'src/cli/commands/pilots.ts']),
    );
    expect(forbiddenIn(closure)).toEqual([]);
    expect(closure.inputs.filter((i) => i.startsWith('src/cli/actions/'))).toEqual([]);
  });

  it('the forbidden modules are in the build, loaded by the commands that run them', () => {
    const everything = {
      inputs: Object.values(meta.outputs).flatMap((o) => Object.keys(o.inputs)),
      externals: Object.values(meta.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path)),
    };
    expect(forbiddenIn(everything).sort()).toEqual(FORBIDDEN.map((f) => f.name).sort());
  });

  it('the walk follows import statements, not dynamic imports', () => {
    const out = (inputs: string[], imports: Metafile['outputs'][string]['imports']) => ({
      bytes: 0,
      inputs: Object.fromEntries(inputs.map((i) => [i, {}])),
      imports,
    });
    const lazy: Metafile = {
      outputs: {
        'dist/cli.js': out(['src/cli/main.ts'], [{ path: 'dist/chunks/run.js', kind: 'dynamic-import' }]),
        'dist/chunks/run.js': out(['src/core/run.ts'], [{ path: 'zod', kind: 'import-statement', external: true }]),
      },
    };
    expect(forbiddenIn(staticClosure(lazy, 'dist/cli.js'))).toEqual([]);
    const eager: Metafile = {
      outputs: {
        ...lazy.outputs,
        'dist/cli.js': out(['src/cli/main.ts'], [{ path: 'dist/chunks/run.js', kind: 'import-statement' }]),
      },
    };
    expect(forbiddenIn(staticClosure(eager, 'dist/cli.js'))).toEqual(['zod', 'src/core/run.ts']);
  });
});

describe("start-up: Node's own modules", () => {
  it('`wardrank --help` starts neither the ES-module loader nor node:child_process', () => {
    // a preloaded script lists, at exit, Node's own modules that the process loaded
    const dir = mkdtempSync(join(tmpdir(), 'wardrank-startup-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const probe = join(dir, 'probe.cjs');
    writeFileSync(
      probe,
      "process.on('exit', () => process.stderr.write('\\n' + JSON.stringify(process.moduleLoadList)));\n",
    );
    const loadedBy = (...args: string[]) => {
      const r = spawnSync(process.execPath, ['--require', probe, 'bin/wardrank.js', ...args], {
        cwd: ROOT,
        encoding: 'utf8',
      });
      const list = JSON.parse(r.stderr.trim().split('\n').pop()!) as string[];
      return (m: string) => list.includes(`NativeModule ${m}`);
    };
    const help = loadedBy('--help');
    // events is loaded (commander uses it), so the list is read correctly
    expect(help('events')).toBe(true);
    expect(help('child_process')).toBe(false);
    expect(help('internal/modules/esm/loader')).toBe(false);
    expect(help('internal/modules/esm/translators')).toBe(false);
    // a command's code is ES modules: running one does start the loader
    const validate = loadedBy('validate', 'test/fixtures/small/framework.yaml');
    expect(validate('internal/modules/esm/translators')).toBe(true);
  });

  it('the stand-in loads the real module when a property is read', () => {
    const shim =
      /var require_lazy_child_process = __commonJS\(\{\n\s+"[^"]+"\(\w+, (\w+)\) \{\n([\s\S]*?)\n\s+\}\n\}\);/.exec(
        readFileSync(join(ROOT, 'dist/cli.cjs'), 'utf8'),
      );
    expect(shim, 'the stand-in is in dist/cli.cjs').not.toBeNull();
    const module = { exports: {} as { spawn?: unknown } };
    const require = createRequire(import.meta.url);
    new Function(shim![1], 'require', shim![2])(module, require);
    expect(module.exports.spawn).toBe(require('node:child_process').spawn);
  });
});
