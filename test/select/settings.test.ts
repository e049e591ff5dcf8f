/** The YAML `pilots:` section: defaults, validation errors naming the field, CLI overrides. */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.ts';
import { parsePilotSettings, withOverrides } from '../../src/select/settings.ts';

describe('pilot settings', () => {
  it('fills defaults', () => {
    const s = parsePilotSettings(undefined);
    expect(s).toMatchObject({
      k: 3,
      exclude: [],
      non_adjacent: true,
      min_distance_km: 0,
      comparisons: 3,
      buffer_km: 1,
    });
    expect(s.matching).toEqual({
      metric: 'mahalanobis',
      replacement: false,
      propensity: false,
      caliper: 0.2,
      ridge: 1,
      same_inner_outer: false,
    });
    expect(s.max_per_borough).toBeUndefined();
  });

  it('reports a bad field as pilots.<field> in the framework file', () => {
    try {
      parsePilotSettings({ k: 0, matching: { caliper: -1 }, extra: 1 }, 'framework.yaml');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      const fields = (e as InputError).problems.map((p) => p.field).sort();
      expect(fields).toEqual(['pilots', 'pilots.k', 'pilots.matching.caliper']);
      expect((e as InputError).problems.every((p) => p.file === 'framework.yaml')).toBe(true);
    }
  });

  it('lets flags override YAML values one by one, leaving the rest', () => {
    const yaml = parsePilotSettings({ k: 4, max_per_borough: 2, buffer_km: 3, matching: { propensity: true } });
    const s = withOverrides(yaml, { k: 2, buffer_km: undefined, matching: { caliper: 0.1, propensity: undefined } });
    expect(s).toMatchObject({ k: 2, max_per_borough: 2, buffer_km: 3 });
    expect(s.matching).toMatchObject({ propensity: true, caliper: 0.1 });
  });
});
