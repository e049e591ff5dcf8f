/**
 * Builds dist/ (`npm run build`, about a second) before the tests, so the tests that start the
 * CLI as a user does (`node bin/wardrank.js`) run the code under test, never a stale build.
 */
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: ['ignore', 'ignore', 'inherit'] });
}
