/**
 * A rank-interval plot as a self-contained SVG (no scripts, no external fonts: the generic
 * `sans-serif` family): one row per ward, highest priority at the top, with
 *   - a bar from the 5th to the 95th percentile rank over the uncertainty runs,
 *   - a tick at the median rank,
 *   - a dot at the nominal rank (the framework's own choices),
 * and a dashed line after rank k (the pilot's top k). Rank 1 is at the left. Deterministic
 * output: numbers are rounded to 0.1 px, so the same results give the same bytes.
 */
import type { Areas } from '../core/types.ts';
import type { WardInterval } from './wardIntervals.ts';

export interface SvgOptions {
  title: string;
  subtitle: string;
  topK: number;
}

const ROW = 18;
const LABEL = 300;
const PLOT = 520;
const TOP = 78;
const RIGHT = 30;

export function rankIntervalSvg(rows: readonly WardInterval[], areas: Areas, options: SvgOptions): string {
  const parentOf = new Map(areas.codes.map((c, i) => [c, areas.parentNames[areas.parent[i]] ?? '']));
  const hi = Math.max(options.topK + 1, ...rows.flatMap((r) => [r.p95Rank, r.nominalRank].filter(Number.isFinite)));
  const step = niceStep(hi);
  const maxX = Math.ceil(hi / step) * step;
  const x = (rank: number) => LABEL + ((rank - 1) / Math.max(1, maxX - 1)) * PLOT;
  const width = LABEL + PLOT + RIGHT;
  const height = TOP + rows.length * ROW + 40;
  const p = (v: number) => (Math.round(v * 10) / 10).toString();
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
  );
  out.push(`<title>${esc(options.title)}</title>`);
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(`<text x="10" y="20" font-size="15" font-weight="bold">${esc(options.title)}</text>`);
  out.push(`<text x="10" y="38" fill="#444444">${esc(options.subtitle)}</text>`);
  // legend
  out.push(
    `<line x1="10" y1="56" x2="40" y2="56" stroke="#9ecae1" stroke-width="7"/><text x="46" y="60">5th–95th percentile rank</text>`,
  );
  out.push(
    `<line x1="200" y1="50" x2="200" y2="62" stroke="#08306b" stroke-width="2"/><text x="206" y="60">median rank</text>`,
  );
  out.push(`<circle cx="300" cy="56" r="4" fill="#d62728"/><text x="308" y="60">nominal rank</text>`);
  out.push(
    `<line x1="400" y1="50" x2="400" y2="62" stroke="#888888" stroke-dasharray="3,2"/><text x="406" y="60">top ${options.topK} cut-off</text>`,
  );
  // grid and axis
  const axisY = TOP + rows.length * ROW + 6;
  const ticks = [1];
  for (let t = step; t <= maxX; t += step) if (t > 1) ticks.push(t);
  for (const t of ticks) {
    out.push(`<line x1="${p(x(t))}" y1="${TOP - 4}" x2="${p(x(t))}" y2="${axisY}" stroke="#eeeeee"/>`);
    out.push(`<text x="${p(x(t))}" y="${axisY + 14}" text-anchor="middle" fill="#444444">${t}</text>`);
  }
  out.push(
    `<text x="${p(LABEL + PLOT / 2)}" y="${axisY + 30}" text-anchor="middle" fill="#444444">rank (1 = highest priority)</text>`,
  );
  out.push(
    `<line x1="${p(x(options.topK + 0.5))}" y1="${TOP - 4}" x2="${p(x(options.topK + 0.5))}" y2="${axisY}" stroke="#888888" stroke-dasharray="3,2"/>`,
  );
  rows.forEach((r, k) => {
    const y = TOP + k * ROW + ROW / 2;
    const label = `${r.name} (${parentOf.get(r.code) ?? ''})`;
    out.push(
      `<g><title>${esc(`${r.name} ${r.code}: nominal ${fmt(r.nominalRank)}, median ${fmt(r.medianRank)}, 90% interval ${fmt(r.p05Rank)}–${fmt(r.p95Rank)}, P(top ${options.topK}) ${r.pTopK.toFixed(2)}`)}</title>`,
    );
    out.push(`<text x="${LABEL - 8}" y="${p(y + 4)}" text-anchor="end">${esc(truncate(label, 46))}</text>`);
    if (Number.isFinite(r.p05Rank)) {
      out.push(
        `<line x1="${p(x(r.p05Rank))}" y1="${p(y)}" x2="${p(Math.max(x(r.p95Rank), x(r.p05Rank) + 1))}" y2="${p(y)}" stroke="#9ecae1" stroke-width="7"/>`,
      );
      out.push(
        `<line x1="${p(x(r.medianRank))}" y1="${p(y - 6)}" x2="${p(x(r.medianRank))}" y2="${p(y + 6)}" stroke="#08306b" stroke-width="2"/>`,
      );
    }
    if (Number.isFinite(r.nominalRank))
      out.push(`<circle cx="${p(x(r.nominalRank))}" cy="${p(y)}" r="3.5" fill="#d62728"/>`);
    out.push('</g>');
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}

/** A tick step of 1, 2 or 5 × 10^k giving about 10 ticks. */
function niceStep(max: number): number {
  const raw = Math.max(1, max / 10);
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  for (const m of [1, 2, 5, 10]) if (m * mag >= raw) return m * mag;
  return 10 * mag;
}

function fmt(v: number): string {
  return Number.isFinite(v) ? String(v) : '–';
}

function truncate(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max - 1) + '…';
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
