/**
 * Tests that rebuild something from the raw public data (`$WARDRANK_RAW_DATA`, default
 * `../shared/data` beside the clone, as CI has it) and what happens without it. A clone on its
 * own (no raw data, not CI) skips them, and vitest lists them as skipped; in CI (`CI` set) they
 * always run, so missing raw data fails the build rather than passing unseen.
 */
import { existsSync } from 'node:fs';
import { describe, it } from 'vitest';
import { RAW } from '../../scripts/build-london-crosswalk.ts';

export { RAW };

const inCi = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';

/** True when the raw data are absent and this is not CI: the tests that need them are skipped. */
export const withoutRawData = !existsSync(RAW) && !inCi;

/**
 * `describe` for a suite whose body reads the raw data: without them (outside CI) the body never
 * runs and one skipped test names what is missing.
 */
export function describeWithRawData(name: string, body: () => void): void {
  if (withoutRawData) describe.skip(name, () => it(`needs the raw data in ${RAW}`, () => {}));
  else describe(name, body);
}
