/**
 * `robustness --runs N` checked against memory before any run starts, so a typo like 1e9 or an
 * ambitious 2,000,000 is a usage error (exit 2) naming the largest N that fits, not a RangeError
 * or gigabytes allocated before failing. The estimate is an upper bound of what grows with N:
 *
 *   rows  = N × (d + 2) with the Sobol design (d factors), else N
 *   bytes ≈ rows × (8 × Σ factor widths   sampled values, Float64
 *                   + 12                    output and rank count per run
 *                   + 32 × (Σ widths + 4))  samples.csv and samples.arrow text per row
 *
 * and the rows' samples.csv must stay under 400 million characters (V8's longest string is
 * about 536 million). The budget is half of this machine's memory (os.totalmem() / 2).
 */
import { totalmem } from 'node:os';
import type { Prepared } from '../core/run.ts';
import type { DataVariants } from '../robustness/dataVariants.ts';
import { buildDesign, factorWidth } from '../robustness/design.ts';
import type { RobustnessSettings } from '../robustness/settings.ts';
import { UsageError } from './usage.ts';

const MAX_CSV_CHARS = 400e6;

export function checkRunsBudget(
  prepared: Prepared,
  settings: RobustnessSettings,
  budgetBytes = totalmem() / 2,
  data?: DataVariants,
): void {
  // with the data factors' columns, so they count among the factors as in the run
  const design = buildDesign(prepared, settings, data);
  const d = design.factors.length;
  const blocks = settings.sobol.enabled && d > 0 ? d + 2 : 1;
  const width = design.factors.reduce((a, f) => a + factorWidth(f), 0);
  const perRow = 8 * width + 12 + 32 * (width + 4);
  const csvPerRow = 24 * (width + 4);
  const perRun = blocks * perRow;
  const maxRuns = Math.max(0, Math.floor(Math.min(budgetBytes / perRun, MAX_CSV_CHARS / (blocks * csvPerRow))));
  if (settings.runs > maxRuns) {
    const gb = (settings.runs * perRun) / 1e9;
    throw new UsageError(
      `--runs ${settings.runs}: ${blocks > 1 ? `with the Sobol design (${d} factors) that is ${(settings.runs * blocks).toLocaleString('en-GB')} rows, ` : ''}` +
        `about ${gb < 0.1 ? gb.toFixed(3) : gb.toFixed(1)} GB of samples, more than this machine allows (half its memory, and samples.csv under ${MAX_CSV_CHARS / 1e6} million characters); ` +
        `use at most ${maxRuns.toLocaleString('en-GB')} runs${blocks > 1 ? ', or --no-sobol' : ''}`,
    );
  }
}
