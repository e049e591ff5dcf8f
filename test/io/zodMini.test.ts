/**
 * The schemas in src/ are written with zod's functional API (`zod/mini`, English messages set in
 * src/core/zod.ts). Checked here against the same schemas written with zod's classic API, frozen
 * in helpers/classicSchemas.ts: on every framework YAML in the repository and on generated edits
 * of the real frameworks' sections, both give the same data, or the same issues (code, path,
 * message and every other field), so no analyst sees a different message.
 */
import { readFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import * as mini from '../../src/core/framework.ts';
import { pilotSettingsSchema } from '../../src/select/settings.ts';
import { robustnessSchema } from '../../src/robustness/settings.ts';
import { factorSpecSchema, FACTOR_STEPS } from '../../src/robustness/factorSpec.ts';
import { schemaIssues } from '../../src/cli/zodIssues.ts';
import { yamlValue } from '../../src/io/yamlValue.ts';
import * as classic from './helpers/classicSchemas.ts';

interface Parser {
  safeParse(value: unknown, params?: { jitless?: boolean }): { success: boolean; data?: unknown; error?: unknown };
}

let compared = 0;
let rejected = 0;
afterAll(() => console.log(`zod/mini vs classic: ${compared} values compared, ${rejected} of them rejected`));

const outcome = (r: ReturnType<Parser['safeParse']>) =>
  r.success ? { data: r.data } : { issues: (r.error as { issues: unknown[] }).issues };

/** Both schemas on one value (and mini jitless, as loadFramework parses): the same outcome. */
function same(newer: Parser, older: Parser, value: unknown): void {
  const expected = outcome(older.safeParse(structuredClone(value)));
  if ('issues' in expected) rejected++;
  expect(outcome(newer.safeParse(structuredClone(value)))).toEqual(expected);
  expect(outcome(newer.safeParse(structuredClone(value), { jitless: true }))).toEqual(expected);
  compared++;
}

const yamlFiles = execSync('git ls-files "*.yaml"', { encoding: 'utf8' })
  .split('\n')
  .filter((f) => /framework[^/]*\.yaml$/.test(f));

/**
 * The value zod sees: the YAML as loadFramework reads it (undefined when the reader rejects it,
 * alias bombs among them).
 */
function readYaml(file: string): unknown {
  const read = yamlValue(readFileSync(file, 'utf8'), file);
  return 'value' in read ? read.value : undefined;
}

const section = (value: unknown, key: string) =>
  value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;

/** Values a hand-edited YAML might hold: wrong types, edge numbers, near-valid strings and shapes. */
const JUNK: unknown[] = [
  undefined,
  null,
  true,
  false,
  0,
  -0,
  1,
  -1,
  0.5,
  1.5,
  2,
  3,
  20,
  21,
  51,
  201,
  1001,
  1e6,
  1e7,
  1e15,
  1e16,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  Infinity,
  -Infinity,
  NaN,
  '',
  'x',
  'Bad Id',
  'ok_id',
  'median',
  'max',
  'decile',
  'none',
  'mean',
  'coinr',
  'zscore',
  'minmax',
  'goalposts',
  'arithmetic',
  'geometric',
  'exponential',
  'pca',
  'all',
  'uniform',
  'dirichlet',
  'euclidean',
  'expected',
  'treat',
  'method',
  [],
  {},
  [0, 100],
  [100, 1],
  [1, 1],
  [1, 2, 3],
  [5, 30],
  ['a', 'a'],
  ['none', 'none'],
  ['zscore', 'rank'],
  [''],
  { method: 'minmax', range: [1, 0] },
  { extra: 1 },
];

const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...JUNK),
  fc.integer({ min: -5, max: 1005 }),
  fc.double(),
  fc.string({ maxLength: 6 }),
);

type Path = (string | number)[];

