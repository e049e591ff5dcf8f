/**
 * The selected ward's monthly recorded crime as a small line chart (SVG, no library): the ward's
 * counts, and the mean per ward of its borough and of London (`/api/monthly/:code`), one series
 * at a time (the primary outcome first; a select switches). A sentence gives the totals for
 * screen readers and print.
 */
import type { MonthlyResponse } from '../../src/core/apiTypes.ts';
import { el, fmt } from './dom.ts';
import { VIRIDIS_10 } from './palette.ts';

const SVG = 'http://www.w3.org/2000/svg';
const W = 320;
const H = 150;
const PAD = { l: 34, r: 8, t: 8, b: 22 };
const LINES = [
  { key: 'ward', label: 'This ward', colour: VIRIDIS_10[0], dash: '' },
  { key: 'borough', label: 'Borough, mean per ward', colour: '#21908d', dash: '5 3' },
  { key: 'london', label: 'London, mean per ward', colour: '#4a4a4a', dash: '2 3' },
] as const;

const svg = (tag: string, attrs: Record<string, string>) => {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
};

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

function chart(m: MonthlyResponse, s: MonthlyResponse['series'][number], areaName: string): Element {
  const T = m.months.length;
  const values = { ward: s.ward, borough: s.borough, london: s.london };
  const max = Math.max(1, ...LINES.flatMap((l) => values[l.key] ?? []));
  const x = (t: number) => PAD.l + (T > 1 ? (t / (T - 1)) * (W - PAD.l - PAD.r) : 0);
  const y = (v: number) => H - PAD.b - (v / max) * (H - PAD.t - PAD.b);
  const root = svg('svg', {
    viewBox: `0 0 ${W} ${H}`,
    width: '100%',
    role: 'img',
    'aria-label': `Monthly ${s.id.replace(/_/g, ' ')} counts, ${m.period}`,
  });
  root.append(
    svg('line', {
      x1: String(PAD.l),
      x2: String(W - PAD.r),
      y1: String(H - PAD.b),
      y2: String(H - PAD.b),
      stroke: '#999',
    }),
  );
  for (const v of [0, max / 2, max]) {
    const t = svg('text', {
      x: String(PAD.l - 4),
      y: String(y(v) + 3),
      'text-anchor': 'end',
      'font-size': '9',
      fill: '#4a4a4a',
    });
    t.textContent = fmt(v, 2);
    root.append(t);
  }
  for (const t of [0, T - 1]) {
    const label = svg('text', {
      x: String(x(t)),
      y: String(H - 6),
      'text-anchor': t === 0 ? 'start' : 'end',
      'font-size': '9',
      fill: '#4a4a4a',
    });
    label.textContent = m.months[t];
    root.append(label);
  }
  for (const l of LINES) {
    const v = values[l.key];
    if (!v) continue;
    root.append(
      svg('polyline', {
        points: v.map((c, t) => `${x(t).toFixed(1)},${y(c).toFixed(1)}`).join(' '),
        fill: 'none',
        stroke: l.colour,
        'stroke-width': l.key === 'ward' ? '2' : '1.5',
        'stroke-dasharray': l.dash,
      }),
    );
  }
  void areaName;
  return root;
}

export function renderMonthly(host: HTMLElement, m: MonthlyResponse, areaName: string): void {
  const select = el(
    'select',
    { id: 'monthly-series', 'aria-label': 'Crime series' },
    ...m.series.map((s) =>
      el('option', { value: s.id }, s.id.replace(/_/g, ' ') + (s.id === m.primary ? ' (primary outcome)' : '')),
    ),
  );
  const body = el('div', {});
  const draw = () => {
    const s = m.series.find((x) => x.id === select.value) ?? m.series[0];
    const total = s.ward ? `this ward ${fmt(sum(s.ward), 4)}` : 'no data for this ward';
    body.replaceChildren(
      chart(m, s, areaName),
      el(
        'ul',
        { class: 'chart-key' },
        ...LINES.map((l) =>
          el(
            'li',
            {},
            el('span', { class: 'key-line', style: `border-top: 2px ${l.dash ? 'dashed' : 'solid'} ${l.colour}` }),
            l.label.replace('London', areaName),
          ),
        ),
      ),
      el(
        'p',
        { class: 'hint', 'data-testid': 'monthly-summary' },
        `${m.period}, ${m.months.length} months: ${total}; ${m.borough_name} mean per ward ${fmt(sum(s.borough), 4)} (${s.borough_wards} wards); ${areaName} mean per ward ${fmt(sum(s.london), 4)} (${s.london_wards} wards). Source: ${m.source}.`,
      ),
    );
  };
  select.addEventListener('change', draw);
  host.replaceChildren(el('h3', {}, 'Monthly recorded crime'), select, body);
  draw();
}
