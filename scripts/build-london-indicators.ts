/**
 * Builds the London indicator tables in data/london-2018/ from the vendored raw sources in
 * data/london-2018/sources/ and the 2013→2018 ward crosswalk written by build-london-geo.ts.
 *
 *   node --import tsx scripts/build-london-indicators.ts            # build
 *   node --import tsx scripts/build-london-indicators.ts --vendor   # first copy the raw files from ../shared/data
 *
 * Outputs: imd_wards.csv, crime_wards.csv, carried_wards.csv, borough_profiles.csv,
 * ward_indicators.arrow (the three ward tables joined), columns.csv (every column described),
 * pas.template.csv (blank form for the survey drop-in) and data-manifest.json
 * (SHA-256 of every input and output). Deterministic: same inputs, same bytes.
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
import {
  builtTableColumns,
  columnDictionaryRows,
  COLUMN_DICTIONARY_HEADER,
  formatBuiltTable,
  type BuiltTable,
} from './lib/london/builtTable.ts';
import { loadLondonSources } from './lib/london/loadSources.ts';
import { joinWardTables } from './lib/london/joinWardTables.ts';
import { LONDON_SOURCES, LONDON_SOURCES_2022, type SourceFile } from './lib/london/sources.ts';
import { AREAS_COLUMNS_2022, buildLondonTables2022 } from './lib/london/buildLondon2022.ts';
import { MONTHLY_FILE, monthlySeriesCsv, SERIES_2018 } from './lib/london/monthlyCrime.ts';
import { pasTemplate } from './lib/london/pasTemplate.ts';
import { formatProblem, InputError } from '../src/core/errors.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'data/london-2018');
const sourcesDir = join(out, 'sources');
const CROSSWALK = 'crosswalk_wards2013_to_wards2018.csv';
const out2022 = join(root, 'data/london');
const sources2022 = join(out2022, 'sources');
const CROSSWALK_2022 = 'crosswalk_wards2013_to_wards2022.csv';

function vendor(sharedDir: string, list: SourceFile[], dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const s of list) {
    const from = join(sharedDir, s.shared);
    const bytes = readFileSync(from);
    const digest = sha256Hex(bytes);
    if (digest !== s.sha256)
      throw new InputError(`SHA-256 ${digest} differs from the provenance note`, { file: from, expected: s.sha256 });
    // gzip with a zero timestamp: the same input always gives the same .gz bytes.
    writeFileAtomic(join(dir, s.vendored), gzipSync(bytes, { level: 9 }));
    writeFileAtomic(
      join(dir, `${s.vendored.replace(/\.gz$/, '')}.provenance.md`),
      readFileSync(`${from}.provenance.md`),
    );
    console.log(`vendored ${s.shared} → ${relative(root, dir)}`);
  }
}

function requireFile(path: string, what: string): void {
  if (!existsSync(path))
    throw new InputError(`${what} is missing`, {
      file: path,
      expected: 'run scripts/build-london-geo.ts first (npm run data:london runs both)',
    });
}

/**
 * Writes the tables, columns.csv, pas.template.csv, ward_indicators.arrow and extra files; returns the output names.
 */
function writeTables(
  dir: string,
  tables: BuiltTable[],
  wardTables: BuiltTable[],
  extra: Record<string, string>,
  dictionaryPrefix: string[][] = [],
): string[] {
  const outputs: string[] = [];
  for (const table of tables) {
    writeFileAtomic(join(dir, table.file), formatBuiltTable(table));
    outputs.push(table.file);
  }
  writeFileAtomic(
    join(dir, 'columns.csv'),
    formatCsv(COLUMN_DICTIONARY_HEADER, [...dictionaryPrefix, ...columnDictionaryRows(tables)]),
  );
  outputs.push('columns.csv');
  const indicators = parseCsv(readFileSync(join(dir, 'indicators.csv'), 'utf-8'), { file: 'indicators.csv' });
  writeFileAtomic(join(dir, 'pas.template.csv'), pasTemplate(indicators, wardTables[0].codes, wardTables[0].names));
  outputs.push('pas.template.csv');
  writeArrowFile(
    join(dir, 'ward_indicators.arrow'),
    builtTableColumns(joinWardTables('ward_indicators.arrow', wardTables)),
  );
  outputs.push('ward_indicators.arrow');
  for (const [name, text] of Object.entries(extra)) {
    writeFileAtomic(join(dir, name), text);
    outputs.push(name);
  }
  for (const table of tables) {
    const missing = table.columns
      .map((c) => [c.name, table.values[c.name].filter(Number.isNaN).length] as const)
      .filter(([, n]) => n > 0);
    console.log(
      `${relative(root, join(dir, table.file))}: ${table.codes.length} rows, ${table.columns.length} columns; missing: ${missing.map(([c, n]) => `${c} ${n}`).join(', ') || 'none'}`,
    );
  }
  return outputs;
}

