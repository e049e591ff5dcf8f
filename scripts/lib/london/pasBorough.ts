/**
 * MOPAC Public Attitudes Survey (PAS) confidence dashboard, borough level: one row per quarter ×
 * borough × measure, the share of respondents agreeing over the rolling 12 months to the quarter
 * end. Parsed as published:
 *  - `Date` is d/m/yyyy (quarter end, not zero-padded: "30/6/2022");
 *  - `Proportion` has a decimal comma ("0,56" = 0.56);
 *  - the measure `"Good Job" local` carries literal double quotes (CSV-escaped in the file);
 *  - borough names vary: "Richmond upon Thames" / "Richmond Upon Thames" (case), and
 *    "City of Westminster" for Westminster. Names are matched to borough codes case-insensitively
 *    after these aliases; a name that matches no borough is an error naming the row.
 * The City of London is not in the survey (the MPS does not police it).
 *
 * Two figures per borough and measure: the latest quarter (the rolling year to Dec 2023) and the
 * mean of the last four quarters (a smoother alternative: four overlapping rolling years, so it
 * weights the middle of 2022–2023 most).
 */
import { InputError } from '../../../src/core/errors.ts';
import { checkUtf8, columnIndex, isBlank, raggedRow, type CsvTable } from '../../../src/io/csv.ts';
import { CsvColumnScanner } from '../../../src/io/csvColumnScanner.ts';
import { addColumn, type BuiltTable } from './builtTable.ts';

const SOURCE = 'MOPAC, Public Attitudes Survey confidence dashboard, borough level (London Datastore); OGL v3.0';

/** The dashboard's measures, with column ids and what respondents agreed with. */
export const PAS_MEASURES: { measure: string; id: string; question: string }[] = [
  { measure: '"Good Job" local', id: 'pas_good_job', question: 'the police do a good job in the local area' },
  {
    measure: 'Relied on to be there',
    id: 'pas_relied_on',
    question: 'the police can be relied on to be there when needed',
  },
  {
    measure: 'Treat everyone fairly',
    id: 'pas_treat_fairly',
    question: 'the police treat everyone fairly regardless of who they are',
  },
  { measure: 'Listen to concerns', id: 'pas_listen', question: 'the police listen to the concerns of local people' },
  {
    measure: 'Understand issues',
    id: 'pas_understand_issues',
    question: 'the police understand the issues that affect this community',
  },
  { measure: 'Informed local', id: 'pas_informed', question: 'they feel well informed about local police activities' },
  {
    measure: 'Contact ward officer',
    id: 'pas_contact_ward_officer',
    question: 'they know how to contact their ward officer',
  },
  { measure: 'Trust MPS', id: 'pas_trust', question: 'they trust the Metropolitan Police Service' },
];

/**
 * The dashboard CSV as published: its header ends in four unnamed stray columns (empty, or once
 * 'Trust','0,71'), which a strict CSV reader rejects. Unnamed header cells after the last named
 * one are named `unnamed_<n>` (n = 1-based column number); an unnamed cell between named ones is
 * still an error.
 */
export function parsePasCsv(text: string, file: string): CsvTable {
  checkUtf8(text, file);
  const records: string[][] = [];
  // every cell of every record kept (the sink returns no column mask); the scanner reuses `cells`
  const scanner = new CsvColumnScanner(file, (cells, count) => {
    records.push(cells.slice(0, count));
    return undefined;
  });
  scanner.push(text);
  scanner.end();
  const first = (records[0] ?? []).map((h) => h.trim());
  let lastNamed = first.length - 1;
  while (lastNamed >= 0 && first[lastNamed] === '') lastNamed--;
  const header = first.map((h, i) => {
    if (h !== '') return h;
    if (i < lastNamed)
      throw new InputError(`header cell ${i + 1} is empty`, {
        file,
        row: 1,
        expected: 'a name for every column before the trailing stray columns',
      });
    return `unnamed_${i + 1}`;
  });
  const rows = records.slice(1).filter((r) => !isBlank(r));
  rows.forEach((r, k) => {
    if (r.length !== header.length) throw raggedRow(file, k + 2, r.length, header.length);
  });
  return { file, header, rows };
}

/** Published name variants → the borough name used by ONS. */
const ALIASES: Record<string, string> = { 'city of westminster': 'westminster' };

export function normaliseBoroughName(name: string): string {
  const k = name.trim().toLowerCase().replace(/\s+/g, ' ');
  return ALIASES[k] ?? k;
}

/** "0,56" → 0.56; also accepts a decimal point. Anything else is an error. */
export function parseDecimalComma(cell: string, where: { file: string; row: number; column: string }): number {
  const t = cell.trim();
  if (!/^\d+([.,]\d+)?$/.test(t))
    throw new InputError(`"${cell}" is not a proportion`, {
      ...where,
      expected: 'a number written with a decimal comma, e.g. 0,56',
    });
  const v = Number(t.replace(',', '.'));
  if (v < 0 || v > 1)
    throw new InputError(`${v} is not a proportion`, { ...where, expected: 'a value between 0 and 1' });
  return v;
}

