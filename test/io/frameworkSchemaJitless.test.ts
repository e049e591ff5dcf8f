/**
 * loadFramework validates framework.yaml with zod's interpreted parser (`jitless`), which is
 * cheaper for a single parse than compiling one; zod documents the two as the same parser. Checked
 * here on every framework YAML in the repository (the bad-input ones included) and on generated
 * edits of London's: the same data, or the same issues.
 */
import { readFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import fc from 'fast-check';
import { load as parse } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { frameworkFileSchema } from '../../src/core/framework.ts';

const yamls = execSync('git ls-files "*.yaml"', { encoding: 'utf8' })
  .split('\n')
  .filter((f) => /framework[^/]*\.yaml$/.test(f));

const both = (value: unknown) => [
  frameworkFileSchema.safeParse(value, { jitless: true }),
  frameworkFileSchema.safeParse(value),
];

describe('framework schema: jitless = compiled', () => {
  it('finds the framework files', () => expect(yamls.length).toBeGreaterThan(10));

  it.each(yamls)('%s', (file) => {
    let value: unknown;
    try {
      value = parse(readFileSync(file, 'utf8'));
    } catch {
      return; // not YAML (a bad-input case for the YAML parser)
    }
    const [a, b] = both(value);
    expect(a.success).toBe(b.success);
    expect(a.success ? a.data : a.error.issues).toEqual(b.success ? b.data : b.error.issues);
  });

  it('on London with fields removed, replaced or retyped', () => {
    const london = parse(readFileSync('data/london/framework.yaml', 'utf8')) as Record<string, unknown>;
    const keys = Object.keys(london);
    const junk = fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      fc.integer(),
      fc.string(),
      fc.constant([]),
      fc.constant({}),
    );
    fc.assert(
      fc.property(fc.constantFrom(...keys), junk, fc.nat(20), junk, (key, value, k, inner) => {
        const edited = structuredClone(london);
        edited[key] = value;
        const m = structuredClone(london);
        const measures = m.measures as Record<string, unknown>[];
        measures[k % measures.length] = { ...measures[k % measures.length], weight: inner };
        for (const v of [edited, m]) {
          const [a, b] = both(v);
          expect(a.success ? a.data : a.error.issues).toEqual(b.success ? b.data : b.error.issues);
        }
      }),
      { numRuns: 300 },
    );
  });
});
