/** `wardrank audit`: the statistical audit of a framework's run, as audit.html and audit.json. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditJson, auditResult } from '../../audit/audit.ts';
import type { CorrelationMethod } from '../../audit/correlation.ts';
import { auditHtml } from '../../audit/report/page.ts';
import { writeDirAtomic } from '../../io/atomic.ts';
import { PACKAGE_VERSION } from '../../shared/packageInfo.ts';
import { checkOutOption } from '../outOption.ts';
import { timedRun } from '../pipeline.ts';
import { UsageError } from '../usage.ts';

export interface AuditOptions {
  out: string;
  method: string;
  force?: boolean;
}

export async function auditAction(path: string, opts: AuditOptions): Promise<void> {
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
}
