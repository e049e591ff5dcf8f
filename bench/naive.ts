/**
 * A NAIVE implementation of the peer pipeline (see `peers.ts`), written the way a
 * straightforward JavaScript developer would: the data as an array of row objects (as a CSV
 * parser hands them over), values looked up per cell by property name, intermediate results
 * stored back on the rows, `map`/`filter`/`reduce` throughout. It exists only as a benchmark peer
 * and as an independent cross-check of the engine's ranks; it is not used by wardrank itself.
 *
 * Pipeline (the engine's, with treat: none, impute: none, normalise: zscore, arithmetic
 * aggregation and combination):
 *   rate = count / denominator × multiplier (missing when the denominator is 0); borough-level
 *   values inherited from the row's borough; z = (d·x − mean) / sd (sample sd); measure = Σ w·z
 *   / Σ w over present indicators if the present weight share ≥ min_coverage; the same for
 *   categories; index over categories with min_coverage 1; rank 1 = highest, ties averaged.
 */
import type { Framework } from '../src/core/framework.ts';
import type { Inputs } from '../src/core/types.ts';

export type Row = Record<string, string | number | null>;

export interface NaiveData {
  rows: Row[];
  boroughRows: Row[];
}

/** The same inputs as row objects: `{ code, borough_code, <id>: count, <id>_den: denominator }`, null = missing. */
export function toRows(framework: Framework, inputs: Inputs): NaiveData {
  const { areas, data } = inputs;
  const cell = (v: number) => (Number.isNaN(v) ? null : v);
  const rows: Row[] = areas.codes.map((code, i) => {
    const row: Row = { code, borough_code: areas.parentCodes[areas.parent[i]] };
    for (const s of framework.indicators) {
      if (s.level !== 'ward' || !data[s.id]) continue;
      row[s.id] = cell(data[s.id].values[i]);
      if (data[s.id].denominator) row[s.id + '_den'] = cell(data[s.id].denominator![i]);
    }
    return row;
  });
  const boroughRows: Row[] = areas.parentCodes.map((code, p) => {
    const row: Row = { borough_code: code };
    for (const s of framework.indicators)
      if (s.level === 'borough' && data[s.id]) row[s.id] = cell(data[s.id].values[p]);
    return row;
  });
  return { rows, boroughRows };
}

/** Index and rank per row, in row order (index null = not ranked). */
export function naivePipeline(
  framework: Framework,
  { rows, boroughRows }: NaiveData,
): { index: (number | null)[]; rank: (number | null)[] } {
  const boroughs: Record<string, Row> = {};
  for (const b of boroughRows) boroughs[b.borough_code as string] = b;
  const work = rows.map((r) => ({
    row: r,
    z: {} as Record<string, number | null>,
    m: {} as Record<string, number | null>,
    c: {} as Record<string, number | null>,
    index: null as number | null,
  }));

  for (const s of framework.indicators) {
    const value = (w: (typeof work)[number]): number | null => {
      if (s.level === 'borough') {
        const v = boroughs[w.row.borough_code as string]?.[s.id];
        return v == null ? null : (v as number) * s.multiplier;
      }
      const x = w.row[s.id] as number | null;
      if (x == null) return null;
      if (!s.denominator) return x * s.multiplier;
      const d = w.row[s.id + '_den'] as number | null;
      return d == null || d === 0 ? null : (x / d) * s.multiplier;
    };
    const present = work
      .map(value)
      .filter((v): v is number => v !== null)
      .map((v) => v * s.direction);
    const mean = present.reduce((a, b) => a + b, 0) / present.length;
    const sd = Math.sqrt(present.reduce((a, b) => a + (b - mean) ** 2, 0) / (present.length - 1));
    for (const w of work) {
      const v = value(w);
      w.z[s.id] = v === null ? null : sd > 0 ? (v * s.direction - mean) / sd : 0;
    }
  }

  const mean = (values: (number | null)[], weights: number[], minCoverage: number): number | null => {
    let sum = 0;
    let have = 0;
    const all = weights.reduce((a, b) => a + b, 0);
    values.forEach((v, k) => {
      if (v !== null) {
        sum += weights[k] * v;
        have += weights[k];
      }
    });
    return have > 0 && have / all >= minCoverage - 1e-12 ? sum / have : null;
  };
  // measures and categories without any indicator are left out and the weights renormalised
  const measures = framework.measures.filter((m) => framework.indicators.some((s) => s.measure === m.id));
  const categories = framework.categories.filter((c) => measures.some((m) => m.category === c.id));
  for (const m of measures) {
    const members = framework.indicators.filter((s) => s.measure === m.id);
    for (const w of work)
      w.m[m.id] = mean(
        members.map((s) => w.z[s.id]),
        members.map((s) => s.weight),
        m.min_coverage,
      );
  }
  for (const c of categories) {
    const members = measures.filter((m) => m.category === c.id);
    for (const w of work)
      w.c[c.id] = mean(
        members.map((m) => w.m[m.id]),
        members.map((m) => m.weight),
        c.min_coverage,
      );
  }
  for (const w of work)
    w.index = mean(
      categories.map((c) => w.c[c.id]),
      categories.map((c) => c.weight),
      1,
    );

  const ranked = work.filter((w) => w.index !== null).sort((a, b) => b.index! - a.index!);
  const rank = new Map<(typeof work)[number], number>();
  for (let i = 0; i < ranked.length;) {
    let j = i;
    while (j + 1 < ranked.length && ranked[j + 1].index === ranked[i].index) j++;
    for (let k = i; k <= j; k++) rank.set(ranked[k], (i + j) / 2 + 1);
    i = j + 1;
  }
  return { index: work.map((w) => w.index), rank: work.map((w) => rank.get(w) ?? null) };
}
