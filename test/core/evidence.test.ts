import { describe, expect, it } from 'vitest';
import { loadFramework } from '../../src/io/loadFramework.ts';
import { run } from '../../src/core/run.ts';
import { categoryEvidence } from '../../src/core/evidence.ts';

describe('category evidence (proxies, borough stand-ins, missing indicators)', () => {
  it('weighs proxies and stand-ins by effective weight within the category (small fixture, by hand)', () => {
    const l = loadFramework('test/fixtures/small/framework.yaml');
    const r = run(l.framework, l.inputs);
    const [crime, health] = categoryEvidence(r.framework, r.weights, r.categoryIds, r.excluded);
    // crime: violence (2/3: violence_rate ½, robbery_rate ½) and weapons (1/3: blade, a proxy) → 1/3 on proxies
    expect(crime.proxyShare).toBeCloseTo(1 / 3, 12);
    expect(crime.boroughShare).toBe(0);
    expect(crime.noData).toEqual(['hospital', 'survey']);
    // health: deprivation 1 × youth_claimants ¼ (borough level)
    expect(health.boroughShare).toBeCloseTo(1 / 4, 12);
    expect(health.noData).toEqual([]);
    expect(r.warnings.join('\n')).toMatch(
      /category crime \(Violent crime\): 33 % of its weight on named proxies, 0 % on borough stand-ins; 2 declared indicator\(s\) have no data \(hospital, survey\)/,
    );
  });
});
