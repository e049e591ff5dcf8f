/**
 * Whole commands as a user runs them, each a fresh process timed from spawn to exit (wall), with
 * its CPU time (user + system) and peak RSS from GNU time (`/usr/bin/time`, when present):
 *   - `node -e 0`, the floor any Node CLI pays;
 *   - `wardrank --help` (target ≤ 150 ms) and `wardrank top` on London (≤ 400 ms: data/london,
 *     the current index, and data/london-2018), the built CLI;
 *   - `wardrank run` on England's 32,844 LSOAs (bench/england.ts; ≤ 1.5 s, ≤ 300 MB) beside
 *     DuckDB doing the same load → compute → write (bench/duckdbEngland.mjs), after checking
 *     that both give every LSOA the same rank.
 * Medians of `runs` after one warm-up run; `node -e 0` and `--help` are timed in turn (A B A B …).
 * The CLI runs from dist/ (`npm run build` first).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCsv } from '../src/io/csv.ts';
import { englandFramework, ENGLAND_DIR } from './england.ts';
import type { Row } from './run.ts';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'wardrank.js');
/** The current London index is the target's row; the 2018 index (2018 wards) is measured beside it. */
const LONDON = join(ROOT, 'data', 'london', 'framework.yaml');
const LONDON_2018 = join(ROOT, 'data', 'london-2018', 'framework.yaml');
const GNU_TIME = '/usr/bin/time';

interface Sample {
  wallMs: number;
  cpuMs?: number;
  rssMb?: number;
}

function once(argv: string[]): Sample {
  const timed = existsSync(GNU_TIME);
  const t0 = performance.now();
  const r = timed
    ? spawnSync(GNU_TIME, ['-f', 'wardrank-bench %U %S %M', process.execPath, ...argv], { encoding: 'utf8' })
    : spawnSync(process.execPath, argv, { encoding: 'utf8' });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  const m = /wardrank-bench ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr ?? '');
  return m ? { wallMs, cpuMs: (Number(m[1]) + Number(m[2])) * 1000, rssMb: Number(m[3]) / 1024 } : { wallMs };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

interface Command {
  implementation: string;
  argv: string[];
  target?: { ms?: number; mb?: number };
  note?: string;
}

function measure(
  scenario: string,
  implementation: string,
  argv: string[],
  runs: number,
  target?: { ms?: number; mb?: number },
  note?: string,
): Row {
  return measureInTurn(scenario, [{ implementation, argv, target, note }], runs)[0];
}

/** Commands timed in turn (A B A B …, each after one warm-up), so a change in the machine's load hits each alike. */
function measureInTurn(scenario: string, commands: Command[], runs: number): Row[] {
  for (const c of commands) once(c.argv);
  const samples: Sample[][] = commands.map(() => []);
  for (let k = 0; k < runs; k++) commands.forEach((c, i) => samples[i].push(once(c.argv)));
  return commands.map((c, i) => row(scenario, c, samples[i]));
}

function row(scenario: string, { implementation, target, note }: Command, samples: Sample[]): Row {
  const wall = samples.map((s) => s.wallMs);
  const cpu = samples.every((s) => s.cpuMs !== undefined) ? median(samples.map((s) => s.cpuMs!)) : undefined;
  const rss = samples.every((s) => s.rssMb !== undefined) ? Math.max(...samples.map((s) => s.rssMb!)) : undefined;
  const row: Row = {
    scenario,
    implementation,
    medianMs: median(wall),
    minMs: Math.min(...wall),
    cpuMs: cpu,
    runs: samples.length,
    rssMb: rss,
    note,
  };
  if (target) {
    row.target = [target.ms && `≤ ${target.ms} ms`, target.mb && `≤ ${target.mb} MB`].filter(Boolean).join(', ');
    const memoryOk = !target.mb || (rss !== undefined && rss <= target.mb);
    const ok = (!target.ms || row.medianMs! <= target.ms) && memoryOk;
    const cpuOk = (!target.ms || (cpu !== undefined && cpu <= target.ms)) && memoryOk;
    row.verdict = ok ? 'met' : cpuOk ? 'MISSED on wall time; met on CPU time' : 'MISSED';
  }
  return row;
}

/** Rank of every code in a results.csv. */
function ranks(file: string): Map<string, number> {
  const t = parseCsv(readFileSync(file, 'utf8'), { file });
  const code = t.header.indexOf('code');
  const rank = t.header.indexOf('rank');
  return new Map(t.rows.map((r) => [r[code], Number(r[rank])]));
}

export function commandRows(options: { only?: string; quick?: boolean }): Row[] {
  const rows: Row[] = [];
  const want = (s: string) => !options.only || s.includes(options.only);
  if (!existsSync(join(ROOT, 'dist', 'cli.cjs')))
    return [{ scenario: 'CLI', implementation: '—', note: 'skipped: no build (run `npm run build`)' }];
  const startup = 'CLI start-up';
  if (want(`${startup} node -e 0 wardrank --help`)) {
    rows.push(
      ...measureInTurn(
        startup,
        [
          { implementation: '`node -e 0` (the floor)', argv: ['-e', '0'] },
          { implementation: '`wardrank --help`', argv: [BIN, '--help'], target: { ms: 150 } },
        ],
        9,
      ),
    );
  }
  if (existsSync(LONDON) && want('London wards (real data) wardrank top')) {
    rows.push(
      measure(
        'London wards (real data)',
        '`wardrank top` data/london (start-up, load, score, print)',
        [BIN, 'top', LONDON, '-n', '20'],
        7,
        { ms: 400 },
      ),
    );
    if (existsSync(LONDON_2018))
      rows.push(
        measure(
          'London wards (real data)',
          '`wardrank top` data/london-2018 (2018 wards)',
          [BIN, 'top', LONDON_2018, '-n', '20'],
          7,
          { ms: 400 },
        ),
      );
  }
  const england = 'England LSOAs, IoD 2019 domains (real data, 32,844 × 7)';
  if (want(`${england} wardrank run DuckDB`)) {
    const framework = englandFramework();
    if (!framework) {
      rows.push({ scenario: england, implementation: '—', note: 'skipped: ../shared/data/deprivation not present' });
      return rows;
    }
    const out = mkdtempSync(join(tmpdir(), 'wardrank-bench-england-'));
    try {
      const runs = options.quick ? 3 : 5;
      rows.push(
        measure(
          england,
          '`wardrank run` (CSV in; results.csv, results.arrow and the rest out)',
          [BIN, 'run', framework, '--out', join(out, 'wardrank'), '--reproducible'],
          runs,
          { ms: 1500, mb: 300 },
        ),
      );
      rows.push(
        measure(
          england,
          'DuckDB 1 thread, one process (CSV in; CSV + Arrow out)',
          [join(ROOT, 'bench', 'duckdbEngland.mjs'), ENGLAND_DIR, join(out, 'duckdb'), '1'],
          runs,
          undefined,
          'same 47 result columns; no boroughs.csv, treatment.csv, prepared.json, manifest',
        ),
      );
      const a = ranks(join(out, 'wardrank', 'results.csv'));
      const b = ranks(join(out, 'duckdb', 'results.csv'));
      const differ = [...a].filter(([code, r]) => b.get(code) !== r).length;
      rows.push({
        scenario: england,
        implementation: 'rank agreement',
        note: differ ? `DISAGREE on ${differ} of ${a.size} ranks` : `wardrank and DuckDB agree on all ${a.size} ranks`,
      });
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }
  return rows;
}
