/**
 * Two wards side by side (e.g. a pilot and its comparison ward): rank, decile, index, how sure,
 * and for each category and measure the percentile among all wards and the contribution to the
 * index, the same quantities as the ward panel.
 */
import type { Explanation } from '../../src/core/explain.ts';
import { el, fmt, fmtRank } from './dom.ts';
import { contributionText, percentileText } from './wardPanel.ts';
import type { WardTable } from './wardTable.ts';

export function renderComparison(
  host: HTMLElement,
  a: Explanation,
  b: Explanation,
  t: WardTable,
  areaName: string,
  verdict: (code: string) => string,
): void {
  const ia = t.codes.indexOf(a.code);
  const ib = t.codes.indexOf(b.code);
  const row = (label: string, va: string, vb: string, level = '') =>
    el('tr', { class: level }, el('th', { scope: 'row' }, label), el('td', {}, va), el('td', {}, vb));
  const ranked = t.rank.filter((r) => r === r).length;
  const rank = (e: Explanation) => (Number.isFinite(e.rank) ? `${fmtRank(e.rank)} of ${ranked}` : 'Not ranked');
  const rows = [
    row('Borough', a.parentName, b.parentName),
    row('Rank', rank(a), rank(b)),
    row('Decile', a.decile ? String(a.decile) : '–', b.decile ? String(b.decile) : '–'),
    row('Index', fmt(a.index), fmt(b.index)),
    row('How sure', verdict(a.code) || '–', verdict(b.code) || '–'),
  ];
  for (const c of a.categories) {
    const cb = b.categories.find((x) => x.id === c.id);
    rows.push(
      row(
        c.name,
        `${percentileText(t.columns[`category:${c.id}`], ia, areaName)}; ${contributionText(c.contribution, a)}`,
        cb
          ? `${percentileText(t.columns[`category:${c.id}`], ib, areaName)}; ${contributionText(cb.contribution, b)}`
          : '–',
        'cmp-category',
      ),
    );
    for (const m of c.measures) {
      const mb = cb?.measures.find((x) => x.id === m.id);
      rows.push(
        row(
          m.name,
          `${percentileText(t.columns[`measure:${m.id}`], ia, areaName)}; ${contributionText(m.contribution, a)}`,
          mb
            ? `${percentileText(t.columns[`measure:${m.id}`], ib, areaName)}; ${contributionText(mb.contribution, b)}`
            : '–',
          'cmp-measure',
        ),
      );
    }
  }
  host.replaceChildren(
    el(
      'table',
      { class: 'compare', 'data-testid': 'compare-table' },
      el('caption', { class: 'sr-only' }, `${a.name} compared with ${b.name}`),
      el(
        'thead',
        {},
        el('tr', {}, el('td', {}), el('th', { scope: 'col' }, a.name), el('th', { scope: 'col' }, b.name)),
      ),
      el('tbody', {}, ...rows),
    ),
    el(
      'p',
      { class: 'hint' },
      'For each category and measure: how the ward compares with all wards (percentile), then its contribution to the index.',
    ),
  );
}
