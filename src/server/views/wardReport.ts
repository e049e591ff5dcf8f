/**
 * The printable ward report (`GET /report/<code>`): one page of HTML with its own print
 * stylesheet, for a partner to print or save as PDF. It shows the ward's place on a map extract
 * (an SVG drawn here from the served boundaries: the ward and its neighbours coloured by
 * decile), its rank and decile, how sure the rank is (`rankVerdict`), what pushes it up (the
 * measure contributions of `explainArea`, as shares of the index), each measure's percentile,
 * the raw indicator values beside the median of all wards with their status, period and source,
 * and the attribution. With more than 20 indicators the indicator table starts a second printed
 * page (an annex); the first page holds the summary and the measures. Everything is text from the served run; names are HTML-escaped.
 */
import { explainArea } from '../../core/explain.ts';
import { classColour } from '../../core/palette.ts';
import { rankVerdict, verdictText } from '../../core/rankVerdict.ts';
import { median } from '../../core/stats/quantile.ts';
import { shareBelow } from '../../core/stats/shareBelow.ts';
import type { Result } from '../../core/types.ts';
import type { RobustnessRow } from '../robustnessTable.ts';
import { attribution } from './frameworkView.ts';

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const num = (v: number, digits = 3) =>
  Number.isFinite(v)
    ? Math.abs(v) >= 1000
      ? Math.round(v).toLocaleString('en-GB')
      : String(Number(v.toPrecision(digits)))
    : '–';
const pct = (v: number) => (Number.isFinite(v) ? `${Math.round(v * 100)} %` : '–');
const STATUS_WORDS: Record<string, string> = {
  real: 'real data',
  proxy: 'proxy',
  'no-public-source': 'no public source',
};

type Ring = number[][];
interface Feature {
  properties?: { code?: string } | null;
  geometry?: { type: string; coordinates: unknown } | null;
}

function rings(g: Feature['geometry']): Ring[] {
  if (!g) return [];
  if (g.type === 'Polygon') return g.coordinates as Ring[];
  if (g.type === 'MultiPolygon') return (g.coordinates as Ring[][]).flat();
  return [];
}

/** The map extract: wards whose extent meets the ward's extent grown by half its size, in an equirectangular SVG (cos-latitude scaled). */
export function mapExtract(
  features: readonly Feature[],
  code: string,
  classOf: (code: string) => number,
  width = 420,
  height = 300,
): string {
  const target = features.find((f) => f.properties?.code === code);
  const box = (f: Feature) => {
    let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const r of rings(f.geometry))
      for (const [x, y] of r) {
        w = Math.min(w, x);
        e = Math.max(e, x);
        s = Math.min(s, y);
        n = Math.max(n, y);
      }
    return [w, s, e, n];
  };
  if (!target) return '';
  const [w0, s0, e0, n0] = box(target);
  const gx = Math.max(e0 - w0, 0.01) * 0.75;
  const gy = Math.max(n0 - s0, 0.006) * 0.75;
  const [w, s, e, n] = [w0 - gx, s0 - gy, e0 + gx, n0 + gy];
  const k = Math.cos((((s + n) / 2) * Math.PI) / 180);
  const scale = Math.min(width / ((e - w) * k), height / (n - s));
  const px = (x: number) => ((x - w) * k * scale).toFixed(1);
  const py = (y: number) => ((n - y) * scale).toFixed(1);
  const path = (f: Feature) =>
    rings(f.geometry)
      .map((r) => `M${r.map(([x, y]) => `${px(x)},${py(y)}`).join('L')}Z`)
      .join('');
  const near = features.filter((f) => {
    const [a, b, c, d] = box(f);
    return a <= e && c >= w && b <= n && d >= s;
  });
  const fills = near.map((f) => {
    const cls = classOf(String(f.properties?.code ?? ''));
    return `<path d="${path(f)}" fill="${classColour(cls)}" stroke="#fff" stroke-width="0.6"/>`;
  });
  return `<svg class="extract" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Map extract: the ward outlined in pink among its neighbours, coloured by priority decile (darker = higher priority)"><rect width="100%" height="100%" fill="#f4f2ee"/>${fills.join('')}<path d="${path(target)}" fill="none" stroke="#000" stroke-width="5"/><path d="${path(target)}" fill="none" stroke="#ff5fd2" stroke-width="2.5"/></svg>`;
}

