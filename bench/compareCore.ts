/**
 * Before/after for an optimisation of `src/core`: times prepare + score of two copies of the
 * core on the same SYNTHETIC data, alternating between them so both see the same machine load,
 * and checks that they give bit-identical index, ranks and borough summaries under several
 * method sets. Usage (the "before" copy extracted from git, see docs/performance.md):
 *
 *   git archive <commit> src/core | tar -x -C /tmp/core-before
 *   node --import tsx bench/compareCore.ts /tmp/core-before [areas…]
 */
import { resolve, join } from 'node:path';
import { withMethods, type DeepPartial, type Methods } from '../src/core/framework.ts';
import type { Prepared, ScoreOptions } from '../src/core/run.ts';
import type { Framework } from '../src/core/framework.ts';
import type { Inputs, Result } from '../src/core/types.ts';
import { syntheticFramework } from './synthetic.ts';
import { table, type Row } from './run.ts';

interface Core {
  prepare(f: Framework, i: Inputs): Prepared;
  score(p: Prepared, o?: ScoreOptions): Result;
}

const PATCHES: DeepPartial<Methods>[] = [
  {},
  { normalise: { method: 'rank' } },
  { impute: { method: 'group-mean' } },
  { aggregate: { indicators: 'geometric', measures: 'geometric' } },
  { combine: { method: 'exponential' } },
];

/** Number of values that differ (Object.is) between the two cores' outputs. */
function differences(a: Result, b: Result): number {
  let d = 0;
  for (const k of ['index', 'rank', 'parentRank'] as const)
    for (let i = 0; i < a[k].length; i++) if (!Object.is(a[k][i], b[k][i])) d++;
  if (JSON.stringify(a.boroughs) !== JSON.stringify(b.boroughs)) d++;
  a.treatment.forEach(
    (t, i) => (t.action !== b.treatment[i].action || t.winsorised !== b.treatment[i].winsorised) && d++,
  );
  return d;
}

async function main(): Promise<void> {
  const [beforeDir, ...sizes] = process.argv.slice(2);
  if (!beforeDir) throw new Error('usage: bench/compareCore.ts <folder holding the old src/core> [areas…]');
  const before = (await import(join(resolve(beforeDir), 'src', 'core', 'run.ts'))) as Core;
  const after = (await import('../src/core/run.ts')) as Core;
  const rows: Row[] = [];
  for (const n of (sizes.length ? sizes : ['680', '33755']).map(Number)) {
    const { framework, inputs } = syntheticFramework({ areas: n, indicators: 60 });
    const diff = PATCHES.reduce((sum, patch) => {
      const methods = withMethods(framework.methods, patch);
      return (
        sum +
        differences(
          before.score(before.prepare(framework, inputs), { methods }),
          after.score(after.prepare(framework, inputs), { methods }),
        )
      );
    }, 0);
    const runs = n > 10_000 ? 15 : 200;
    const times = { before: [] as number[], after: [] as number[] };
    const cpu = { before: [] as number[], after: [] as number[] };
    for (let r = 0; r < runs + 5; r++) {
      for (const [name, core] of [
        ['before', before],
        ['after', after],
      ] as const) {
        const c = process.cpuUsage();
        const t = performance.now();
        core.score(core.prepare(framework, inputs));
        if (r < 5) continue;
        times[name].push(performance.now() - t);
        const u = process.cpuUsage(c);
        cpu[name].push((u.user + u.system) / 1000);
      }
    }
    for (const name of ['before', 'after'] as const) {
      rows.push({
        scenario: `SYNTHETIC ${n.toLocaleString('en-GB')} × 60, framework methods`,
        implementation: `core ${name}`,
        medianMs: median(times[name]),
        minMs: Math.min(...times[name]),
        cpuMs: median(cpu[name]),
        runs,
        note: name === 'after' ? `${diff} differing values over ${PATCHES.length} method sets` : '',
      });
    }
  }
  console.log(table(rows));
}

function median(x: number[]): number {
  const s = [...x].sort((a, b) => a - b);
  return s[s.length >> 1];
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
