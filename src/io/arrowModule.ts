/**
 * apache-arrow, loaded on first use: importing it costs ≈ 0.1–0.2 s of CPU at start-up, which a
 * command whose inputs are CSV (e.g. `wardrank top` on data/london) should not pay. Loaded
 * synchronously (the framework loader is synchronous) through its CommonJS build; the reader
 * and the writer share this one instance.
 */
import { createRequire } from 'node:module';

type Arrow = typeof import('apache-arrow');
let arrow: Arrow | undefined;

export function arrowModule(): Arrow {
  arrow ??= createRequire(import.meta.url)('apache-arrow') as Arrow;
  return arrow;
}