/** "31/12/2023" → "2023-12" (quarter-end month). */
export function parseQuarterDate(cell: string, where: { file: string; row: number; column: string }): string {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(cell.trim());
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12)
    throw new InputError(`"${cell}" is not a date`, { ...where, expected: 'd/m/yyyy' });
  return `${m[3]}-${m[2].padStart(2, '0')}`;
}

export interface PasTable {
  /** Quarter-end months present, ascending ("2014-12" … "2023-12"). */
  quarters: string[];
  /** key `${boroughCode}|${measure}|${quarter}` → proportion. */
  values: Map<string, number>;
}

/** Reads the dashboard; `boroughs` maps borough code → ONS name (e.g. from the ward lookup). */
export function readPasDashboard(table: CsvTable, boroughs: ReadonlyMap<string, string>): PasTable {
  const [iDate, iBorough, iMeasure, iProp] = ['Date', 'Borough', 'Measure', 'Proportion'].map((c) =>
    columnIndex(table, c),
  );
  const byName = new Map([...boroughs].map(([code, name]) => [normaliseBoroughName(name), code]));
  const known = new Set(PAS_MEASURES.map((m) => m.measure));
  const values = new Map<string, number>();
  const quarters = new Set<string>();
  table.rows.forEach((r, k) => {
    const row = k + 2;
    const code = byName.get(normaliseBoroughName(r[iBorough]));
    if (!code)
      throw new InputError(`borough "${r[iBorough]}" is not a London borough`, {
        file: table.file,
        row,
        column: 'Borough',
        expected: 'a London borough name',
      });
    const measure = r[iMeasure].trim();
    if (!known.has(measure))
      throw new InputError(`unknown measure "${measure}"`, {
        file: table.file,
        row,
        column: 'Measure',
        expected: PAS_MEASURES.map((m) => m.measure).join(' | '),
      });
    const q = parseQuarterDate(r[iDate], { file: table.file, row, column: 'Date' });
    const key = `${code}|${measure}|${q}`;
    if (values.has(key))
      throw new InputError(`${r[iBorough]}, ${measure}, ${q} appears twice`, {
        file: table.file,
        row,
        expected: 'one row per quarter, borough and measure',
      });
    values.set(key, parseDecimalComma(r[iProp], { file: table.file, row, column: 'Proportion' }));
    quarters.add(q);
  });
  return { quarters: [...quarters].sort(), values };
}

function quarterLabel(q: string): string {
  const [y, m] = q.split('-');
  return `12 months to ${['Mar', 'Jun', 'Sep', 'Dec'][Math.floor((Number(m) - 1) / 3)]} ${y}`;
}

/**
 * The borough table `pas_boroughs.csv`: for every measure, `<id>` (latest quarter) and
 * `<id>_4q_mean` (mean of the last four quarters; missing unless all four are published).
 * Boroughs without survey data (the City) are missing.
 */
export function buildPasBoroughs(
  pas: PasTable,
  boroughCodes: string[],
  boroughNames: string[],
  file = 'pas_boroughs.csv',
): BuiltTable {
  const last4 = pas.quarters.slice(-4);
  const latest = last4[last4.length - 1];
  const t: BuiltTable = { file, codes: boroughCodes, names: boroughNames, labels: [], columns: [], values: {} };
  for (const m of PAS_MEASURES) {
    const get = (code: string, q: string) => pas.values.get(`${code}|${m.measure}|${q}`) ?? NaN;
    const meta = { unit: 'proportion of respondents agreeing (0-1)', source: `${SOURCE}; measure "${m.measure}"` };
    addColumn(
      t,
      {
        name: m.id,
        description: `Share of respondents who agree ${m.question} (PAS, borough)`,
        ...meta,
        period: quarterLabel(latest),
        method: 'as published (decimal comma read as a decimal point); latest quarter of the dashboard',
      },
      Float64Array.from(boroughCodes, (c) => get(c, latest)),
    );
    addColumn(
      t,
      {
        name: `${m.id}_4q_mean`,
        description: `Share of respondents who agree ${m.question}: mean of the last four quarterly rolling-year figures (PAS, borough)`,
        ...meta,
        period: `${quarterLabel(last4[0])} … ${quarterLabel(latest)}`,
        method: `mean of the four quarters ${last4.join(', ')} (each a rolling 12-month figure); missing unless all four are published`,
      },
      Float64Array.from(boroughCodes, (c) => last4.reduce((s, q) => s + get(c, q), 0) / 4),
    );
  }
  return t;
}
