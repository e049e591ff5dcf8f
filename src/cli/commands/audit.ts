/**
 * `wardrank audit`: what it accepts; the action (src/cli/actions/audit.ts) is imported when it
 * runs, so the statistics, the report and the pipeline stay out of start-up.
 */
import type { Command } from 'commander';
import type { AuditOptions } from '../actions/audit.ts';

export function registerAuditCommand(program: Command): void {
  program
    .command('audit')
    .description(
      'statistical audit (coverage, distributions, correlations, alpha, PCA, effective weights) as a self-contained HTML report and JSON',
    )
    .argument('<framework>', 'framework YAML file')
    .requiredOption(
      '-o, --out <dir>',
      'output folder (replaced atomically; only a folder wardrank wrote is ever replaced): audit.html, audit.json',
    )
    .option(
      '--force',
      "replace an output folder of this tool even if it holds other files or another command's outputs (never the framework folder, the current folder, a parent of the inputs, the home folder or /)",
    )
    .option('--method <method>', 'correlation: pearson | spearman', 'pearson')
    .action(async (path: string, opts: AuditOptions) => (await import('../actions/audit.ts')).auditAction(path, opts));
}
