/**
 * yamlValue: framework YAML read with js-yaml under the limits in src/io/yamlValue.ts. Checked
 * against the `yaml` package (an independent YAML 1.2 parser, kept as a test dependency for this)
 * on every framework file in the repository, at the exact limits (hand-built documents one value
 * or one level either side), and on located syntax errors.
 */
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { expandedSize, MAX_ALIASES, MAX_DEPTH, MAX_VALUES, yamlValue } from '../../src/io/yamlValue.ts';

const frameworks = execSync('git ls-files "*.yaml"', { encoding: 'utf8' })
  .split('\n')
  .filter((f) => /framework[^/]*\.yaml$/.test(f));

/** A document nested `levels` deep: levels = 1 is `a: 1` (the scalar at level 1). */
const nested = (levels: number) =>
  Array.from({ length: levels }, (_, i) => `${'  '.repeat(i)}a${i}:${i === levels - 1 ? ' 1' : ''}`).join('\n');

describe('yamlValue', () => {
  it('reads every framework file in the repository to the same value as the yaml package', () => {
    expect(frameworks.length).toBeGreaterThan(10);
    let compared = 0;
    for (const file of frameworks) {
      const text = readFileSync(file, 'utf8');
      let reference: unknown;
      try {
        reference = parse(text, { maxAliasCount: -1 });
      } catch {
        continue; // a bad-input case for the parser itself
      }
      const ours = yamlValue(text, 'framework.yaml');
      if ('problems' in ours) {
        // only the limits may refuse what the reference parser reads
        expect(ours.problems.map((p) => p.message).join(' ')).toMatch(/aliases|nested too deeply|expands to more/);
        continue;
      }
      expect(ours.value, file).toEqual(reference);
      compared++;
    }
    expect(compared).toBeGreaterThan(10);
  });

  it('YAML 1.2 core scalars: dates, underscores and yes stay strings; 0o14 is 12; ~ is null', () => {
    const r = yamlValue('a: 2024-04\nb: 2024-04-01\nc: 1_000\nd: yes\ne: 0o14\nf: ~\ng: .inf\n', 'f.yaml');
    expect(r).toEqual({
      value: { a: '2024-04', b: '2024-04-01', c: '1_000', d: 'yes', e: 12, f: null, g: Infinity },
    });
  });

  it('a syntax error or a duplicate key is one problem on its line', () => {
    expect(yamlValue('name: x\nweights: [1, 2\nother: 3\n', 'f.yaml')).toEqual({
      problems: [
        {
          file: 'f.yaml',
          row: 3,
          message: expect.stringMatching(/^YAML: /),
          expected: 'valid YAML',
          severity: 'error',
        },
      ],
    });
    expect(yamlValue('name: x\nid: a\nid: b\n', 'f.yaml')).toEqual({
      problems: [
        { file: 'f.yaml', row: 3, message: 'YAML: duplicated mapping key', expected: 'valid YAML', severity: 'error' },
      ],
    });
  });

  it('an empty file or two documents is a problem, not an exception', () => {
    for (const text of ['', 'a: 1\n---\nb: 2\n']) {
      const r = yamlValue(text, 'f.yaml');
      expect('problems' in r && r.problems.length).toBe(1);
    }
  });

  it(`nesting: ${MAX_DEPTH} levels read, ${MAX_DEPTH + 1} refused`, () => {
    expect(yamlValue(nested(MAX_DEPTH), 'f.yaml')).toHaveProperty('value');
    expect(yamlValue(nested(MAX_DEPTH + 1), 'f.yaml')).toEqual({
      problems: [
        {
          file: 'f.yaml',
          message: 'YAML nested too deeply',
          expected: `at most ${MAX_DEPTH} levels`,
          severity: 'error',
        },
      ],
    });
  });

  it(`aliases: ${MAX_ALIASES} read, ${MAX_ALIASES + 1} refused on the line of the one too many`, () => {
    const doc = (n: number) => ['a: &x 1', ...Array.from({ length: n }, (_, i) => `b${i}: *x`)].join('\n');
    expect(yamlValue(doc(MAX_ALIASES), 'f.yaml')).toHaveProperty('value');
    const r = yamlValue(doc(MAX_ALIASES + 1), 'f.yaml');
    expect(r).toEqual({
      problems: [
        {
          file: 'f.yaml',
          row: MAX_ALIASES + 2,
          message: `YAML: aliases exceeded maxAliases (${MAX_ALIASES})`,
          expected: `valid YAML with at most ${MAX_ALIASES} aliases`,
          severity: 'error',
        },
      ],
    });
  });

  it(`expansion: 48 aliases that expand to 8⁶ = 262,144 values are refused (limit ${MAX_VALUES.toLocaleString('en-GB')})`, () => {
    const lines = ['l0: &l0 [x, x, x, x, x, x, x, x]'];
    for (let k = 1; k <= 6; k++)
      lines.push(
        `l${k}: &l${k} [${Array(8)
          .fill(`*l${k - 1}`)
          .join(', ')}]`,
      );
    const r = yamlValue(lines.join('\n'), 'f.yaml');
    expect('problems' in r && r.problems[0].message).toBe(
      'YAML expands to more than 100,000 values (aliases repeat what they name)',
    );
  });

  it('expandedSize counts every value once per appearance, the document included', () => {
    // document + 3 keys + 2 list items each = 1 + 3 + 6 = 10 values; 3 levels (list items at level 2)
    const shared = [1, 2];
    const doc = { a: shared, b: shared, c: shared };
    expect(expandedSize(doc)).toBeUndefined();
    let deep: unknown = 1;
    for (let k = 0; k < MAX_DEPTH; k++) deep = [deep];
    expect(expandedSize(deep)).toBeUndefined(); // the 1 at level MAX_DEPTH
    expect(expandedSize([deep])).toBe('deep');
    expect(expandedSize(Array(MAX_VALUES - 1).fill(0))).toBeUndefined(); // MAX_VALUES values in all
    expect(expandedSize(Array(MAX_VALUES).fill(0))).toBe('large');
  });
});