function writeManifest(
  dir: string,
  list: SourceFile[],
  srcDir: string,
  derived: { file: string; original: string; publisher: string }[],
  outputs: string[],
): void {
  const manifest = {
    generated_by: 'scripts/build-london-indicators.ts',
    note: 'SHA-256 of every input (uncompressed bytes, as in the provenance notes) and output. No timestamps, so identical builds give identical manifests.',
    inputs: [
      ...list.map((s) => ({
        file: `sources/${s.vendored}`,
        original: s.shared,
        publisher: s.publisher,
        sha256: s.sha256,
        sha256_gz: sha256File(join(srcDir, s.vendored)),
      })),
      ...derived.map((d) => ({ ...d, sha256: sha256File(join(dir, d.file)) })),
      {
        file: 'indicators.csv',
        original: 'hand-maintained framework table (its pas.csv columns shape pas.template.csv)',
        publisher: 'wardrank',
        sha256: sha256File(join(dir, 'indicators.csv')),
      },
    ],
    outputs: outputs.map((f) => ({ file: f, sha256: sha256File(join(dir, f)) })),
  };
  writeFileAtomic(join(dir, 'data-manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
}

/** The historical index on GLA 2018 wards (data/london-2018). */
function build2018(): void {
  const crosswalkPath = join(out, CROSSWALK);
  requireFile(crosswalkPath, 'the 2013→2018 ward crosswalk');
  const src = loadLondonSources(sourcesDir);
  const crosswalk = parseCsv(readFileSync(crosswalkPath, 'utf-8'), { file: CROSSWALK });
  const t = buildLondonTables(src, crosswalk);
  const monthly = monthlySeriesCsv(
    src.crime,
    SERIES_2018,
    src.crime.months[0],
    src.crime.months[src.crime.months.length - 1],
  );
  const outputs = writeTables(out, [t.imd, t.crime, t.carried, t.boroughs], [t.imd, t.crime, t.carried], {
    [MONTHLY_FILE]: monthly,
  });
  writeManifest(
    out,
    LONDON_SOURCES,
    sourcesDir,
    [
      {
        file: CROSSWALK,
        original: 'scripts/build-london-geo.ts',
        publisher: 'derived (ONS/GLA boundaries, ONS LSOA populations)',
      },
    ],
    outputs,
  );
}

/** The current index on ONS December 2022 wards (data/london). */
function build2022(): void {
  const crosswalkPath = join(out2022, CROSSWALK_2022);
  const areasPath = join(out2022, 'areas.csv');
  requireFile(crosswalkPath, 'the 2013→2022 ward crosswalk');
  requireFile(areasPath, 'data/london/areas.csv');
  const crosswalk = parseCsv(readFileSync(crosswalkPath, 'utf-8'), { file: CROSSWALK_2022 });
  const areas = parseCsv(readFileSync(areasPath, 'utf-8'), { file: 'areas.csv' });
  const t = buildLondonTables2022(sources2022, areas, crosswalk);
  const outputs = writeTables(
    out2022,
    [t.iod, t.crime, t.carried, t.childPoverty, t.pas, t.boroughs],
    [t.iod, t.crime, t.carried, t.childPoverty],
    { [MONTHLY_FILE]: t.monthly },
    AREAS_COLUMNS_2022,
  );
  writeManifest(
    out2022,
    LONDON_SOURCES_2022,
    sources2022,
    [
      {
        file: CROSSWALK_2022,
        original: 'scripts/build-london-geo.ts',
        publisher: 'derived (ONS/GLA boundaries, ONS LSOA populations)',
      },
      {
        file: 'areas.csv',
        original: 'scripts/build-london-geo.ts',
        publisher: 'derived (ONS ward boundaries, ONS mid-2022 and Census 2021 populations, GLA ward tables)',
      },
    ],
    outputs,
  );
}

function main(): void {
  const args = process.argv.slice(2);
  const i = args.indexOf('--vendor');
  if (i >= 0) {
    const shared = resolve(args[i + 1] && !args[i + 1].startsWith('--') ? args[i + 1] : join(root, '../shared/data'));
    vendor(shared, LONDON_SOURCES, sourcesDir);
    vendor(shared, LONDON_SOURCES_2022, sources2022);
  }
  const v = args.indexOf('--vintage');
  const which = v >= 0 ? args[v + 1] : 'all';
  if (which !== 'all' && which !== '2018' && which !== '2022')
    throw new Error(`--vintage must be 2018 or 2022, not ${which}`);
  if (which !== '2022') build2018();
  if (which !== '2018') build2022();
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
