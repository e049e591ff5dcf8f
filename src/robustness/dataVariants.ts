/**
 * Runs whose *data* differ: another denominator column, smoothing on or off, another vintage of
 * an indicator (the `denominate`, `smooth` and `source` factors). A run's data choice is a set of
 * indicator-table patches (e.g. `{ violence_with_injury: { denominator: 'workday_population' } }`);
 * the run's `Prepared` is core's own `prepare()` on the framework with those rows patched and the
 * patched rows' data columns swapped in — the same stage functions as the nominal run, never a
 * second implementation. Each distinct patch set is prepared once per thread and reused.
 *
 * The alternative columns are read by the loader (`src/io/loadVariants.ts`) for the specs that
 * `variantSpecs` lists, keyed by `dataKey` (the columns a row reads), so the pure engine never
 * touches a file.
 */
import type { IndicatorSpec } from '../core/framework.ts';
import { prepare, type Prepared } from '../core/run.ts';
import type { IndicatorData, Inputs } from '../core/types.ts';
import { stableKey } from './factorSpec.ts';

/** The indicator-table cells a data factor may change. */
export interface SpecPatch {
  denominator?: string;
  column?: string;
  file?: string;
  period?: string;
  /** Present with `undefined`: smoothing switched off. */
  smooth?: string;
}

/** Per indicator id, the cells patched in a run ({} = the framework's own data). */
export type SpecPatches = Readonly<Record<string, SpecPatch>>;

/** What the alternative runs are prepared from: the framework, its inputs and every alternative data column. */
export interface DataVariants {
  inputs: Inputs;
  /** Indicator data per `dataKey` of a patched row. */
  data: Record<string, IndicatorData>;
}

/** The data a table row reads: file, key, value column, denominator, level. Two rows with the same key read the same numbers. */
export function dataKey(spec: Pick<IndicatorSpec, 'file' | 'key' | 'column' | 'denominator' | 'level'>): string {
  return stableKey({ file: spec.file, key: spec.key, column: spec.column, denominator: spec.denominator, level: spec.level });
}

/** A framework row with a patch applied (`smooth` present as undefined switches smoothing off). */
export function patchSpec(spec: IndicatorSpec, patch: SpecPatch | undefined): IndicatorSpec {
  return patch ? ({ ...spec, ...patch } as IndicatorSpec) : spec;
}

/** Does the patch change which numbers the row reads (rather than only how they are smoothed)? */
export function readsOtherData(spec: IndicatorSpec, patch: SpecPatch): boolean {
  return dataKey(patchSpec(spec, patch)) !== dataKey(spec);
}

/** The `Prepared` of each data choice, built on demand by core's `prepare()` and kept. */
export class PreparedVariants {
  private readonly byKey = new Map<string, Prepared>();

  constructor(
    readonly base: Prepared,
    private readonly variants?: DataVariants,
  ) {}

  /** A stable key of a run's patches ('{}' for the framework's own data). */
  static key(patches: SpecPatches): string {
    return stableKey(patches);
  }

  get(patches: SpecPatches, key = PreparedVariants.key(patches)): Prepared {
    if (key === '{}') return this.base;
    let p = this.byKey.get(key);
    if (!p) this.byKey.set(key, (p = prepareVariant(this.base, patches, this.variants)));
    return p;
  }
}

/**
 * core `prepare()` on the framework with `patches` applied: patched rows read their alternative
 * columns from `variants.data` (an error if the loader did not supply them: a run is never
 * silently given the nominal data).
 */
export function prepareVariant(base: Prepared, patches: SpecPatches, variants: DataVariants | undefined): Prepared {
  const framework = base.framework;
  const indicators = framework.indicators.map((s) => patchSpec(s, patches[s.id]));
  const inputs = variants?.inputs;
  if (!inputs) {
    throw new Error('a data factor needs the framework inputs (runMonteCarlo option `data`)');
  }
  const data: Record<string, IndicatorData> = { ...inputs.data };
  framework.indicators.forEach((s, k) => {
    const patch = patches[s.id];
    if (!patch || !readsOtherData(s, patch)) return;
    const alt = variants.data[dataKey(indicators[k])];
    if (!alt) throw new Error(`no data loaded for ${s.id} with ${JSON.stringify(patch)}`);
    data[s.id] = alt;
  });
  return prepare({ ...framework, indicators }, { ...inputs, data });
}
