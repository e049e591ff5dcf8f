/** `wardrank compare <runA> <runB>`: rank changes per ward and the measures that moved them (src/robustness/compareRuns.ts). */
import { formatCsv } from '../../io/csv.ts';
import { writeDirAtomic, writeFileAtomic } from '../../io/atomic.ts';
import { readRunFolder } from '../../io/readRunFolder.ts';
import { compareRuns, comparisonCsvRows, comparisonSummary } from '../../robustness/compareRuns.ts';
import { PACKAGE_VERSION } from '../../shared/packageInfo.ts';
import { fmt, fmtRank, textTable } from '../format.ts';
import { checkOutOption } from '../outOption.ts';

export interface CompareOptions {
  out?: string;
  top: number;
  force?: boolean;
}

export async function compareAction(runA: string, runB: string, opts: CompareOptions): Promise<void> {
  if (opts.out) checkOutOption(opts.out, { kind: 'compare', force: opts.force, inputs: [runA, runB] });
  const a = readRunFolder(runA);
  const b = readRunFolder(runB);
  const c = compareRuns(a, b);
  const s = comparisonSummary(c);
  const out = process.stdout;
  out.write(
    `${s.compared} wards in both runs (A: ${runA}, B: ${runB}); ${s.rankedInBoth} ranked in both; ${s.changed} changed rank; mean |rank change| ${fmt(s.meanAbsChange, 2)}, largest ${fmtRank(s.maxAbsChange)}; Spearman's rho ${fmt(s.spearman, 4)}\n`,
  );
  if (c.onlyInA.length || c.onlyInB.length)
    out.write(
      `only in A: ${c.onlyInA.length} ward(s)${c.onlyInA.length ? ` (${c.onlyInA.slice(0, 5).join(', ')}${c.onlyInA.length > 5 ? ', …' : ''})` : ''}; only in B: ${c.onlyInB.length}${c.onlyInB.length ? ` (${c.onlyInB.slice(0, 5).join(', ')}${c.onlyInB.length > 5 ? ', …' : ''})` : ''}\n`,
    );
  if (c.differences.length) {
    out.write(
      `settings that differ (B vs A):\n${textTable(
        ['setting', 'A', 'B'],
        c.differences.map(([p, x, y]) => [p, x, y]),
        ['l', 'l', 'l'],
      )}\n`,
    );
  } else out.write('methods and effective weights are the same in both runs\n');
  if (!c.exact)
    out.write(
      'note: a run uses geometric means or the exponential combination, so contribution changes are a first-order attribution and need not add up to the index change\n',
    );
  const movers = c.wards
    .filter((w) => w.rankChange === w.rankChange && w.rankChange !== 0)
    .sort((x, y) => Math.abs(y.rankChange) - Math.abs(x.rankChange) || x.rankB - y.rankB)
    .slice(0, opts.top);
  if (movers.length) {
    const k = (w: (typeof movers)[number], m: string) => w.contributionChange[c.measures.indexOf(m)];
    out.write(
      textTable(
        ['ward', 'borough', 'rank A', 'rank B', 'change', 'moved most by (contribution change)'],
        movers.map((w) => [
          w.name,
          w.parentName,
          fmtRank(w.rankA),
          fmtRank(w.rankB),
          `${w.rankChange > 0 ? '+' : ''}${fmtRank(w.rankChange)}`,
          w.movedMostBy
            .slice(0, 2)
            .map((m) => `${m} ${k(w, m) > 0 ? '+' : ''}${fmt(k(w, m), 3)}`)
            .join(', '),
        ]),
        ['l', 'l', 'r', 'r', 'r', 'l'],
      ) + '\n',
    );
  }
  if (opts.out) {
    const { header, rows } = comparisonCsvRows(c);
    await writeDirAtomic(opts.out, (tmp) => writeFileAtomic(`${tmp}/compare.csv`, formatCsv(header, rows)), {
      kind: 'compare',
      force: opts.force,
      inputs: [runA, runB],
      version: PACKAGE_VERSION,
    });
    out.write(`wrote compare.csv (${rows.length} wards) to ${opts.out}\n`);
  }
}
