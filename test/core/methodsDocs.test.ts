import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { aggregateTable, normaliseTable } from '../../src/core/methods/table.ts';
import { AGGREGATE_METHODS, COMBINE_METHODS, NORMALISE_METHODS, methodsSchema } from '../../src/core/framework.ts';
import { NORMALISERS } from '../../src/core/methods/normalise/registry.ts';
import { AGGREGATORS } from '../../src/core/methods/aggregate/registry.ts';

const doc = readFileSync('docs/methods.md', 'utf8');
const between = (tag: string) => doc.split(`<!-- methods:${tag} -->\n`)[1].split(`\n<!-- /methods:${tag} -->`)[0];

describe('method registries', () => {
  it('docs/methods.md lists exactly the registered methods, as the registries describe them', () => {
    expect(between('normalise')).toBe(normaliseTable());
    expect(between('aggregate')).toBe(aggregateTable());
  });

  it('the framework schema accepts exactly the registered methods', () => {
    expect([...NORMALISE_METHODS]).toEqual(NORMALISERS.map((m) => m.id));
    expect([...AGGREGATE_METHODS]).toEqual(AGGREGATORS.map((m) => m.id));
    expect([...COMBINE_METHODS]).toEqual([...AGGREGATORS.map((m) => m.id), 'exponential']);
    for (const id of NORMALISE_METHODS)
      expect(methodsSchema.safeParse({ normalise: { method: id } }).success).toBe(true);
    expect(methodsSchema.safeParse({ normalise: { method: 'softmax' } }).success).toBe(false);
    expect(methodsSchema.safeParse({ normalise: { method: 'minmax', range: [100, 1] } }).success).toBe(false);
    expect(methodsSchema.safeParse({ combine: { method: 'geometric' } }).success).toBe(true);
  });
});
