/**
 * Ward search: an ARIA 1.2 combobox with a list popup (WAI-ARIA Authoring Practices, "Editable
 * Combobox With List Autocomplete"). Type a ward name or code; ↑/↓ move through suggestions,
 * Enter picks, Escape closes. Matches: code prefix, then name prefix, then name substring.
 */
import { el } from './dom.ts';

export interface SearchItem {
  code: string;
  name: string;
  borough: string;
}

/** Up to `limit` items matching a query, best matches first. */
export function matchWards(items: readonly SearchItem[], query: string, limit = 8): SearchItem[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const score = (it: SearchItem) => {
    const name = it.name.toLowerCase();
    if (it.code.toLowerCase().startsWith(q)) return 0;
    if (name.startsWith(q)) return 1;
    if (name.includes(q)) return 2;
    if (it.borough.toLowerCase().startsWith(q)) return 3;
    return -1;
  };
  return items
    .map((it) => ({ it, s: score(it) }))
    .filter((x) => x.s >= 0)
    .sort((a, b) => a.s - b.s || a.it.name.localeCompare(b.it.name))
    .slice(0, limit)
    .map((x) => x.it);
}

export function attachSearch(input: HTMLInputElement, list: HTMLUListElement, items: () => readonly SearchItem[], onPick: (code: string) => void): void {
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
        const li = el('li', { id: `ward-option-${i}`, role: 'option', 'aria-selected': String(i === active) }, el('span', {}, h.name), el('span', { class: 'hint' }, ` ${h.borough} · ${h.code}`));
        li.addEventListener('mousedown', (ev) => ev.preventDefault()); // keep focus in the input
        li.addEventListener('click', () => pick(i));
        return li;
      }),
    );
    if (active >= 0) input.setAttribute('aria-activedescendant', `ward-option-${active}`);
    else input.removeAttribute('aria-activedescendant');
  };
  const pick = (i: number) => {
    const h = hits[i];
    if (!h) return;
    input.value = h.name;
    close();
    onPick(h.code);
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
