/**
 * apache-arrow, loaded on first use, so a command whose inputs are CSV (e.g. `wardrank top` on
 * data/london) never pays for it. Loaded synchronously (the framework loader is synchronous) from
 * the package's own single-file build (`Arrow.esnext.min.js`, the same API and the same bytes
 * written): ≈ 30 ms of CPU against ≈ 120 ms for its CommonJS entry, which requires some two
 * hundred files. The reader and the writer share this one instance.
 */
import { createRequire } from 'node:module';

type Arrow = typeof import('apache-arrow');
let arrow: Arrow | undefined;

export function arrowModule(): Arrow {
  arrow ??= createRequire(import.meta.url)('apache-arrow/Arrow.esnext.min') as Arrow;
  return arrow;
}
