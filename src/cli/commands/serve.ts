/**
 * serve: the map and its read-only JSON API, for a framework file or a `wardrank run` output
 * folder. What it accepts is defined here; the server (fastify and its plugins) and the loaders
 * are imported by the action (src/cli/actions/serve.ts) when it runs, so other commands start fast.
 */
import type { Command } from 'commander';
import type { ServeOptions } from '../actions/serve.ts';
import { DEFAULT_WEB_ROOT } from '../../server/webRoot.ts';
import { UsageError } from '../usage.ts';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the map and a read-only JSON API (docs/api.md) for a framework or a run output folder')
    .argument('<source>', 'framework YAML file, or output folder of `wardrank run`')
    .option('-p, --port <port>', 'TCP port (0: any free port)', tcpPort, 8080)
    .option('--host <host>', 'interface to listen on; the default serves this machine only', '127.0.0.1')
    .option('--web <dir>', 'web build folder', DEFAULT_WEB_ROOT)
    .option(
      '--also <sources...>',
      'further indexes (framework files or output folders), each served under /<folder name>/ and selectable in the map; the first <source> stays the default at /',
    )
    .action(async (path: string, opts: ServeOptions) => (await import('../actions/serve.ts')).serveAction(path, opts));
}

export function tcpPort(value: string): number {
  const n = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!(n >= 0 && n <= 65535)) throw new UsageError(`--port must be a whole number from 0 to 65535, got "${value}"`);
  return n;
}
