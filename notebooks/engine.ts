/**
 * Loads the wardrank engine into a tslab notebook.
 *
 * tslab compiles cells with its own TypeScript 5.0 (CommonJS output, Node10 resolution, not
 * strict), which rejects the engine's `.ts`-suffixed ESM imports ("An import path can only end
 * with a '.ts' extension…"), even for `import type`. So the engine is loaded at run time through
 * tsx's CommonJS API — the same transpiler `npm run dev` and the bench use — with paths relative to the
 * repository root (the kernel's working directory). Engine values are typed `any` in cells.
 */
const tsx = require('tsx/cjs/api');
const path = require('path');

/** The repository root: notebooks run with it as working directory (see run_notebooks.py). */
export const ROOT: string = process.cwd();

/** `engine('./src/core/run.ts')`: the module's exports. */
export function engine(modulePath: string): any {
  return tsx.require(modulePath, path.join(ROOT, 'notebook.ts'));
}

/** The London framework when its data are built, otherwise the small synthetic test fixture. */
export function frameworkPath(): string {
  const fs = require('fs');
  const london = 'data/london/framework.yaml';
  return fs.existsSync(path.join(ROOT, london)) && fs.existsSync(path.join(ROOT, 'data/london/areas.csv'))
    ? london
    : 'test/fixtures/small/framework.yaml';
}