/** Every path into a JSON-like value (the root included). */
function paths(value: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

type Edit = { kind: 'set' | 'delete' | 'add'; path: number; key: string; value: unknown };

/** One edit of a copy of `base`: a value replaced, removed, or a key added beside it. */
function applyEdit(base: unknown, all: Path[], e: Edit): unknown {
  const path = all[e.path % all.length];
  if (path.length === 0) return e.kind === 'set' ? e.value : base;
  const copy = structuredClone(base) as Record<string | number, unknown>;
  let parent = copy;
  for (const p of path.slice(0, -1)) parent = parent[p] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (e.kind === 'set') parent[last] = e.value;
  else if (e.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else if (!Array.isArray(parent)) parent[e.key] = e.value;
  else parent.push(e.value);
  return copy;
}

const edit: fc.Arbitrary<Edit> = fc.record({
  kind: fc.constantFrom('set', 'set', 'delete', 'add'),
  path: fc.nat(),
  key: fc.constantFrom('extra', 'method', 'range', 'reference', 'k', 'id', 'values', 'factors'),
  value: junk,
});

/** Generated edits (one to three at a time) of `base`, each compared. */
function editsAgree(newer: Parser, older: Parser, base: unknown, numRuns: number): void {
  fc.assert(
    fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
      let v = base;
      for (const e of edits) v = applyEdit(v, paths(v), e);
      same(newer, older, v);
    }),
    { numRuns },
  );
}

/** Every value of JUNK at every path of `base` (and removed there), each compared. */
function everyPathAgrees(newer: Parser, older: Parser, base: unknown): void {
  for (const path of paths(base)) {
    for (const value of JUNK) same(newer, older, applyEdit(base, [path], { kind: 'set', path: 0, key: '', value }));
    same(newer, older, applyEdit(base, [path], { kind: 'delete', path: 0, key: '', value: undefined }));
  }
}

/** Every setting filled in (the optional ones too), so that every field gets every JUNK value. */
const fullMethods = {
  ...classic.defaultMethods(),
  normalise: { method: 'minmax', range: [0, 100], reference: 'median' },
};
const fullPilots = {
  ...classic.pilotSettingsSchema.parse({}),
  max_per_borough: 1,
  borough: 'best',
  cluster: { population_cap: 30000, same_borough: true },
  objective: 'expected',
  eligibility: { robust_candidates: true, min_p_top_decile: 0.8, max_p95_rank: 63 },
  preference: { single_borough: true, source: 'a source' },
};

const frameworks = [
  'data/london/framework.yaml',
  'data/london-2018/framework.yaml',
  'test/fixtures/select/framework.yaml',
];

