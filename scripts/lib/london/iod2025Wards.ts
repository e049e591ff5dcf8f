/**
 * English Indices of Deprivation 2025 (MHCLG, File 7: LSOA 2021 scores, ranks, deciles and
 * mid-2022 population denominators) aggregated to the 2022 base areas:
 *  - each domain score → the mean of its LSOAs' scores weighted by the domain's own denominator
 *    (income, health, education, crime, barriers, living environment, IMD: total population;
 *    employment: working-age population 18–66; IDACI: children 0–15; IDAOPI: people 60+), the
 *    way the IoD's own higher-geography summaries weight rates;
 *  - the share of a ward's LSOAs in England's most deprived decile (decile 1 of 33,755 LSOAs),
 *    for the IMD and for the income domain;
 *  - mid-2022 populations summed (the default denominator of the current London index).
 * The Crime domain is built from recorded crime; it is kept in the table for reference but the
 * framework does not use it (nor the IMD, which contains it), so crime is not counted twice.
 *
 * `imdScoreFromRanks` recomputes an LSOA's IMD score from its seven domain ranks (the IoD
 * exponential transformation and domain weights; MHCLG, "English Indices of Deprivation 2025:
 * technical report", and the 2019 report §3.8 for the same transformation).
 */
import { InputError } from '../../../src/core/errors.ts';
import { columnIndex, type CsvTable } from '../../../src/io/csv.ts';
import { parseNumberCell } from '../../../src/io/numbers.ts';
import { addColumn, type BuiltTable } from './builtTable.ts';
import type { LsoaWard } from './lsoaWards.ts';

const SOURCE = 'MHCLG, English Indices of Deprivation 2025, File 7 (LSOA 2021), published 30 October 2025; OGL v3.0';
export const IOD_PERIOD = 'IoD 2025 (indicators mostly 2022/23; populations mid-2022)';

/** Number of LSOAs 2021 in England ranked by the IoD 2025. */
export const IOD2025_LSOAS = 33_755;

export const POP = {
  total: 'Total population: mid 2022',
  children: 'Dependent Children aged 0-15: mid 2022',
  older: 'Older population aged 60 and over: mid 2022',
  working: 'Working age population 18-66 (for use with Employment Deprivation Domain): mid 2022',
} as const;

/** [column id, File 7 score column, weight population, description, unit]. */
export const IOD_SCORES: [string, string, keyof typeof POP, string, string][] = [
  [
    'imd_score',
    'Index of Multiple Deprivation (IMD) Score',
    'total',
    'IMD 2025 score (contains the crime domain: not used as an indicator)',
    'score',
  ],
  [
    'income_score',
    'Income Score (rate)',
    'total',
    'Income deprivation: share of residents income-deprived',
    'proportion of residents',
  ],
  [
    'employment_score',
    'Employment Score (rate)',
    'working',
    'Employment deprivation: share of working-age residents (18-66) involuntarily out of work',
    'proportion of working-age residents',
  ],
  [
    'education_score',
    'Education, Skills and Training Score',
    'total',
    'Education, skills and training deprivation score',
    'score',
  ],
  [
    'education_cyp_score',
    'Children and Young People Sub-domain Score',
    'total',
    'Education: children and young people sub-domain (attainment, absence, staying on, entry to higher education)',
    'score',
  ],
  [
    'health_score',
    'Health Deprivation and Disability Score',
    'total',
    'Health deprivation and disability score (premature death, illness and disability, acute morbidity, mood and anxiety disorders)',
    'score',
  ],
  [
    'crime_score',
    'Crime Score',
    'total',
    'Crime domain score (recorded crime: reference only, not used, to avoid counting crime twice)',
    'score',
  ],
  [
    'barriers_score',
    'Barriers to Housing and Services Score',
    'total',
    'Barriers to housing and services score',
    'score',
  ],
  ['living_environment_score', 'Living Environment Score', 'total', 'Living environment deprivation score', 'score'],
  [
    'idaci_score',
    'Income Deprivation Affecting Children Index (IDACI) Score (rate)',
    'children',
    'IDACI: share of children 0-15 in income-deprived families',
    'proportion of children 0-15',
  ],
  [
    'idaopi_score',
    'Income Deprivation Affecting Older People (IDAOPI) Score (rate)',
    'older',
    'IDAOPI: share of people 60+ income-deprived',
    'proportion of people 60+',
  ],
];

