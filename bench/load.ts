/**
 * Load test of `wardrank serve` (a benchmark, not part of `npm test`):
 *
 *   node --import tsx bench/load.ts [framework.yaml | out dir] [--requests 20000] [--connections 50]
 *
 * Starts the real server as a child process (`wardrank serve <source> --port 0`, bound to
 * 127.0.0.1 — this script never targets another host), then sends a fixed number of requests
 * with autocannon over keep-alive connections, each connection cycling through a mix of ten
 * routes as the map uses them (gzip accepted): the page, the framework, all wards, three ward
 * details, the bundle, the boundaries, a static asset from a snapshot of web/dist (or
 * /api/pilots when the map is not built) and one unknown ward code (an expected 404, a tenth of the requests).
 * Prints p50/p99 latency, throughput, status counts and the server's resident memory before and after; stops
 * the server with SIGTERM and exits 1 if any request got a 5xx, a connection error or a timeout.
 * Default source: data/london-2018/framework.yaml (the real London framework), else the test fixture.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

const ROOT = join(import.meta.dirname, '..');
const args = process.argv.slice(2);
const flag = (name: string, fallback: number) =>
  args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback;
const AMOUNT = flag('--requests', 20_000);
const CONNECTIONS = flag('--connections', 50);
const positional = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
const LONDON = join(ROOT, 'data/london-2018/framework.yaml');
const source = positional[0] ?? (existsSync(LONDON) ? LONDON : join(ROOT, 'test/fixtures/small/framework.yaml'));
const HOST = '127.0.0.1';

// A snapshot of the map build, so a rebuild during the run (web/dist replaced) cannot skew it.
const web = mkdtempSync(join(tmpdir(), 'wardrank-load-web-'));
if (existsSync(join(ROOT, 'web/dist'))) cpSync(join(ROOT, 'web/dist'), web, { recursive: true });
const server = spawn(
  process.execPath,
  [join(ROOT, 'bin/wardrank.js'), 'serve', source, '--port', '0', '--host', HOST, '--web', web],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const base = await new Promise<string>((resolve, reject) => {
  let out = '';
  server.stdout!.on('data', (c) => {
    out += c;
    const m = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
    if (m) resolve(m[1]);
  });
  server.on('exit', (code) => reject(new Error(`server exited (${code}) before listening`)));
});
if (!base.startsWith(`http://${HOST}:`)) throw new Error(`refusing to load-test ${base}: 127.0.0.1 only`);

try {
  const { wards } = (await (await fetch(`${base}/api/wards`)).json()) as { wards: { code: string }[] };
  const pick = [0, Math.floor(wards.length / 2), wards.length - 1].map((i) => wards[i].code);
  const assets = join(web, 'assets');
  const asset = existsSync(assets) ? readdirSync(assets).find((f) => f.endsWith('.js')) : undefined;
  const paths = [
    '/',
    '/api/framework',
    '/api/wards',
    ...pick.map((c) => `/api/wards/${c}`),
    '/api/bundle',
    '/geo/boundaries.json',
    asset ? `/assets/${asset}` : '/api/pilots',
    '/api/wards/X00000000',
  ];
  const rssBefore = residentMiB(server.pid!);
  const cpuBefore = cpuSeconds(server.pid!);
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    amount: AMOUNT,
    timeout: 10,
    headers: { 'accept-encoding': 'gzip' },
    requests: paths.map((path) => ({ method: 'GET' as const, path })),
  });
  const rssAfter = residentMiB(server.pid!);
  const cpu = cpuSeconds(server.pid!) - cpuBefore;
  const codes = Object.entries(result.statusCodeStats ?? {})
    .map(([code, s]) => `${code}: ${s.count}`)
    .join(', ');
  const lines = [
    `source: ${source}`,
    `requests: ${result.requests.total} sent over ${result.connections} connections in ${result.duration.toFixed(1)} s; routes (cycled): ${paths.join(' ')}`,
    `latency: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
    `throughput: ${result.requests.average.toFixed(0)} requests/s, ${(result.throughput.average / 2 ** 20).toFixed(1)} MiB/s`,
    `status codes: ${codes}; non-2xx ${result.non2xx} (expected ${Math.floor(AMOUNT / paths.length)} 404s: 1 route in ${paths.length}), 5xx ${result['5xx']}, errors ${result.errors}, timeouts ${result.timeouts}`,
    `server resident memory: ${rssBefore} MiB before, ${rssAfter} MiB after; server CPU ${cpu.toFixed(1)} s (${((cpu / result.requests.total) * 1000).toFixed(2)} ms per request)`,
    `machine: ${cpus().length} CPUs, load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} at the end`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
  if (result['5xx'] > 0 || result.errors > 0 || result.timeouts > 0) process.exitCode = 1;
} finally {
  const exited = new Promise((resolve) => server.on('exit', resolve));
  server.kill('SIGTERM');
  await exited;
  rmSync(web, { recursive: true, force: true });
}

/** Resident set size of a process in MiB (Linux /proc; '?' elsewhere). */
function residentMiB(pid: number): string {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return (kb / 1024).toFixed(0);
  } catch {
    return '?';
  }
}

/** User + system CPU time of a process in seconds (Linux /proc, clock ticks of 1/100 s; NaN elsewhere). */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}
