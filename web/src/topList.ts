/**
 * The highest-priority wards as a list (rank, ward, borough), updated with the what-if weights:
 * the map's "where" in a form a screen reader or a keyboard can use, each ward a button that
 * opens its story.
 */
import { el, fmtRank } from './dom.ts';
import type { WardTable } from './wardTable.ts';

/** Indices of the n best-ranked wards, rank ascending (ties keep table order). */
export function topWards(t: WardTable, n: number, borough: string | null = null): number[] {
  const idx: number[] = [];
  for (let i = 0; i < t.rank.length; i++)
    if (t.rank[i] === t.rank[i] && (borough === null || t.boroughCodes[i] === borough)) idx.push(i);
  return idx.sort((a, b) => t.rank[a] - t.rank[b] || a - b).slice(0, n);
}

export function renderTopList(
  host: HTMLElement,
  t: WardTable,
  n: number,
  onPick: (code: string) => void,
  borough: { code: string; name: string } | null = null,
  verdict: (i: number) => string = () => '',
): void {
  const items = topWards(t, n, borough?.code ?? null).map((i) => {
    const b = el('button', { type: 'button', class: 'link' }, t.names[i]);
    b.addEventListener('click', () => onPick(t.codes[i]));
    const v = verdict(i);
    return el(
      'li',
      {},
      el('span', { class: 'top-rank' }, fmtRank(t.rank[i])),
      b,
      el('span', { class: 'hint' }, ` ${t.boroughNames[i]}`),
      v ? el('span', { class: `verdict-tag verdict-${v.split(' ')[0]}` }, v) : null,
    );
  });
  host.replaceChildren(
    el(
      'h2',
      { id: 'top-title' },
      borough
        ? `Highest priority in ${borough.name}: top ${items.length} (London ranks)`
        : `Highest priority: top ${items.length}`,
    ),
    el('ol', { class: 'top-list', 'aria-labelledby': 'top-title' }, ...items),
  );
}
