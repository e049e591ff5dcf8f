/**
 * The import rules of docs/architecture.md are enforced by dependency-cruiser
 * (.dependency-cruiser.cjs, run by `npm test` as `npm run deps`). These tests run the same
 * configuration over two fixture trees laid out like the repository: one with a deliberately
 * wrong import of each kind, which must fail with exactly those violations, and one with allowed
 * imports only, which must pass — so a rule that stopped matching would fail here.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const FIXTURES = join(ROOT, 'test/fixtures/dependency-rules');

function cruise(tree: string): { status: number | null; violations: string[] } {
  // the `err` reporter (the one `npm run deps` uses): one `error <rule>: <from> → <to>` line each, exit code = errors
  const r = spawnSync(process.execPath, [BIN, '--config', CONFIG, '--output-type', 'err', 'src', 'web'], {
    cwd: join(FIXTURES, tree),
    encoding: 'utf8',
  });
  const lines = `${r.stdout}${r.stderr}`.split('\n').map((l) => l.trim());
  return {
    status: r.status,
    violations: lines
      .filter((l) => l.startsWith('error '))
      .map((l) => l.slice('error '.length))
      .sort(),
  };
}

describe('dependency rules (dependency-cruiser)', () => {
  it('fail on each deliberately wrong import of the fixture, and name it', () => {
    const r = cruise('bad');
    expect(r.status).not.toBe(0);
    expect(r.violations).toEqual([
      'core-imports-only-core: src/core/score.ts → src/io/readTable.ts',
      'core-no-node: src/core/score.ts → fs',
      'io-not-select: src/io/readTable.ts → src/select/pick.ts',
      'robustness-imports-core: src/robustness/runs.ts → src/io/readTable.ts',
      'web-imports-only-core: web/src/map.ts → src/io/readTable.ts',
      'worker-threads-only-in-workers: src/robustness/runs.ts → worker_threads',
    ]);
  });

  it('pass a tree whose imports follow the rules', () => {
    const r = cruise('good');
    expect(r.violations).toEqual([]);
    expect(r.status).toBe(0);
  });
});
