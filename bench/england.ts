/**
 * England at LSOA scale as a framework, for the end-to-end bench (`wardrank run` beside DuckDB):
 * the seven domain ranks of the English Indices of Deprivation 2019 for all 32,844 LSOAs (2011),
 * each domain a category weighted as the IoD weights it (MHCLG 2019 Technical Report, Table 3.1),
 * normalised by rank and combined exponentially. Real data, read in place from
 * ../shared/data/deprivation (rank 1 = most deprived, so direction −1); areas grouped by local
 * authority district, with the mid-2015 population of IoD 2019 File 6. The framework folder is
 * written once to test-artifacts/england-iod2019/ (rebuilt when missing).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseCsv } from '../src/io/csv.ts';
import { formatCsv } from '../src/core/csvFormat.ts';

const ROOT = join(import.meta.dirname, '..');
const SHARED = join(ROOT, '..', 'shared', 'data', 'deprivation');
export const ENGLAND_RANKS = join(SHARED, 'england_lsoa11_iod2019_domain_ranks.csv.gz');
const POPULATION = join(SHARED, 'england_lsoa11_File_6_-_IoD2019_Population_Denominators.csv.gz');
export const ENGLAND_DIR = join(ROOT, 'test-artifacts', 'england-iod2019');
export const ENGLAND_FRAMEWORK = join(ENGLAND_DIR, 'framework.yaml');

/** id, column prefix in the published file, IoD weight. */
export const DOMAINS: [string, string, number][] = [
  ['income', 'Income Rank', 0.225],
  ['employment', 'Employment Rank', 0.225],
  ['education', 'Education, Skills and Training Rank', 0.135],
  ['health', 'Health Deprivation and Disability Rank', 0.135],
  ['crime', 'Crime Rank', 0.093],
  ['housing', 'Barriers to Housing and Services Rank', 0.093],
  ['environment', 'Living Environment Rank', 0.093],
];

const csvGz = (path: string) =>
  parseCsv(
    gunzipSync(readFileSync(path))
      .toString('utf8')
      .replace(/^\uFEFF/, ''),
    { file: path },
  );

/** Writes the framework folder if missing; returns framework.yaml's path, or undefined without the shared data. */
export function englandFramework(): string | undefined {
  if (existsSync(ENGLAND_FRAMEWORK)) return ENGLAND_FRAMEWORK;
  if (!existsSync(ENGLAND_RANKS) || !existsSync(POPULATION)) return undefined;
  const ranks = csvGz(ENGLAND_RANKS);
  const pop = csvGz(POPULATION);
  const people = new Map(pop.rows.map((r) => [r[0], Number(r[4].replace(/,/g, ''))]));
  const col = (prefix: string) => ranks.header.findIndex((h) => h.startsWith(prefix));
  mkdirSync(ENGLAND_DIR, { recursive: true });
  writeFileSync(
    join(ENGLAND_DIR, 'areas.csv'),
    formatCsv(
      ['code', 'name', 'lad_code', 'lad_name', 'population'],
      ranks.rows.map((r) => [r[0], r[1], r[2], r[3], people.get(r[0]) ?? '']),
    ),
  );
  writeFileSync(
    join(ENGLAND_DIR, 'domains.csv'),
    formatCsv(
      ['code', ...DOMAINS.map(([id]) => id)],
      ranks.rows.map((r) => [r[0], ...DOMAINS.map(([, prefix]) => r[col(prefix)])]),
    ),
  );
  const header = [
    'id',
    'name',
    'measure',
    'file',
    'key',
    'column',
    'denominator',
    'multiplier',
    'level',
    'direction',
    'unit',
    'transform',
    'weight',
    'period',
    'source',
    'licence',
    'status',
    'optional',
    'notes',
  ];
  writeFileSync(
    join(ENGLAND_DIR, 'indicators.csv'),
    formatCsv(
      header,
      DOMAINS.map(([id, prefix]) => [
        id,
        prefix,
        id,
        'domains.csv',
        'code',
        id,
        '',
        '',
        'ward',
        -1,
        'rank (1 = most deprived)',
        '',
        1,
        '2019',
        'MHCLG English Indices of Deprivation 2019, File 2 domain ranks',
        'OGL v3.0',
        'real',
        '',
        '',
      ]),
    ),
  );
  const yaml = [
    '# England LSOAs (2011) from the IoD 2019 domain ranks: a bench framework (bench/england.ts).',
    'name: England IoD 2019 domains (bench)',
    'description: The seven IoD 2019 domain ranks of all 32,844 English LSOAs, weighted as the IoD weights them.',
    'areas:',
    '  file: areas.csv',
    '  code_column: code',
    '  name_column: name',
    '  parent_column: lad_code',
    '  parent_name_column: lad_name',
    '  population_column: population',
    'categories:',
    ...DOMAINS.map(([id, prefix, w]) => `  - { id: ${id}, name: "${prefix.replace(' Rank', '')}", weight: ${w} }`),
    'measures:',
    ...DOMAINS.map(
      ([id, prefix]) => `  - { id: ${id}, name: "${prefix.replace(' Rank', '')}", category: ${id}, weight: 1 }`,
    ),
    'indicators: indicators.csv',
    'methods:',
    '  impute: { method: none }',
    '  treat: { method: none }',
    '  normalise: { method: rank }',
    '  aggregate: { indicators: arithmetic, measures: arithmetic }',
    '  combine: { method: exponential }',
    '',
  ].join('\n');
  writeFileSync(ENGLAND_FRAMEWORK, yaml);
  return ENGLAND_FRAMEWORK;
}

if (process.argv[1] === import.meta.filename) process.stdout.write(`${englandFramework() ?? 'shared data missing'}\n`);
