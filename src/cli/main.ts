/**
 * The `wardrank` command line. Commands are thin: parse, call the library, print.
 * Exit codes: 0 ok, 1 bad input (a located message on stderr), 2 usage.
 */
import { Command, CommanderError } from 'commander';
import { InputError } from '../core/errors.ts';
import { PACKAGE_VERSION } from '../shared/packageInfo.ts';
import { registerCoreCommands } from './commands/core.ts';
import { registerAuditCommand } from './commands/audit.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerRobustnessCommand } from './commands/robustness.ts';
import { registerPilotsCommand } from './commands/pilots.ts';
import { registerCompareCommand } from './commands/compare.ts';
import { UsageError } from './usage.ts';
import { schemaIssues } from './zodIssues.ts';

/** The program with every command registered. */
export function buildProgram(): Command {
  const program = new Command('wardrank')
    .description('A transparent, defensible ranking of neighbourhoods for violence-reduction work.')
    .version(PACKAGE_VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerCoreCommands(program);
  registerAuditCommand(program);
  registerServeCommand(program);
  registerRobustnessCommand(program);
  registerPilotsCommand(program);
  registerCompareCommand(program);
  return program;
}

/** Runs the CLI on argv (as process.argv: node, script, args…) and returns the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  process.exitCode = undefined;
  try {
    await buildProgram().parseAsync(argv);
    return Number(process.exitCode ?? 0);
  } catch (e) {
    return exitCodeFor(e);
  } finally {
    process.exitCode = undefined;
  }
}

function exitCodeFor(e: unknown): number {
  if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
  if (e instanceof UsageError) {
    process.stderr.write(`wardrank: ${e.message}\n`);
    return 2;
  }
  if (e instanceof InputError) {
    process.stderr.write(`${e.message}\n`);
    return 1;
  }
  const issues = schemaIssues(e);
  if (issues) {
    // Settings that slipped past a command's own checks: still a message, not a dump.
    process.stderr.write(
      `wardrank: invalid settings: ${issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`).join('; ')}\n`,
    );
    return 1;
  }
  process.stderr.write(`wardrank: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
  return 3;
}
