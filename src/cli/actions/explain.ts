/** `wardrank explain`: one area's breakdown, category by category down to the indicators. */
import { explainArea, findArea, type Explanation } from '../../core/explain.ts';
import { fmt, fmtRank, textTable } from '../format.ts';
import { timedRun } from '../pipeline.ts';
import { UsageError } from '../usage.ts';

export function explainAction(path: string, query: string, opts: { json?: boolean }): void {
  // the ranking never reads geometry, so the boundary and basemap files are not read
  const { result } = timedRun(path, { geometry: false });
  const hits = findArea(result, query);
  if (hits.length === 0) throw new UsageError(`no area matches "${query}"`);
  if (hits.length > 1) {
    throw new UsageError(
      `"${query}" matches ${hits.length} areas: ${hits
        .slice(0, 8)
        .map((i) => `${result.areas.names[i]} (${result.areas.codes[i]})`)
        .join(', ')}; give a code`,
    );
  }
  const e = explainArea(result, hits[0]);
  if (opts.json) {
    process.stdout.write(
      JSON.stringify(e, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n',
    );
    return;
  }
  process.stdout.write(
    `${e.name} (${e.code}), ${e.parentName}: rank ${fmtRank(e.rank)} of ${result.rank.filter((r) => r === r).length}, decile ${e.decile || '–'}, index ${fmt(e.index, 3)}\n`,
  );
  process.stdout.write(`${explainScaleNote(e)}\n`);
  const rows: (string | number)[][] = [];
  for (const c of e.categories) {
    rows.push([
      c.transformed !== undefined ? `${c.name} (X = ${fmt(c.transformed, 3)})` : c.name,
      fmt(c.score, 3),
      fmt(c.weight, 3),
      fmt(c.contribution, 3),
    ]);
    for (const m of c.measures) {
      rows.push([`  ${m.name}`, fmt(m.score, 3), fmt(m.weight, 3), fmt(m.contribution, 3)]);
      for (const i of m.indicators) {
        const raw = `${fmt(i.raw, 2)}${i.smoothed !== undefined ? ` (smoothed ${fmt(i.smoothed, 2)})` : ''}${i.unit ? ' ' + i.unit : ''}${i.level === 'borough' ? ' [borough]' : ''}${i.imputed ? ' [imputed]' : ''}`;
        rows.push([`    ${i.name}: ${raw}`, fmt(i.score, 3), fmt(i.weight, 4), fmt(i.contribution, 3)]);
      }
    }
  }
  process.stdout.write(textTable(['', 'score', 'weight', 'contribution'], rows, ['l', 'r', 'r', 'r']) + '\n');
}

/** What the contributions printed by `explain` add up to. */
export function explainScaleNote(e: Explanation): string {
  const words: Record<string, string> = {
    index: 'the index',
    'log-index': 'ln(index)',
    category: "their category's score",
    'log-category': "ln of their category's score",
    measure: "their measure's score",
    'log-measure': "ln of their measure's score",
  };
  const cat = e.scale === 'index' ? 'the index' : 'ln(index) (geometric combination: weight × ln score)';
  const transformed = e.categories.some((c) => c.transformed !== undefined)
    ? ' (weight × exponentially transformed score X)'
    : '';
  return `contributions: categories add up to ${cat}${transformed}; measures to ${words[e.within.measures]}; indicators to ${words[e.within.indicators]}`;
}
