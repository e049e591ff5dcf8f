/**
 * zod/mini has no messages of its own ("Invalid input" for everything) until a locale is set;
 * src/core/zod.ts sets English for every module that validates. Checked here in a test file that
 * loads no classic zod (which would set English for the whole process and hide a missing locale):
 * the messages below are the ones classic zod gives for the same inputs (test/io/zodMini.test.ts
 * compares the two schemas in full).
 */
import { describe, expect, it } from 'vitest';
import { methodsSchema } from '../../src/core/framework.ts';
import { pilotSettingsSchema } from '../../src/select/settings.ts';

const messages = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.error?.issues.map((i) => [i.path.join('.'), i.message]);

describe('zod/mini messages are English without classic zod loaded', () => {
  it('pilots settings', () => {
    const r = pilotSettingsSchema.safeParse({
      k: 0.5,
      borough: '',
      extra: 1,
      objective: 'x',
      matching: { caliper: 'a' },
      evaluation: { donors: 300 },
    });
    expect(messages(r)).toEqual([
      ['k', 'Invalid input: expected int, received number'],
      ['borough', 'Too small: expected string to have >=1 characters'],
      ['matching.caliper', 'Invalid input: expected number, received string'],
      ['objective', 'Invalid option: expected one of "index"|"expected"'],
      ['evaluation.donors', 'Too big: expected number to be <=200'],
      ['', 'Unrecognized key: "extra"'],
    ]);
  });

  it('methods', () => {
    const r = methodsSchema.safeParse({
      treat: { skew: 0 },
      combine: { min_coverage: 2 },
      normalise: { range: [2, 1] },
    });
    expect(messages(r)).toEqual([
      ['treat.skew', 'Too small: expected number to be >0'],
      ['normalise.range', 'range [l, u] needs l < u'],
      ['combine.min_coverage', 'Too big: expected number to be <=1'],
    ]);
  });
});
