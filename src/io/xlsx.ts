/**
 * The results as an Excel workbook for commissioners (`wardrank run … --format xlsx`), written
 * with exceljs: sheets Index, Categories, Measures, Indicators (raw and normalised), Framework
 * and Manifest; header rows frozen, number formats set, and decile columns filled by
 * conditional formatting on a colour-blind-safe sequential palette (viridis: decile 1, the
 * highest priority, darkest).
 *
 * Zip entries carry a timestamp; with `reproducible` every date in the workbook is fixed to
 * 1980-01-01 (the zip epoch), so two runs give byte-identical files and the manifest's hash of
 * the workbook is stable.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { VIRIDIS_10 } from '../core/palette.ts';
import type { Result } from '../core/types.ts';
import type { Loaded } from './loadFramework.ts';
import { PACKAGE_VERSION } from '../shared/packageInfo.ts';

export interface WorkbookOptions {
  reproducible?: boolean;
}

/** The map's decile colours (src/core/palette.ts) as Excel RGB hex. */
export const DECILE_FILLS = VIRIDIS_10.map((c) => c.slice(1).toUpperCase());

const FIXED_DATE = new Date(Date.UTC(1980, 0, 1));
const SCORE = '0.000';
const RAW = '#,##0.00';
const WHOLE = '0';
const RANK = '0.#';

interface Col {
  header: string;
  width?: number;
  format?: string;
  value: (i: number) => string | number | null;
}

export async function resultsWorkbook(
  result: Result,
  loaded: Loaded,
  options: WorkbookOptions = {},
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = `wardrank ${PACKAGE_VERSION}`;
  const date = options.reproducible ? FIXED_DATE : new Date();
  wb.created = date;
  wb.modified = date;
  const a = result.areas;
  const f = result.framework;
  const name = (list: readonly { id: string; name: string }[], id: string) => list.find((x) => x.id === id)?.name ?? id;
  const cell = (v: number) => (Number.isFinite(v) ? v : null);
  const ident: Col[] = [
    { header: 'code', width: 12, value: (i) => a.codes[i] },
    { header: 'name', width: 28, value: (i) => a.names[i] },
  ];
  const rankCols: Col[] = [
    { header: 'rank', format: RANK, value: (i) => cell(result.rank[i]) },
    { header: 'decile', format: WHOLE, value: (i) => (result.decile[i] === 0 ? null : result.decile[i]) },
  ];

  addSheet(
    wb,
    'Index',
    [
      ...ident,
      { header: 'borough_code', width: 12, value: (i) => a.parentCodes[a.parent[i]] ?? '' },
      { header: 'borough_name', width: 22, value: (i) => a.parentNames[a.parent[i]] ?? '' },
      ...rankCols,
      { header: 'borough_rank', format: RANK, value: (i) => cell(result.parentRank[i]) },
      { header: 'index', format: SCORE, value: (i) => cell(result.index[i]) },
    ],
    a.codes.length,
  );
  addSheet(
    wb,
    'Categories',
    [
      ...ident,
      ...rankCols,
      ...result.categoryIds.map((id) => ({
        header: name(f.categories, id),
        width: 18,
        format: SCORE,
        value: (i: number) => cell(result.categories[id][i]),
      })),
    ],
    a.codes.length,
  );
  addSheet(
    wb,
    'Measures',
    [
      ...ident,
      ...result.measureIds.map((id) => ({
        header: name(f.measures, id),
        width: 18,
        format: SCORE,
        value: (i: number) => cell(result.measures[id][i]),
      })),
    ],
    a.codes.length,
  );
  addSheet(
    wb,
    'Indicators',
    [
      ...ident,
      ...result.indicatorIds.flatMap((id) => [
        { header: `${id} (raw)`, width: 16, format: RAW, value: (i: number) => cell(result.raw[id][i]) },
        ...(result.smoothed[id]
          ? [{ header: `${id} (smoothed)`, width: 16, format: RAW, value: (i: number) => cell(result.smoothed[id][i]) }]
          : []),
        {
          header: `${id} (normalised)`,
          width: 16,
          format: SCORE,
          value: (i: number) => cell(result.normalised[id][i]),
        },
      ]),
    ],
    a.codes.length,
  );

  const specs = f.indicators;
  const measure = (id: string) => f.measures.find((m) => m.id === id);
  addSheet(
    wb,
    'Framework',
    [
      { header: 'category', width: 18, value: (k) => name(f.categories, measure(specs[k].measure)?.category ?? '') },
      {
        header: 'category weight',
        format: SCORE,
        value: (k) => cell(result.weights.categories[measure(specs[k].measure)?.category ?? ''] ?? NaN),
      },
      { header: 'measure', width: 24, value: (k) => name(f.measures, specs[k].measure) },
      { header: 'measure weight', format: SCORE, value: (k) => cell(result.weights.measures[specs[k].measure] ?? NaN) },
      { header: 'indicator id', width: 18, value: (k) => specs[k].id },
      { header: 'indicator', width: 32, value: (k) => specs[k].name },
      { header: 'weight (declared)', format: SCORE, value: (k) => specs[k].weight },
      {
        header: 'weight (effective in measure)',
        format: SCORE,
        value: (k) => cell(result.weights.indicators[specs[k].id] ?? NaN),
      },
      { header: 'direction', format: WHOLE, value: (k) => specs[k].direction },
      { header: 'level', value: (k) => specs[k].level },
      { header: 'unit', value: (k) => specs[k].unit },
      { header: 'status', value: (k) => specs[k].status },
      {
        header: 'used',
        value: (k) =>
          result.indicatorIds.includes(specs[k].id)
            ? 'yes'
            : (result.excluded.find((e) => e.id === specs[k].id)?.reason ?? 'no'),
      },
      { header: 'period', value: (k) => specs[k].period },
      { header: 'source', width: 40, value: (k) => specs[k].source },
      { header: 'licence', value: (k) => specs[k].licence },
    ],
    specs.length,
  );

  const manifest: [string, string | number][] = [
    ['tool', `wardrank ${PACKAGE_VERSION}`],
    ['framework', f.name],
    ['framework file', loaded.path.split('/').pop() ?? ''],
    ['areas', a.codes.length],
    ['ranked areas', result.rank.filter((r) => r === r).length],
    ...Object.entries(result.methods).map(([step, s]) => [`method: ${step}`, JSON.stringify(s)] as [string, string]),
    ...Object.entries(loaded.hashes).map(([file, h]) => [`input sha256: ${file}`, h] as [string, string]),
    ...result.excluded.map((e) => [`excluded: ${e.id}`, e.reason] as [string, string]),
    ...result.warnings.map((w, k) => [`warning ${k + 1}`, w] as [string, string]),
  ];
  addSheet(
    wb,
    'Manifest',
    [
      { header: 'item', width: 36, value: (k) => manifest[k][0] },
      { header: 'value', width: 90, value: (k) => manifest[k][1] },
    ],
    manifest.length,
    0,
  );

  const buffer = new Uint8Array(await wb.xlsx.writeBuffer());
  return options.reproducible ? fixZipDates(buffer) : buffer;
}

