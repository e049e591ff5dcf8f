/**
 * `GET /api/framework`: what the map needs to label and explain the index — categories,
 * measures and indicators as declared, the methods, the effective (renormalised) weights the
 * run used, what was excluded and why, the data attributions, and where the geometry is.
 */
import type { FrameworkInfo } from '../../core/apiTypes.ts';
import type { Result } from '../../core/types.ts';
import type { MonthlySpec } from '../../core/framework.ts';
import { BOUNDARIES_FILE, basemapFile } from '../../io/geometryFiles.ts';

const OGL = 'Contains public sector information licensed under the Open Government Licence v3.0.';

export function frameworkView(
  result: Result,
  geometry: ReadonlyMap<string, unknown>,
  monthly: MonthlySpec | null = null,
): FrameworkInfo {
  const f = result.framework;
  const used = new Set(result.indicatorIds);
  return {
    name: f.name,
    description: f.description,
    categories: f.categories.map(({ id, name, weight }) => ({ id, name, weight })),
    measures: f.measures.map(({ id, name, category, weight }) => ({ id, name, category, weight })),
    indicators: f.indicators.map((s) => ({
      id: s.id,
      name: s.name,
      measure: s.measure,
      level: s.level,
      direction: s.direction,
      unit: s.unit,
      status: s.status,
      source: s.source,
      period: s.period,
      licence: s.licence,
      used: used.has(s.id),
    })),
    methods: result.methods,
    weights: result.weights,
    excluded: result.excluded,
    attribution: attribution(result),
    topK: result.methods.rank.top_k,
    // The monthly series the server can serve (/api/monthly/:code), or null.
    monthly: monthly ? { period: monthly.period, source: monthly.source, primary: monthly.primary } : null,
    geo: {
      boundaries: geometry.has(BOUNDARIES_FILE) ? `/${BOUNDARIES_FILE}` : null,
      basemap: f.areas.basemap
        .filter((b) => geometry.has(basemapFile(b.id)))
        .map((b) => ({ id: b.id, name: b.name, kind: b.kind, url: `/${basemapFile(b.id)}` })),
    },
  };
}

/**
 * Credits for the data in use, never invented: each distinct `source` of a used indicator with
 * its licence, the framework's own `attribution` lines (boundaries, basemap), and the OGL v3.0
 * attribution statement when any used source is under the Open Government Licence (its terms
 * require that statement).
 */
export function attribution(result: Result): string[] {
  const used = new Set(result.indicatorIds);
  const specs = result.framework.indicators.filter((s) => used.has(s.id) && s.source.trim() !== '');
  const lines = [
    ...new Set([
      ...specs.map((s) => (s.licence.trim() ? `${s.source.trim()} (${s.licence.trim()})` : s.source.trim())),
      ...(result.framework.attribution ?? []),
    ]),
  ];
  if (specs.some((s) => /\bOGL\b|open government licence/i.test(s.licence))) lines.unshift(OGL);
  return lines;
}
