/**
 * DWP Children in Low Income Families (relative low income, before housing costs), GLA ward
 * release on December 2022 wards, tidy long table (ward_code, ward_name, borough, age_group,
 * fye, count, count_flag, pct, pct_flag). The build takes the latest year, FYE 2023 (April 2022 –
 * March 2023; provisional), native to 2022 wards: the count and the published percentage of
 * children under 16. Cells the publisher suppressed or did not compute (flags "..", "x", ".")
 * stay missing. City of London wards are not base areas (the City is one area) and the DWP
 * publishes no percentage for them: the City is missing.
 */
import { InputError } from '../../../src/core/errors.ts';
import { columnIndex, type CsvTable } from '../../../src/io/csv.ts';
import { parseNumberCell } from '../../../src/io/numbers.ts';
import { addColumn, type BuiltTable } from './builtTable.ts';
import { rejectOutside } from './carriedWards.ts';

const SOURCE = 'DWP, Children in Low Income Families (local area statistics), GLA ward release on 2022 wards; OGL v3.0';
export const CHILD_POVERTY_FYE = '2023';
export const CHILD_POVERTY_AGE = 'under16';

export function buildChildPoverty2022(table: CsvTable, areaCodes: string[], areaNames: string[]): BuiltTable {
  const [iCode, iAge, iFye, iCount, iPct] = ['ward_code', 'age_group', 'fye', 'count', 'pct'].map((c) =>
    columnIndex(table, c),
  );
  const index = new Map(areaCodes.map((c, i) => [c, i]));
  const count = new Float64Array(areaCodes.length).fill(NaN);
  const pct = new Float64Array(areaCodes.length).fill(NaN);
  const seen = new Set<string>();
  const num = (r: string[], i: number, k: number, column: string) => {
    const p = parseNumberCell(r[i]);
    if (!p.ok) throw new InputError(p.problem, { file: table.file, row: k + 2, column, expected: p.expected });
    return p.value;
  };
  table.rows.forEach((r, k) => {
    if (r[iAge].trim() !== CHILD_POVERTY_AGE || r[iFye].trim() !== CHILD_POVERTY_FYE) return;
    const code = r[iCode].trim();
    const i = index.get(code);
    if (i === undefined) return; // City of London wards (the City is one base area)
    if (seen.has(code))
      throw new InputError(`ward ${code} appears twice for ${CHILD_POVERTY_AGE} FYE ${CHILD_POVERTY_FYE}`, {
        file: table.file,
        row: k + 2,
        column: 'ward_code',
        expected: 'one row per ward, age group and year',
      });
    seen.add(code);
    count[i] = num(r, iCount, k, 'count');
    pct[i] = num(r, iPct, k, 'pct');
  });
  // A percentage above 100 (Bloomsbury: 476 children = 122 % of the ONS under-16 estimate) is a
  // denominator mismatch in the publication: treated as missing and named in the method.
  const { values: pctOk, rejected } = rejectOutside(pct, 0, 100, areaCodes);
  const t: BuiltTable = {
    file: 'child_poverty_wards.csv',
    codes: areaCodes,
    names: areaNames,
    labels: [],
    columns: [],
    values: {},
  };
  const period = `FYE ${CHILD_POVERTY_FYE} (Apr 2022 - Mar 2023, provisional)`;
  addColumn(
    t,
    {
      name: 'children_low_income_under16_fye2023',
      description: 'Children under 16 in relative low-income families (before housing costs)',
      unit: 'children',
      period,
      source: SOURCE,
      method: 'as published (native 2022 wards); suppressed cells missing',
    },
    count,
  );
  addColumn(
    t,
    {
      name: 'children_low_income_under16_pct_fye2023',
      description: 'Children under 16 in relative low-income families (before housing costs), % of children under 16',
      unit: '% of children under 16',
      period,
      source: SOURCE,
      method: `as published by the GLA (count / ONS ward population of children under 16); not published for City wards and one ward${rejected.length ? `; ${rejected.length} value(s) above 100 % treated as missing (denominator mismatch: ${rejected.join(', ')})` : ''}`,
    },
    pctOk,
  );
  return t;
}
