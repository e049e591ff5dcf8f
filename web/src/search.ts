/**
 * Ward and borough search: an ARIA 1.2 combobox with a list popup (WAI-ARIA Authoring Practices,
 * "Editable Combobox With List Autocomplete"). Type a ward name, a code or a borough; ↑/↓ move
 * through suggestions, Enter picks, Escape closes.
 *
 * Matching is on normalised text: lower case, accents removed, "&" read as "and", punctuation
 * (apostrophes, full stops, hyphens) dropped and spaces collapsed, so "st leonards" finds
 * "St. Leonard's". Tiers, best first: 0 code prefix; 1 name prefix; 2 a word of the name starts
 * with the query; 3 name contains it; 4 a small typo: the query is within edit distance
 * `typoBudget` (1 for 4–7 characters, 2 for 8 or more; none below 4) of the name's text of the
 * same length starting at the name's start or at any word start ("coldharbor" → "Coldharbour");
 * 5 the ward's borough matches (tiers 1–4 on the borough name). Boroughs themselves are items
 * too (kind 'borough'). Every match is listed (the list scrolls).
 */
import { el } from './dom.ts';

export interface SearchItem {
  code: string;
  name: string;
  borough: string;
  kind?: 'ward' | 'borough';
}

/** Search text: lower case, no accents or punctuation, "&" → "and", single spaces. */
export function normaliseSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’`.,()]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Levenshtein distance (insertions, deletions, substitutions each cost 1). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

export const typoBudget = (n: number): number => (n >= 8 ? 2 : n >= 4 ? 1 : 0);

/** The tier (0–4) of a normalised query against a normalised name, or -1. */
function nameTier(name: string, q: string): number {
  if (name.startsWith(q)) return 1;
  const starts = [0, ...Array.from(name.matchAll(/ /g), (m) => (m.index ?? 0) + 1)];
  if (starts.some((k) => name.startsWith(q, k))) return 2;
  if (name.includes(q)) return 3;
  const budget = typoBudget(q.length);
  if (budget > 0) {
    for (const k of starts)
      for (let len = q.length - budget; len <= q.length + budget; len++) {
        if (len <= 0 || k + len > name.length + budget) continue;
        if (editDistance(name.slice(k, k + len), q) <= budget) return 4;
      }
  }
  return -1;
}

/** Items matching a query, best matches first (all of them unless `limit` is given). */
export function matchWards(items: readonly SearchItem[], query: string, limit = Infinity): SearchItem[] {
  const q = normaliseSearch(query);
  if (!q) return [];
  const rawQ = query.trim().toLowerCase();
  const score = (it: SearchItem) => {
    if (rawQ && it.code.toLowerCase().startsWith(rawQ)) return 0;
    const t = nameTier(normaliseSearch(it.name), q);
    if (t >= 0) return it.kind === 'borough' ? t - 0.5 : t;
    const b = it.kind === 'borough' ? -1 : nameTier(normaliseSearch(it.borough), q);
    return b >= 0 ? 5 : -1;
  };
  return items
    .map((it) => ({ it, s: score(it) }))
    .filter((x) => x.s >= 0)
    .sort((a, b) => a.s - b.s || a.it.name.localeCompare(b.it.name))
    .slice(0, limit)
    .map((x) => x.it);
}

export function attachSearch(
  input: HTMLInputElement,
  list: HTMLUListElement,
  items: () => readonly SearchItem[],
  onPick: (item: SearchItem) => void,
): void {
  let hits: SearchItem[] = [];
  let active = -1;
  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const paint = () => {
    list.replaceChildren(
      ...hits.map((h, i) => {
        const li = el(
          'li',
          { id: `ward-option-${i}`, role: 'option', 'aria-selected': String(i === active) },
          el('span', {}, h.name),
          el('span', { class: 'hint' }, h.kind === 'borough' ? ' borough' : ` ${h.borough} · ${h.code}`),
        );
        li.addEventListener('mousedown', (ev) => ev.preventDefault()); // keep focus in the input
        li.addEventListener('click', () => pick(i));
        return li;
      }),
    );
    if (active >= 0) {
      input.setAttribute('aria-activedescendant', `ward-option-${active}`);
      document.getElementById(`ward-option-${active}`)?.scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  };
  const pick = (i: number) => {
    const h = hits[i];
    if (!h) return;
    input.value = h.name;
    close();
    onPick(h);
  };
  input.addEventListener('input', () => {
    hits = matchWards(items(), input.value);
    active = -1;
    list.hidden = hits.length === 0;
    input.setAttribute('aria-expanded', String(hits.length > 0));
    paint();
  });
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      if (!hits.length) return;
      ev.preventDefault();
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
      active = ev.key === 'ArrowDown' ? (active + 1) % hits.length : (active - 1 + hits.length) % hits.length;
      paint();
    } else if (ev.key === 'Enter') {
      ev.preventDefault();
      pick(active >= 0 ? active : 0);
    } else if (ev.key === 'Escape') {
      close();
    }
  });
  input.addEventListener('blur', close);
}