export interface ReportInput {
  result: Result;
  i: number;
  robustness: RobustnessRow | null;
  boundaries: readonly Feature[];
  /** Role in the pilot selection, in words (or null). */
  pilotNote: string | null;
}

export function wardReportHtml(r: ReportInput): string {
  const { result, i } = r;
  const e = explainArea(result, i);
  const f = result.framework;
  const ranked = result.rank.filter((x) => x === x).length;
  const isRanked = Number.isFinite(e.rank);
  const spec = new Map(f.indicators.map((s) => [s.id, s]));
  const measureSpecs = new Map(f.measures.map((m) => [m.id, m]));
  const verdict = isRanked && r.robustness ? rankVerdict(r.robustness.p05_rank, r.robustness.p95_rank, ranked) : null;
  const measures = e.categories.flatMap((c) => c.measures.map((m) => ({ ...m, category: c.name })));
  const drivers = isRanked
    ? measures
        .filter((m) => Number.isFinite(m.contribution) && m.contribution > 0)
        .sort((a, b) => b.contribution - a.contribution)
        .slice(0, 3)
    : [];
  const share = (c: number) =>
    e.exact && Number.isFinite(e.index) && e.index !== 0 ? ` (${pct(c / e.index)} of the index)` : '';
  const codeIndex = new Map(result.areas.codes.map((c, k) => [c, k]));
  const measureStatus = (mid: string) => {
    const st = [
      ...new Set(
        result.indicatorIds.filter((id) => spec.get(id)!.measure === mid).map((id) => statusOf(spec.get(id)!)),
      ),
    ];
    return st.join(', ');
  };
  const rows = measures
    .map((m) => {
      const p = shareBelow(result.measures[m.id], i);
      return `<tr><th scope="row">${esc(m.name)}<br><span class="muted">${esc(m.category)}</span></th><td>${Number.isFinite(p) ? `higher than ${pct(p)} of wards` : 'no data'}</td><td>${isRanked && Number.isFinite(m.contribution) ? `${m.contribution >= 0 ? '+' : ''}${num(m.contribution)}${share(m.contribution)}` : '–'}</td><td>${esc(measureStatus(m.id))}</td><td>${esc(periodsOf(result, m.id, spec))}</td></tr>`;
    })
    .join('');
  const indicatorRows = measures
    .flatMap((m) => m.indicators.map((ind) => ({ ind, m })))
    .map(({ ind, m }) => {
      const s = spec.get(ind.id)!;
      return `<tr><th scope="row">${esc(ind.name)}<br><span class="muted">${esc(measureSpecs.get(m.id)?.name ?? '')}</span></th><td>${num(ind.raw, 4)} ${esc(s.unit)}</td><td>${num(median(result.raw[ind.id]), 4)}</td><td>${esc(statusOf(s))}</td><td>${esc(s.period)}</td><td>${esc(s.source)}</td></tr>`;
    })
    .join('');
  const extract = mapExtract(r.boundaries, e.code, (c) => {
    const k = codeIndex.get(c);
    return k === undefined ? 0 : result.decile[k];
  });
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(e.name)} (${esc(e.parentName)}), ${isRanked ? `rank ${Math.round(e.rank)} of ${ranked}` : 'not ranked'}: ward report, ${esc(f.name)}</title>
<link rel="icon" href="data:,">
<style>
body { font-family: system-ui, sans-serif; color: #1a1a1a; margin: 1.5rem auto; max-width: 60rem; padding: 0 1rem; font-size: 14px; }
h1 { margin: 0 0 .2rem; font-size: 1.6rem; } h2 { font-size: 1.1rem; margin: 1.2rem 0 .4rem; }
.muted { color: #4a4a4a; font-size: .85em; } .rank { font-size: 1.2rem; font-weight: 700; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; vertical-align: top; padding: .25rem .4rem; border-bottom: 1px solid #ddd; }
thead th { border-bottom: 2px solid #1a1a1a; } tbody th { font-weight: 400; }
.top { display: flex; gap: 1.5rem; flex-wrap: wrap; align-items: flex-start; } .extract { border: 1px solid #999; max-width: 100%; height: auto; }
footer { margin-top: 1rem; font-size: .8rem; color: #4a4a4a; }
@page { size: A4; margin: 12mm; }
@media print { body { margin: 0; max-width: none; font-size: 8.5pt; } .extract { width: 62mm; } h1 { font-size: 15pt; } h2 { font-size: 10.5pt; margin: 3mm 0 1mm; } th, td { padding: 0.6mm 1.2mm; } p { margin: 1mm 0; } h2 { break-after: avoid; } ${measures.flatMap((m) => m.indicators).length > 20 ? '.annex { break-before: page; }' : ''} tr { break-inside: avoid; } a { color: inherit; text-decoration: none; } }
</style></head>
<body><main>
<div class="top"><div>
<h1>${esc(e.name)}</h1>
<p class="muted">${esc(e.parentName)} · ${esc(e.code)} · ${esc(f.name)}</p>
<p class="rank" data-testid="report-rank">${isRanked ? `Rank ${Math.round(e.rank)} of ${ranked} · decile ${e.decile}` : 'Not ranked'}</p>
${isRanked ? `<p>Index ${num(e.index)} (published weights).</p>` : '<p>This ward has no index: some of the data the index needs does not exist for it, so it is left out of the ranking.</p>'}
${verdict ? `<p><strong>How sure:</strong> ${esc(verdictText(verdict))} (stable means an interval no wider than ${verdict.threshold} places, one decile).</p>` : ''}
${drivers.length ? `<p><strong>Pushed up most by:</strong> ${drivers.map((m) => `${esc(m.name)} ${share(m.contribution) ? share(m.contribution).slice(2, -1) : `+${num(m.contribution)}`}`).join('; ')}.</p>` : ''}
${r.pilotNote ? `<p><strong>Pilot selection:</strong> ${esc(r.pilotNote)}</p>` : ''}
</div>${extract}</div>
<h2>Measures</h2>
<table><thead><tr><th scope="col">Measure</th><th scope="col">Compared with all wards</th><th scope="col">Contribution to the index</th><th scope="col">Data</th><th scope="col">Period</th></tr></thead><tbody>${rows}</tbody></table>
<h2 class="annex">Indicator values${measures.flatMap((m) => m.indicators).length > 20 ? ' (annex)' : ''}</h2>
<table><thead><tr><th scope="col">Indicator</th><th scope="col">Value</th><th scope="col">Median of all wards</th><th scope="col">Data</th><th scope="col">Period</th><th scope="col">Source</th></tr></thead><tbody>${indicatorRows}</tbody></table>
<footer><p>Percentiles: the share of the other wards with a lower score. Contributions: weight × score, from the same explanation the map shows${e.exact ? '; they add up to the index' : ' (approximate for this method)'}.</p>
<p>${attribution(result).map(esc).join(' · ')}</p></footer>
</main></body></html>
`;
}

function statusOf(s: { status: string; level: string }): string {
  if (s.level === 'borough') return `borough stand-in (${STATUS_WORDS[s.status] ?? s.status})`;
  return STATUS_WORDS[s.status] ?? s.status;
}

function periodsOf(result: Result, mid: string, spec: Map<string, { measure: string; period: string }>): string {
  return [
    ...new Set(
      result.indicatorIds
        .filter((id) => spec.get(id)!.measure === mid)
        .map((id) => spec.get(id)!.period)
        .filter(Boolean),
    ),
  ].join('; ');
}