/** The seven domains' rank columns and IMD weights (per cent). */
export const IMD_DOMAINS: [string, number][] = [
  ['Income Rank (where 1 is most deprived)', 22.5],
  ['Employment Rank (where 1 is most deprived)', 22.5],
  ['Education, Skills and Training Rank (where 1 is most deprived)', 13.5],
  ['Health Deprivation and Disability Rank (where 1 is most deprived)', 13.5],
  ['Crime Rank (where 1 is most deprived)', 9.3],
  ['Barriers to Housing and Services Rank (where 1 is most deprived)', 9.3],
  ['Living Environment Rank (where 1 is most deprived)', 9.3],
];

const IMD_DECILE = 'Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)';
const INCOME_DECILE = 'Income Decile (where 1 is most deprived 10% of LSOAs)';

/**
 * IoD exponential transformation of a rank (1 = most deprived of n):
 *   R = (n + 1 − rank) / n   (so R = 1 for the most deprived, 1/n for the least),
 *   X = −23 × ln(1 − R × (1 − e^(−100/23)))   (X in [0, 100], stretching the deprived tail).
 */
export function exponentialTransform(rank: number, n: number): number {
  const r = (n + 1 - rank) / n;
  return -23 * Math.log(1 - r * (1 - Math.exp(-100 / 23)));
}

/** IMD score = Σ_d w_d/100 × X_d over the seven domains (ranks in IMD_DOMAINS order). */
export function imdScoreFromRanks(ranks: readonly number[], n = IOD2025_LSOAS): number {
  if (ranks.length !== IMD_DOMAINS.length) throw new Error(`expected ${IMD_DOMAINS.length} domain ranks`);
  return ranks.reduce((s, rank, d) => s + (IMD_DOMAINS[d][1] / 100) * exponentialTransform(rank, n), 0);
}

export interface IodLsoas {
  file: string;
  codes: string[];
  column(name: string): Float64Array;
}

/** File 7 with strict numeric columns (every cell must be a number). */
export function readIod2025(table: CsvTable): IodLsoas {
  const iCode = columnIndex(table, 'LSOA code (2021)');
  const codes = table.rows.map((r) => r[iCode].trim());
  const cache = new Map<string, Float64Array>();
  return {
    file: table.file,
    codes,
    column(name: string) {
      let v = cache.get(name);
      if (!v) {
        const i = columnIndex(table, name);
        v = Float64Array.from(table.rows, (r, k) => {
          const p = parseNumberCell(r[i]);
          if (!p.ok || Number.isNaN(p.value))
            throw new InputError(p.ok ? 'missing value' : p.problem, {
              file: table.file,
              row: k + 2,
              column: name,
              expected: 'a number',
            });
          return p.value;
        });
        cache.set(name, v);
      }
      return v;
    },
  };
}

/**
 * The ward table `iod2025_wards.csv` on `areaCodes` (names aligned). Every London LSOA of the
 * lookup must be in File 7 and vice versa.
 */
