/**
 * Builds this example's data from the published English Indices of Deprivation 2019 files
 * (MHCLG, OGL v3.0), kept read-only in ../shared/data/deprivation beside the repository:
 *
 *   File 2 (domain ranks and deciles, 32,844 LSOAs 2011)  → domain_ranks.csv (London's 4,835)
 *   File 6 (population denominators, mid-2015)             → areas.csv (code, name, borough, population)
 *
 * London = the 33 local authorities with codes E09*. Values are copied, not changed: the ranks
 * stay the national ranks (1 = most deprived in England). Run from the repository root:
 *   node --import tsx examples/iod2019-london/build.ts [path/to/shared/data/deprivation]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { parseCsv } from '../../src/io/csv.ts';

const SRC = process.argv[2] ?? '../shared/data/deprivation';
const OUT = 'examples/iod2019-london';
const DOMAINS = [
  ['income', 'Income Rank'],
  ['employment', 'Employment Rank'],
  ['education', 'Education, Skills and Training Rank'],
  ['health', 'Health Deprivation and Disability Rank'],
  ['crime', 'Crime Rank'],
  ['barriers', 'Barriers to Housing and Services Rank'],
  ['living_environment', 'Living Environment Rank'],
] as const;

const read = (file: string) => parseCsv(gunzipSync(readFileSync(join(SRC, file))).toString('utf8'), { file });
const ranks = read('england_lsoa11_iod2019_domain_ranks.csv.gz');
const pops = read('england_lsoa11_File_6_-_IoD2019_Population_Denominators.csv.gz');
const col = (header: string[], prefix: string) => {
  const i = header.findIndex((h) => h.replace(/^\uFEFF/, '').startsWith(prefix));
  if (i < 0) throw new Error(`no column starting "${prefix}"`);
  return i;
};
const popByCode = new Map(
  pops.rows.map((r) => [r[0], r[col(pops.header, 'Total population: mid 2015')].replace(/,/g, '')]),
);
const london = ranks.rows.filter((r) => r[2].startsWith('E09'));
const q = (s: string) => (/[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
writeFileSync(
  join(OUT, 'areas.csv'),
  [
    'code,name,borough_code,borough_name,population',
    ...london.map((r) => [r[0], r[1], r[2], r[3], popByCode.get(r[0]) ?? ''].map(q).join(',')),
  ].join('\n') + '\n',
);
writeFileSync(
  join(OUT, 'domain_ranks.csv'),
  [
    'code,' + DOMAINS.map(([id]) => `${id}_rank`).join(','),
    ...london.map((r) => [r[0], ...DOMAINS.map(([, name]) => r[col(ranks.header, name)])].join(',')),
  ].join('\n') + '\n',
);
process.stdout.write(`${london.length} London LSOAs written to ${OUT}\n`);
