/**
 * The bad-input corpus: each folder here overlays the small fixture (test/fixtures/small) with
 * broken files and states, in case.json, the message the user must see. Every case must exit
 * with code 1, print that message (naming file:row:column or field and what was expected), and
 * leave the output folder exactly as it was.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { markerText } from '../../src/io/outputMarker.ts';

interface Case {
  description: string;
  expected: string;
  exit: number;
  delete?: string[];
  args?: string[];
}

const HERE = 'test/bad-inputs';
const BASE = 'test/fixtures/small';
const cases = readdirSync(HERE, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe('bad-input corpus', () => {
  let stderr: string[];
  beforeEach(() => {
    stderr = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr.push(String(chunk));
      return true;
    });
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });
  afterEach(() => vi.restoreAllMocks());

  it('has at least 30 cases', () => expect(cases.length).toBeGreaterThanOrEqual(30));

  it.each(cases)('%s', async (name) => {
    const c: Case = JSON.parse(readFileSync(join(HERE, name, 'case.json'), 'utf8'));
    const root = mkdtempSync(join(tmpdir(), `bad-${name}-`));
    const dir = join(root, 'framework');
    cpSync(BASE, dir, { recursive: true });
    for (const f of readdirSync(join(HERE, name))) if (f !== 'case.json') cpSync(join(HERE, name, f), join(dir, f));
    for (const f of c.delete ?? []) rmSync(join(dir, f));
    const out = join(root, 'out');
    mkdirSync(out);
    // An earlier run's folder: marked as wardrank's, so only the bad input can stop this run.
    writeFileSync(join(out, 'previous-run.txt'), 'outputs of an earlier run');
    writeFileSync(join(out, '.wardrank-output'), markerText('run', '0.1.0', ['previous-run.txt']));
    const args = (c.args ?? ['run', '{dir}/framework.yaml', '--out', '{out}']).map((a) => a.replace('{dir}', dir).replace('{out}', out));
    const code = await runCli(['node', 'wardrank', ...args]);
    const text = stderr.join('');
    expect(code, text).toBe(c.exit);
    expect(text).toContain(c.expected);
    // the output folder is untouched: same single file, no half-written sibling left behind
    expect(readdirSync(out).sort()).toEqual(['.wardrank-output', 'previous-run.txt']);
    expect(readdirSync(root).sort()).toEqual(['framework', 'out']);
    expect(existsSync(join(out, 'manifest.json'))).toBe(false);
    rmSync(root, { recursive: true, force: true });
  });
});