function addSheet(wb: ExcelJS.Workbook, title: string, cols: Col[], rows: number, frozenCols = 2): void {
  const ws = wb.addWorksheet(title, { views: [{ state: 'frozen', xSplit: frozenCols, ySplit: 1 }] });
  ws.columns = cols.map((c) => ({
    header: c.header,
    width: c.width ?? Math.max(10, c.header.length + 2),
    style: c.format ? { numFmt: c.format } : {},
  }));
  for (let i = 0; i < rows; i++) ws.addRow(cols.map((c) => c.value(i)));
  ws.getRow(1).font = { bold: true };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: cols.length } };
  const d = cols.findIndex((c) => c.header === 'decile');
  if (d >= 0 && rows > 0) {
    const letter = ws.getColumn(d + 1).letter;
    ws.addConditionalFormatting({
      ref: `${letter}2:${letter}${rows + 1}`,
      rules: DECILE_FILLS.map((hex, k) => ({
        type: 'cellIs' as const,
        operator: 'equal' as const,
        formulae: [String(k + 1)],
        priority: k + 1,
        style: {
          fill: { type: 'pattern' as const, pattern: 'solid' as const, bgColor: { argb: `FF${hex}` } },
          font: { color: { argb: k < 5 ? 'FFFFFFFF' : 'FF000000' } },
        },
      })),
    });
  }
}

/** Rewrites the zip with every entry dated 1980-01-01 (exceljs stamps entries with the current time). */
async function fixZipDates(buffer: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(buffer);
  const out = new JSZip();
  for (const [path, entry] of Object.entries(zip.files)) {
    if (entry.dir) continue;
    out.file(path, await entry.async('uint8array'), { date: FIXED_DATE, createFolders: false });
  }
  return out.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
