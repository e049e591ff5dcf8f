/**
 * Fuzzing: fast-check mutates the valid fixture's CSV, YAML and GeoJSON files. Every outcome
 * must be a result or a typed, user-facing error (InputError → located problems); never an
 * internal exception, never a hang (each case is bounded by the test timeout and runs in
 * milliseconds).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateFramework } from '../../src/io/loadFramework.ts';
import { prepare, score } from '../../src/core/run.ts';

const dir = mkdtempSync(join(tmpdir(), 'wardrank-fuzz-'));
cpSync('test/fixtures/small', dir, { recursive: true });
const original = (f: string) => readFileSync(join('test/fixtures/small', f), 'utf8');

/** Loads the framework and, when valid, runs it; returns 'ok' or 'input-error'; throws on anything else. */
function outcome(): 'ok' | 'input-error' {
  const { loaded, problems } = validateFramework(join(dir, 'framework.yaml'));
  if (!loaded) {
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect(typeof p.message).toBe('string');
    return 'input-error';
  }
  const result = score(prepare(loaded.framework, loaded.inputs));
  expect(result.rank.length).toBe(loaded.inputs.areas.codes.length);
  return 'ok';
}

const SPECIAL = [
  ',',
  '"',
  '\n',
  '\r\n',
  '',
  ' ',
  '-',
  'NaN',
  '1e999',
  '#N/A',
  '\u00e9',
  '\uFEFF',
  ':',
  '{',
  '[',
  '&a',
  '*a',
  '!!js/function',
  '0x10',
  '..',
];
const edit = fc.record({
  at: fc.nat(),
  len: fc.nat({ max: 8 }),
  insert: fc.oneof(fc.constantFrom(...SPECIAL), fc.string({ maxLength: 6 })),
});

function mutate(text: string, edits: { at: number; len: number; insert: string }[]): string {
  let t = text;
  for (const e of edits) {
    const at = t.length ? e.at % (t.length + 1) : 0;
    t = t.slice(0, at) + e.insert + t.slice(at + e.len);
  }
  return t;
}

function fuzzTextFile(file: string, runs: number) {
  it(`mutated ${file}: a result or a located input error`, () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        writeFileSync(join(dir, file), mutate(original(file), edits));
        try {
          seen.add(outcome());
        } finally {
          writeFileSync(join(dir, file), original(file));
        }
      }),
      { numRuns: runs, seed: 20261127 },
    );
    expect(seen.has('input-error')).toBe(true);
  });
}

describe('fuzzing inputs', () => {
  fuzzTextFile('wards.csv', 150);
  fuzzTextFile('indicators.csv', 150);
  fuzzTextFile('areas.csv', 100);
  fuzzTextFile('framework.yaml', 150);

  it('mutated GeoJSON structure: a result or a located input error', () => {
    const geo = JSON.parse(original('areas.geojson'));
    fc.assert(
      fc.property(
        fc.nat({ max: 9 }),
        fc.constantFrom('geometry', 'properties', 'coordinates', 'type', 'ring', 'point'),
        fc.jsonValue({ maxDepth: 3 }),
        (k, where, value) => {
          const g = structuredClone(geo);
          const f = g.features[k];
          if (where === 'geometry') f.geometry = value;
          else if (where === 'properties') f.properties = value;
          else if (where === 'coordinates') f.geometry.coordinates = value;
          else if (where === 'type') f.geometry.type = value;
          else if (where === 'ring') f.geometry.coordinates[0] = value;
          else f.geometry.coordinates[0][1] = value;
          writeFileSync(join(dir, 'areas.geojson'), JSON.stringify(g));
          try {
            outcome();
          } finally {
            writeFileSync(join(dir, 'areas.geojson'), original('areas.geojson'));
          }
        },
      ),
      { numRuns: 200, seed: 20261127 },
    );
  });
});
