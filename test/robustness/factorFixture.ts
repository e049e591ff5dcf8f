/**
 * A copy of the small fixture (synthetic, NOT real data) with two extra columns in wards.csv,
 * generated here, for the robustness data factors:
 *
 *   workday_population   an alternative denominator: population × (1, 3, 0.5) by row (cyclic)
 *   violence_count_2019  an alternative vintage of violence_count: violence_count + 10·row
 *
 * `robustness` is appended to framework.yaml; `indicators` rewrites cells of indicators.csv
 * (e.g. a table that declares the alternative directly, to check a run against).
 */
import { mkdtempSync, readFileSync, readdirSync, copyFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SMALL = 'test/fixtures/small';

export function factorFixture(options: { robustness?: string; indicators?: (csv: string) => string } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'wardrank-factors-'));
  for (const f of readdirSync(SMALL)) copyFileSync(join(SMALL, f), join(dir, f));
  const lines = readFileSync(join(SMALL, 'wards.csv'), 'utf8').trim().split('\n');
  const factors = [1, 3, 0.5];
  const out = lines.map((line, r) => {
    if (r === 0) return `${line},workday_population,violence_count_2019`;
    const cells = line.split(',');
    const population = Number(cells[6]);
    const violence = Number(cells[1]);
    return `${line},${population * factors[(r - 1) % 3]},${violence + 10 * r}`;
  });
  writeFileSync(join(dir, 'wards.csv'), out.join('\n') + '\n');
  if (options.robustness)
    writeFileSync(
      join(dir, 'framework.yaml'),
      readFileSync(join(SMALL, 'framework.yaml'), 'utf8') + options.robustness,
    );
  if (options.indicators)
    writeFileSync(join(dir, 'indicators.csv'), options.indicators(readFileSync(join(SMALL, 'indicators.csv'), 'utf8')));
  return join(dir, 'framework.yaml');
}
