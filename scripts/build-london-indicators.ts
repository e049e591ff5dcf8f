/**
 * Builds the London indicator tables in data/london-2018/ from the vendored raw sources in
 * data/london-2018/sources/ and the 2013→2018 ward crosswalk written by build-london-geo.ts.
 *
 *   node --import tsx scripts/build-london-indicators.ts            # build
 *   node --import tsx scripts/build-london-indicators.ts --vendor   # first copy the raw files from ../shared/data
 *
 * Outputs: imd_wards.csv, crime_wards.csv, carried_wards.csv, borough_profiles.csv,
 * ward_indicators.arrow (the three ward tables joined), columns.csv (every column described),
 * pas.template.csv (blank form for the survey drop-in) and data-manifest.json (SHA-256 of every input and output). Deterministic: same inputs, same bytes.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { writeFileAtomic } from '../src/io/atomic.ts';
import { formatCsv, parseCsv } from '../src/io/csv.ts';
import { writeArrowFile } from '../src/io/arrow.ts';
import { sha256File, sha256Hex } from '../src/shared/sha256.ts';
import { buildLondonTables } from './lib/london/buildLondon.ts';
import { builtTableColumns, columnDictionaryRows, COLUMN_DICTIONARY_HEADER, formatBuiltTable, type BuiltTable } from './lib/london/builtTable.ts';
import { loadLondonSources } from './lib/london/loadSources.ts';
import { joinWardTables } from './lib/london/joinWardTables.ts';
import { LONDON_SOURCES } from './lib/london/sources.ts';
import { pasTemplate } from './lib/london/pasTemplate.ts';
import { formatProblem, InputError } from '../src/core/errors.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'data/london-2018');
const sourcesDir = join(out, 'sources');
const CROSSWALK = 'crosswalk_wards2013_to_wards2018.csv';

function vendor(sharedDir: string): void {
  mkdirSync(sourcesDir, { recursive: true });
  for (const s of LONDON_SOURCES) {
    const from = join(sharedDir, s.shared);
    const bytes = readFileSync(from);
    const digest = sha256Hex(bytes);
    if (digest !== s.sha256) throw new InputError(`SHA-256 ${digest} differs from the provenance note`, { file: from, expected: s.sha256 });
    // gzip with a zero timestamp: the same input always gives the same .gz bytes.
    writeFileAtomic(join(sourcesDir, s.vendored), gzipSync(bytes, { level: 9 }));
    writeFileAtomic(join(sourcesDir, `${s.vendored.replace(/\.gz$/, '')}.provenance.md`), readFileSync(`${from}.provenance.md`));
    console.log(`vendored ${s.shared}`);
  }
}

function main(): void {
  const args = process.argv.slice(2);
  const i = args.indexOf('--vendor');
  if (i >= 0) vendor(resolve(args[i + 1] && !args[i + 1].startsWith('--') ? args[i + 1] : join(root, '../shared/data')));

  const crosswalkPath = join(out, CROSSWALK);
  if (!existsSync(crosswalkPath)) throw new InputError('the 2013→2018 ward crosswalk is missing', { file: crosswalkPath, expected: 'run scripts/build-london-geo.ts first (npm run data:london runs both)' });
  const src = loadLondonSources(sourcesDir);
  const crosswalk = parseCsv(readFileSync(crosswalkPath, 'utf-8'), { file: CROSSWALK });
  const t = buildLondonTables(src, crosswalk);
  const tables: BuiltTable[] = [t.imd, t.crime, t.carried, t.boroughs];

  const outputs: string[] = [];
  for (const table of tables) {
    writeFileAtomic(join(out, table.file), formatBuiltTable(table));
    outputs.push(table.file);
  }
  writeFileAtomic(join(out, 'columns.csv'), formatCsv(COLUMN_DICTIONARY_HEADER, columnDictionaryRows(tables)));
  outputs.push('columns.csv');
  const indicators = parseCsv(readFileSync(join(out, 'indicators.csv'), 'utf-8'), { file: 'indicators.csv' });
  writeFileAtomic(join(out, 'pas.template.csv'), pasTemplate(indicators, t.imd.codes, t.imd.names));
  outputs.push('pas.template.csv');
  writeArrowFile(join(out, 'ward_indicators.arrow'), builtTableColumns(joinWardTables('ward_indicators.arrow', [t.imd, t.crime, t.carried])));
  outputs.push('ward_indicators.arrow');

  const manifest = {
    generated_by: 'scripts/build-london-indicators.ts',
    note: 'SHA-256 of every input (uncompressed bytes, as in the provenance notes) and output. No timestamps, so identical builds give identical manifests.',
    inputs: [
      ...LONDON_SOURCES.map((s) => ({ file: `sources/${s.vendored}`, original: s.shared, publisher: s.publisher, sha256: s.sha256, sha256_gz: sha256File(join(sourcesDir, s.vendored)) })),
      { file: CROSSWALK, original: 'scripts/build-london-geo.ts', publisher: 'derived (ONS/GLA boundaries, ONS LSOA populations)', sha256: sha256File(crosswalkPath) },
      { file: 'indicators.csv', original: 'hand-maintained framework table (its pas.csv columns shape pas.template.csv)', publisher: 'wardrank', sha256: sha256File(join(out, 'indicators.csv')) },
    ],
    outputs: outputs.map((f) => ({ file: f, sha256: sha256File(join(out, f)) })),
  };
  writeFileAtomic(join(out, 'data-manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  for (const table of tables) {
    const missing = table.columns.map((c) => [c.name, table.values[c.name].filter(Number.isNaN).length] as const).filter(([, n]) => n > 0);
    console.log(`${relative(root, join(out, table.file))}: ${table.codes.length} rows, ${table.columns.length} columns; missing: ${missing.map(([c, n]) => `${c} ${n}`).join(', ') || 'none'}`);
  }
}

try {
  main();
} catch (e) {
  if (e instanceof InputError) {
    for (const p of e.problems) console.error(formatProblem(p));
    process.exit(1);
  }
  throw e;
}
