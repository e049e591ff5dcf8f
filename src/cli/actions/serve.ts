/** `wardrank serve`: the map and its read-only JSON API, until SIGINT or SIGTERM. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from '../../server/app.ts';
import { indexIds } from '../../server/routes/indexes.ts';
import { loadSource } from '../../server/source.ts';
import { UsageError } from '../usage.ts';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
const FORCE_EXIT_MS = 10_000;

export interface ServeOptions {
  port: number;
  host: string;
  web: string;
  also?: string[];
}

export async function serveAction(path: string, opts: ServeOptions): Promise<void> {
  const source = loadSource(path);
  for (const w of source.warnings) process.stderr.write(`warning: ${w}\n`);
  const extraPaths = opts.also ?? [];
  const ids = indexIds(extraPaths);
  const also = extraPaths.map((p, k) => {
    const s = loadSource(p);
    for (const w of s.warnings) process.stderr.write(`warning: ${p}: ${w}\n`);
    return { id: ids[k], source: s };
  });
  const app = buildApp(source, { webRoot: opts.web, also });
  try {
    await app.listen({ port: opts.port, host: opts.host });
  } catch (e) {
    throw new UsageError(
      `cannot listen on ${opts.host}:${opts.port}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message} (choose another --port or --host)`,
    );
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  const ranked = source.result.rank.filter((r) => r === r).length;
  process.stdout.write(
    `wardrank: serving ${source.result.framework.name} (${ranked} ranked wards) from ${source.path}\n  http://${host}:${port}/\n`,
  );
  for (const a of also)
    process.stdout.write(
      `  also ${a.source.result.framework.name} from ${a.source.path}\n  http://${host}:${port}/${a.id}/\n`,
    );
  if (!LOOPBACK.has(opts.host))
    process.stderr.write(`warning: listening on ${opts.host}: reachable from other machines\n`);
  if (!existsSync(join(opts.web, 'index.html')))
    process.stderr.write(`warning: no map build in ${opts.web}: run \`npm run build:web\` (the API works meanwhile)\n`);
  await closedOnSignal(app.close.bind(app));
}

/** Resolves once a SIGINT or SIGTERM has closed the server (in-flight requests finish); a second signal, or 10 s, forces exit. */
function closedOnSignal(close: () => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) process.exit(130);
      stopping = true;
      process.stderr.write(`wardrank: ${signal}: closing (again to force)\n`);
      setTimeout(() => process.exit(1), FORCE_EXIT_MS).unref();
      close().then(resolve, (e: Error) => {
        process.stderr.write(`wardrank: error while closing: ${e.message}\n`);
        resolve();
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
