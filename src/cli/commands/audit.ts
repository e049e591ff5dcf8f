/** `wardrank audit`: the statistical audit of a framework's run, as audit.html and audit.json. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { CorrelationMethod } from '../../audit/correlation.ts';
import { writeDirAtomic } from '../../io/atomic.ts';
import { UsageError } from '../usage.ts';
import { checkOutOption } from '../outOption.ts';
import { PACKAGE_VERSION } from '../../shared/packageInfo.ts';

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
    .action(async (path: string, opts: { out: string; method: string; force?: boolean }) => {
      const [{ auditJson, auditResult }, { auditHtml }, { timedRun }] = await Promise.all([
        import('../../audit/audit.ts'),
        import('../../audit/report/page.ts'),
        import('../pipeline.ts'),
      ]);
      if (opts.method !== 'pearson' && opts.method !== 'spearman')
        throw new UsageError(`--method must be pearson or spearman, got "${opts.method}"`);
      checkOutOption(opts.out, { kind: 'audit', force: opts.force, inputs: [path] });
      const { result, loaded } = timedRun(path);
      const audit = auditResult(result, { method: opts.method as CorrelationMethod });
      const f = result.framework;
      const names = Object.fromEntries([...f.indicators, ...f.measures, ...f.categories].map((x) => [x.id, x.name]));
      const html = auditHtml(audit, { names, subtitle: `Framework file ${loaded.path.split('/').pop()}.` });
      await writeDirAtomic(
        opts.out,
        (tmp) => {
          writeFileSync(join(tmp, 'audit.html'), html);
          writeFileSync(join(tmp, 'audit.json'), auditJson(audit));
        },
        { kind: 'audit', force: opts.force, inputs: [loaded.path], version: PACKAGE_VERSION },
      );
      const a = audit;
      process.stdout.write(
        `wrote audit.html and audit.json to ${opts.out}: ${a.coverage.indicators.length} indicators, ` +
          `${a.flags.redundant.length} redundant pair(s) (|r| > ${a.thresholds.redundant}), ${a.flags.negativeWithinMeasure.length} negative pair(s) inside a measure\n`,
      );
    });
}