export function buildIod2025Wards(
  iod: IodLsoas,
  lookup: readonly LsoaWard[],
  areaCodes: string[],
  areaNames: string[],
): BuiltTable {
  const row = new Map(iod.codes.map((c, i) => [c, i]));
  const inLookup = new Set(lookup.map((l) => l.lsoa));
  const extra = iod.codes.filter((c) => !inLookup.has(c));
  const absent = lookup.filter((l) => !row.has(l.lsoa)).map((l) => l.lsoa);
  if (extra.length || absent.length) {
    throw new InputError(
      `File 7 and the ward lookup list different LSOAs (${absent.length} missing from File 7, ${extra.length} not in the lookup)`,
      { file: iod.file, column: 'LSOA code (2021)', expected: 'the 4,994 London LSOAs 2021 of the lookup' },
    );
  }
  const area = new Map(areaCodes.map((c, i) => [c, i]));
  const n = areaCodes.length;
  const t: BuiltTable = {
    file: 'iod2025_wards.csv',
    codes: areaCodes,
    names: areaNames,
    labels: [],
    columns: [],
    values: {},
  };
  const pops = Object.fromEntries(Object.entries(POP).map(([k, c]) => [k, iod.column(c)])) as Record<
    keyof typeof POP,
    Float64Array
  >;
  const sumPop = (k: keyof typeof POP) => {
    const out = new Float64Array(n);
    for (const l of lookup) out[area.get(l.area)!] += pops[k][row.get(l.lsoa)!];
    return out;
  };
  const popMeta = (what: string) => ({
    unit: 'persons',
    period: 'mid-2022',
    source: `${SOURCE} (ONS mid-2022 small-area population estimates)`,
    method: `sum over the ward's LSOAs 2021 (ONS best-fit LSOA 2021 → ward lookup): ${what}`,
  });
  addColumn(
    t,
    {
      name: 'population_mid2022',
      description: 'Residents, mid-2022 (ONS small-area estimates, the IoD 2025 denominator)',
      ...popMeta('total population'),
    },
    sumPop('total'),
  );
  addColumn(
    t,
    {
      name: 'children_0_15_mid2022',
      description: 'Dependent children aged 0-15, mid-2022',
      ...popMeta('children 0-15'),
    },
    sumPop('children'),
  );
  addColumn(
    t,
    {
      name: 'working_age_18_66_mid2022',
      description: 'Working-age residents 18-66, mid-2022 (employment domain denominator)',
      ...popMeta('working age 18-66'),
    },
    sumPop('working'),
  );
  addColumn(
    t,
    {
      name: 'older_60_plus_mid2022',
      description: 'Residents aged 60 and over, mid-2022 (IDAOPI denominator)',
      ...popMeta('60 and over'),
    },
    sumPop('older'),
  );

  for (const [id, col, weightBy, description, unit] of IOD_SCORES) {
    const x = iod.column(col);
    const w = pops[weightBy];
    const num = new Float64Array(n);
    const den = new Float64Array(n);
    for (const l of lookup) {
      const i = area.get(l.area)!;
      const r = row.get(l.lsoa)!;
      num[i] += w[r] * x[r];
      den[i] += w[r];
    }
    addColumn(
      t,
      {
        name: id,
        description,
        unit,
        period: IOD_PERIOD,
        source: SOURCE,
        method: `mean of the ward's LSOA scores weighted by ${POP[weightBy]} (Σ w·x / Σ w) from "${col}"`,
      },
      Float64Array.from(num, (v, i) => (den[i] > 0 ? v / den[i] : NaN)),
    );
  }
  for (const [id, col, what] of [
    ['imd_decile1_share', IMD_DECILE, 'IMD'],
    ['income_decile1_share', INCOME_DECILE, 'income domain'],
  ] as const) {
    const d = iod.column(col);
    const hit = new Float64Array(n);
    const all = new Float64Array(n);
    for (const l of lookup) {
      const i = area.get(l.area)!;
      all[i] += 1;
      if (d[row.get(l.lsoa)!] === 1) hit[i] += 1;
    }
    addColumn(
      t,
      {
        name: id,
        description: `Share of the ward's LSOAs in England's most deprived 10 % (${what})`,
        unit: 'proportion of LSOAs',
        period: IOD_PERIOD,
        source: SOURCE,
        method: `LSOAs with "${col}" = 1, divided by the ward's LSOAs (ONS best-fit lookup)`,
      },
      Float64Array.from(hit, (h, i) => h / all[i]),
    );
  }
  const count = new Float64Array(n);
  for (const l of lookup) count[area.get(l.area)!] += 1;
  addColumn(
    t,
    {
      name: 'number_of_lsoas',
      description: 'LSOAs 2021 whose best-fit ward is this ward',
      unit: 'count',
      period: '2021 LSOAs; 2022 wards',
      source: 'ONS LSOA (2021) to Electoral Ward (2025) Best Fit Lookup; OGL v3.0',
      method: 'count',
    },
    count,
  );
  return t;
}