describe('zod/mini schemas = the classic ones', () => {
  it('finds the framework files', () => expect(yamlFiles.length).toBeGreaterThan(10));

  it.each(yamlFiles)('%s: the file, its pilots: and its robustness: sections', (file) => {
    const value = readYaml(file);
    same(mini.frameworkFileSchema, classic.frameworkFileSchema, value);
    same(pilotSettingsSchema, classic.pilotSettingsSchema, section(value, 'pilots') ?? {});
    same(robustnessSchema, classic.robustnessSchema, section(value, 'robustness') ?? {});
  });

  it('the default methods', () => expect(mini.defaultMethods()).toEqual(classic.defaultMethods()));

  it('every JUNK value at every path of London (the file), of its robustness: section, and of full methods and pilots settings', () => {
    const london = readYaml('data/london/framework.yaml');
    everyPathAgrees(mini.frameworkFileSchema, classic.frameworkFileSchema, london);
    everyPathAgrees(mini.methodsSchema, classic.methodsSchema, fullMethods);
    everyPathAgrees(pilotSettingsSchema, classic.pilotSettingsSchema, fullPilots);
    everyPathAgrees(robustnessSchema, classic.robustnessSchema, section(london, 'robustness'));
    everyPathAgrees(robustnessSchema, classic.robustnessSchema, classic.robustnessSchema.parse({}));
  });

  it.each(frameworks)('%s with fields removed, replaced or added anywhere', (file) => {
    editsAgree(mini.frameworkFileSchema, classic.frameworkFileSchema, readYaml(file), 400);
  });

  it('London with top-level fields and a measure weight replaced (as frameworkSchemaJitless.test.ts)', () => {
    const london = readYaml('data/london/framework.yaml') as Record<string, unknown>;
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(london)), junk, fc.nat(20), junk, (key, value, k, inner) => {
        const edited = { ...london, [key]: value };
        const m = structuredClone(london);
        const measures = m.measures as Record<string, unknown>[];
        measures[k % measures.length] = { ...measures[k % measures.length], weight: inner };
        same(mini.frameworkFileSchema, classic.frameworkFileSchema, edited);
        same(mini.frameworkFileSchema, classic.frameworkFileSchema, m);
      }),
      { numRuns: 300 },
    );
  });

  it('methods: every setting of every step set to generated values', () => {
    const steps = Object.keys(mini.defaultMethods()) as (keyof ReturnType<typeof mini.defaultMethods>)[];
    const keys = [
      ...new Set(steps.flatMap((s) => Object.keys(mini.defaultMethods()[s])).concat(['range', 'reference'])),
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...steps),
        fc.array(fc.tuple(fc.constantFrom(...keys, 'extra'), junk), { maxLength: 3 }),
        (step, settings) => {
          same(mini.methodsSchema, classic.methodsSchema, { [step]: Object.fromEntries(settings) });
        },
      ),
      { numRuns: 500 },
    );
  });

  it.each(frameworks)('%s: its pilots: section edited', (file) => {
    const pilots = section(readYaml(file), 'pilots') ?? {};
    editsAgree(pilotSettingsSchema, classic.pilotSettingsSchema, pilots, 400);
  });

  it.each(frameworks)('%s: its robustness: section edited', (file) => {
    const robustness = section(readYaml(file), 'robustness') ?? {};
    editsAgree(robustnessSchema, classic.robustnessSchema, robustness, 400);
  });

  it('robustness factors: generated steps, parameters, values and indicators', () => {
    const london = section(readYaml('data/london/framework.yaml'), 'robustness') as Record<string, unknown>;
    const parameters = ['method', 'max_winsorised', 'skew', 'range', 'reference', 'min_coverage', 'top_k'];
    const factor = fc.record(
      {
        id: fc.constantFrom('f1', 'f2', 'treat', 'Bad', ''),
        step: fc.oneof(fc.constantFrom(...FACTOR_STEPS), junk),
        parameter: fc.constantFrom(...parameters, 'denominator', 'smooth', 'source', 'x', ''),
        values: fc.oneof(
          fc.array(junk, { maxLength: 4 }),
          fc.array(fc.constantFrom('declared', 'none', 'eb', 'population', { column: 'c' }, { column: '' }), {
            maxLength: 4,
          }),
          fc.array(fc.record({ column: junk, file: junk, period: junk }, { requiredKeys: [] }), { maxLength: 3 }),
        ),
        indicators: fc.oneof(fc.constant(undefined), fc.array(fc.constantFrom('a', 'b', 'Bad'), { maxLength: 2 })),
      },
      { requiredKeys: ['id', 'step', 'parameter', 'values'] },
    );
    fc.assert(
      fc.property(fc.array(factor, { maxLength: 3 }), (factors) => {
        for (const f of factors) same(factorSpecSchema, classic.factorSpecSchema, f);
        same(robustnessSchema, classic.robustnessSchema, { ...london, factors });
        same(robustnessSchema, classic.robustnessSchema, { factors });
      }),
      { numRuns: 500 },
    );
  });

  it("parse throws an error the CLI recognises, with the same issues as classic's", () => {
    const bad = { k: 0, matching: { caliper: -1 } };
    let thrown: unknown;
    try {
      pilotSettingsSchema.parse(bad);
    } catch (e) {
      thrown = e;
    }
    const expected = classic.pilotSettingsSchema.safeParse(bad);
    expect(expected.success).toBe(false);
    expect(schemaIssues(thrown)).toEqual(expected.error?.issues);
  });
});
