/**
 * The results workbook read back with exceljs: sheet names, row counts, frozen headers, number
 * formats, decile conditional fills, and values checked against the hand computation of the
 * small fixture (test/cli/small-framework.test.ts): A01 index = (crime 50 + health 0)/2 = 25,
 * A10 = (220/3 + 100)/2.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { loadFramework } from '../../src/io/loadFramework.ts';
import { run } from '../../src/core/run.ts';
import { DECILE_FILLS, resultsWorkbook } from '../../src/io/xlsx.ts';
import { runCli } from '../../src/cli/main.ts';

const loaded = loadFramework('test/fixtures/small/framework.yaml');
const result = run(loaded.framework, loaded.inputs);

async function readBack(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

describe('results workbook', () => {
  it('has the six sheets with one row per area (or indicator) under a frozen header', async () => {
    const wb = await readBack(await resultsWorkbook(result, loaded, { reproducible: true }));
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Index',
      'Categories',
      'Measures',
      'Indicators',
      'Framework',
      'Manifest',
    ]);
    for (const name of ['Index', 'Categories', 'Measures', 'Indicators'])
      expect(wb.getWorksheet(name)!.rowCount).toBe(11); // header + 10 areas
    expect(wb.getWorksheet('Framework')!.rowCount).toBe(1 + 8); // 8 declared indicators, excluded ones included
    const index = wb.getWorksheet('Index')!;
    expect(index.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = (index.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['code', 'name', 'borough_code', 'borough_name', 'rank', 'decile', 'borough_rank', 'index']);
    expect(wb.getWorksheet('Indicators')!.getRow(1).getCell(3).value).toBe('violence_rate (raw)');
    expect(wb.getWorksheet('Indicators')!.columnCount).toBe(2 + 2 * 6);
  });

  it('holds the hand-computed index, ranks and formats; missing values are empty cells', async () => {
    const wb = await readBack(await resultsWorkbook(result, loaded));
    const index = wb.getWorksheet('Index')!;
    const row = (code: string) => index.getRows(2, 10)!.find((r) => r.getCell(1).value === code)!;
    expect(row('A01').getCell(8).value).toBeCloseTo(25, 10);
    expect(row('A10').getCell(8).value).toBeCloseTo((220 / 3 + 100) / 2, 10);
    expect(row('A10').getCell(5).value).toBe(1);
    expect(row('A10').getCell(6).value).toBe(1);
    expect(row('A01').getCell(8).numFmt).toBe('0.000');
    const weapons = wb.getWorksheet('Measures')!.getRow(4); // A03: blade missing → no weapons score
    expect(weapons.getCell(1).value).toBe('A03');
    expect(weapons.getCell(4).value).toBeNull();
    const fw = wb.getWorksheet('Framework')!;
    const hospital = fw.getRows(2, 8)!.find((r) => r.getCell(5).value === 'hospital')!;
    expect(hospital.getCell(13).value).toBe('no public source: not in the run');
    const manifest = wb.getWorksheet('Manifest')!;
    const items = manifest.getRows(2, manifest.rowCount - 1)!.map((r) => String(r.getCell(1).value));
    expect(items).toContain('input sha256: wards.csv');
  });

  it('fills the decile column with the 10-step palette by conditional formatting', async () => {
    const wb = await readBack(await resultsWorkbook(result, loaded));
    const cf = (
      wb.getWorksheet('Index') as unknown as {
        conditionalFormattings: {
          ref: string;
          rules: { formulae: string[]; style: { fill: { bgColor: { argb: string } } } }[];
        }[];
      }
    ).conditionalFormattings;
    expect(cf).toHaveLength(1);
    expect(cf[0].ref).toBe('F2:F11');
    expect(cf[0].rules.map((r) => r.formulae[0])).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(cf[0].rules.map((r) => r.style.fill.bgColor.argb)).toEqual(DECILE_FILLS.map((h) => `FF${h}`));
    // the map's colours: matplotlib's viridis(linspace(0, 1, 10))
    expect(DECILE_FILLS).toEqual([
      '440154',
      '482878',
      '3E4989',
      '31688E',
      '26828E',
      '1F9E89',
      '35B779',
      '6ECE58',
      'B5DE2B',
      'FDE725',
    ]);
  });

  it('is byte-identical across runs when reproducible', async () => {
    const a = await resultsWorkbook(result, loaded, { reproducible: true });
    const b = await resultsWorkbook(result, loaded, { reproducible: true });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('wardrank run --format xlsx,topojson adds both files inside the atomic folder and the manifest', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'wardrank-xlsx-')), 'out');
    const argv = (...a: string[]) => [
      'node',
      'wardrank',
      'run',
      'test/fixtures/small/framework.yaml',
      '--out',
      out,
      ...a,
    ];
    expect(await runCli(argv('--format', 'csv,arrow,geojson,xlsx,topojson', '--reproducible'))).toBe(0);
    const files = readdirSync(out);
    expect(files).toEqual(expect.arrayContaining(['results.xlsx', 'results.topojson', 'results.csv', 'manifest.json']));
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.outputs)).toEqual(expect.arrayContaining(['results.xlsx', 'results.topojson']));
    expect(await runCli(argv('--format', 'xlsx,pdf'))).toBe(2);
    expect(readdirSync(out)).toEqual(files); // a refused run leaves the folder as it was
  });
});
