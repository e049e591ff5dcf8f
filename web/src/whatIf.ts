/**
 * What-if weights and how they are marked, so a what-if view is never mistaken for the
 * published index: the slider range, refusing permalink weights outside it (clamped to the
 * nearest end, with a notice), the words that name the weights in use (banner, legend, PNG
 * caption, CSV header row) and the file names of what-if downloads.
 */
import type { FrameworkInfo } from './api.ts';

export interface Weights {
  categories: Record<string, number>;
  measures: Record<string, number>;
}

/** Top of a weight slider: 5, or twice the published weight rounded up when that is larger. */
export const sliderMax = (published: number): number => Math.max(5, Math.ceil(2 * published));

/** Slider step: weights are shown and kept to one decimal. */
export const SLIDER_STEP = 0.1;

export function hasWeights(w: Weights): boolean {
  return Object.keys(w.categories).length + Object.keys(w.measures).length > 0;
}

function publishedOf(f: FrameworkInfo, kind: keyof Weights): Map<string, { name: string; weight: number }> {
  const list = kind === 'categories' ? f.categories : f.measures;
  return new Map(list.map((x) => [x.id, { name: x.name, weight: x.weight }]));
}

/**
 * Permalink weights checked against the sliders: unknown ids are dropped, values outside
 * 0..sliderMax(published) are clamped to the nearest end and rounded to the slider step, and a
 * value equal to the published weight is no override. Each change is reported in words, so
 * the page can say what it did instead of ranking with a number no slider shows.
 */
export function clampWeights(w: Weights, f: FrameworkInfo): { weights: Weights; notices: string[] } {
  const out: Weights = { categories: {}, measures: {} };
  const notices: string[] = [];
  for (const kind of ['categories', 'measures'] as const) {
    const pub = publishedOf(f, kind);
    for (const [id, v] of Object.entries(w[kind])) {
      const p = pub.get(id);
      if (!p) {
        notices.push(`The link names an unknown ${kind === 'categories' ? 'category' : 'measure'} "${id}"; ignored.`);
        continue;
      }
      const max = sliderMax(p.weight);
      const snapped = Math.round(Math.min(Math.max(v, 0), max) / SLIDER_STEP) * SLIDER_STEP;
      const value = Number(snapped.toFixed(1));
      if (v > max || v < 0)
        notices.push(
          `The link's weight ${v} for ${p.name} is outside the slider range 0–${max}; ${value} is used instead.`,
        );
      else if (value !== v)
        notices.push(`The link's weight ${v} for ${p.name} is rounded to the slider's step: ${value}.`);
      if (Math.abs(value - p.weight) > 1e-9) out[kind][id] = value;
    }
  }
  return { weights: out, notices };
}

/** The overrides in words: "Public health 0 (published 1)", categories first. */
export function describeWeights(w: Weights, f: FrameworkInfo): string[] {
  const lines: string[] = [];
  for (const kind of ['categories', 'measures'] as const) {
    const pub = publishedOf(f, kind);
    for (const [id, v] of Object.entries(w[kind])) {
      const p = pub.get(id);
      lines.push(`${p?.name ?? id} ${v} (published ${p?.weight ?? '?'})`);
    }
  }
  return lines;
}

/** The legend title, PNG caption title and banner lead: what-if views say so first. */
export function viewTitle(layerLabel: string, whatIf: boolean): string {
  return whatIf ? `WHAT-IF weights, not the published index: ${layerLabel}` : layerLabel;
}

/** Download file names: what-if files carry "whatif" and the date, published ones do not. */
export function downloadName(kind: 'csv' | 'png', layer: string, whatIf: boolean, date: string): string {
  if (kind === 'csv') return whatIf ? `wardrank-results-WHATIF-${date}.csv` : 'wardrank-results.csv';
  return whatIf ? `wardrank-WHATIF-${layer.replace(':', '-')}-${date}.png` : `wardrank-${layer.replace(':', '-')}.png`;
}

/**
 * The CSV's first row for a what-if table: one quoted field saying it is not the published
 * index, the weights used and the date, so the file cannot pass for results.csv.
 */
export function whatIfCsvLine(w: Weights, f: FrameworkInfo, date: string): string {
  const text = `# WHAT-IF, not the published index: weights changed from the published run (${describeWeights(w, f).join('; ')}); computed in the browser on ${date}`;
  return `"${text.replace(/"/g, '""')}"\n`;
}

/** Today's date as YYYY-MM-DD (UTC). */
export const isoDate = (d = new Date()): string => d.toISOString().slice(0, 10);
