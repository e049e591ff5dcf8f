/**
 * The full ranking as a table: every ward with its rank, borough, index, decile, category
 * scores and (when the run has robustness results) how sure the rank is. Sortable by any column
 * (a button in each header; `aria-sort` says the order), filterable by text (ward, code or
 * borough, normalised as the search box does) and by the borough filter, and exportable as CSV
 * with exactly the rows, columns and order on screen.
 */
import { formatCsv } from '../../src/core/csvFormat.ts';
import { el, fmt, fmtRank } from './dom.ts';
import { normaliseSearch } from './search.ts';
import type { WardTable } from './wardTable.ts';

export interface TableColumn {
  key: string;
  label: string;
  numeric: boolean;
  /** Cell value for sorting and export (NaN = missing). */
  value(i: number): number | string;
  /** Cell text on screen. */
  text(i: number): string;
}

export interface TableState {
  sortKey: string;
  ascending: boolean;
  filter: string;
  borough: string | null;
}

export function tableColumns(
  t: WardTable,
  categories: { id: string; name: string }[],
  verdict: (i: number) => string,
): TableColumn[] {
  const num = (
    key: string,
    label: string,
    col: ArrayLike<number>,
    text: (v: number) => string = (v) => fmt(v),
  ): TableColumn => ({ key, label, numeric: true, value: (i) => col[i], text: (i) => text(col[i]) });
  return [
    num('rank', 'Rank', t.rank, (v) => fmtRank(v)),
    { key: 'name', label: 'Ward', numeric: false, value: (i) => t.names[i], text: (i) => t.names[i] },
    { key: 'code', label: 'Code', numeric: false, value: (i) => t.codes[i], text: (i) => t.codes[i] },
    {
      key: 'borough',
      label: 'Borough',
      numeric: false,
      value: (i) => t.boroughNames[i],
      text: (i) => t.boroughNames[i],
    },
    num('index', 'Index', t.columns.index),
    num(
      'decile',
      'Decile',
      Float64Array.from(t.decile, (d) => (d === 0 ? NaN : d)),
      (v) => (Number.isFinite(v) ? String(v) : '–'),
    ),
    ...categories
      .filter((c) => t.columns[`category:${c.id}`])
      .map((c) => num(`category:${c.id}`, c.name, t.columns[`category:${c.id}`])),
    { key: 'verdict', label: 'How sure', numeric: false, value: (i) => verdict(i), text: (i) => verdict(i) },
  ];
}

/** Row indices shown: filtered by text and borough, sorted (missing values last, ties by rank then name). */
export function visibleRows(t: WardTable, cols: readonly TableColumn[], s: TableState): number[] {
  const q = normaliseSearch(s.filter);
  const col = cols.find((c) => c.key === s.sortKey) ?? cols[0];
  const rows: number[] = [];
  for (let i = 0; i < t.codes.length; i++) {
    if (s.borough && t.boroughCodes[i] !== s.borough) continue;
    if (q && !normaliseSearch(`${t.names[i]} ${t.codes[i]} ${t.boroughNames[i]}`).includes(q)) continue;
    rows.push(i);
  }
  const missing = (v: number | string) => v === '' || (typeof v === 'number' && v !== v);
  return rows.sort((a, b) => {
    const va = col.value(a);
    const vb = col.value(b);
    if (missing(va) || missing(vb)) return missing(va) === missing(vb) ? a - b : missing(va) ? 1 : -1;
    const c = col.numeric ? (va as number) - (vb as number) : String(va).localeCompare(String(vb));
    return (s.ascending ? c : -c) || a - b;
  });
}

/** The CSV of what is on screen: the shown columns' labels, then the shown rows in order. */
export function visibleCsv(cols: readonly TableColumn[], rows: readonly number[]): string {
  return formatCsv(
    cols.map((c) => c.label),
    rows.map((i) => cols.map((c) => c.value(i))),
  );
}

export function renderRankingTable(
  host: HTMLElement,
  cols: readonly TableColumn[],
  rows: readonly number[],
  s: TableState,
  onSort: (key: string) => void,
  onPick: (i: number) => void,
): void {
  const head = el(
    'tr',
    {},
    ...cols.map((c) => {
      const sorted = c.key === s.sortKey;
      const th = el('th', { scope: 'col', 'aria-sort': sorted ? (s.ascending ? 'ascending' : 'descending') : 'none' });
      const b = el(
        'button',
        { type: 'button', class: 'sort', 'data-key': c.key },
        c.label,
        sorted ? (s.ascending ? ' ▲' : ' ▼') : '',
      );
      b.addEventListener('click', () => onSort(c.key));
      th.append(b);
      return th;
    }),
  );
  const body = rows.map((i) =>
    el(
      'tr',
      {},
      ...cols.map((c) => {
        if (c.key === 'name') {
          const b = el('button', { type: 'button', class: 'link' }, c.text(i));
          b.addEventListener('click', () => onPick(i));
          return el('th', { scope: 'row' }, b);
        }
        return el('td', { class: c.numeric ? 'num' : '' }, c.text(i));
      }),
    ),
  );
  host.replaceChildren(
    el(
      'table',
      { class: 'ranking' },
      el(
        'caption',
        { class: 'sr-only' },
        `Ward ranking, ${rows.length} wards shown, sorted by ${cols.find((c) => c.key === s.sortKey)?.label ?? ''}`,
      ),
      el('thead', {}, head),
      el('tbody', {}, ...body),
    ),
  );
}
