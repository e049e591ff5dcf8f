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
import type { Framework, IndicatorSpec } from '../core/framework.ts';
import { prepare, type Prepared } from '../core/run.ts';
import type { IndicatorData, Inputs } from '../core/types.ts';
import { stableKey, type FactorSpec, type SourceValue } from './factorSpec.ts';

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

/**
 * The data a table row reads: file, key, value column, denominator,
 * level. Two rows with the same key read the same numbers.
 */
export function dataKey(spec: Pick<IndicatorSpec, 'file' | 'key' | 'column' | 'denominator' | 'level'>): string {
  return stableKey({
    file: spec.file,
    key: spec.key,
    column: spec.column,
    denominator: spec.denominator,
    level: spec.level,
  });
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

  /**
   * A stable key of a run's patches ('{}' for the framework's own data). A cell patched to
   * undefined (smoothing off) is kept, as null: it differs from a cell left as declared.
   */
  static key(patches: SpecPatches): string {
    const ids = Object.keys(patches);
    if (ids.length === 0) return '{}';
    return stableKey(
      Object.fromEntries(
        ids.map((id) => [id, Object.fromEntries(Object.entries(patches[id]).map(([k, v]) => [k, v ?? null]))]),
      ),
    );
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

/**
 * Every indicator-table row, patched, that the data factors of `factors` can make a run read and
 * that reads other numbers than the framework's own row (another denominator, another column or
 * file): what the loader must read (`loadVariantData`). A row two factors act on (a denominator
 * and a vintage) is listed for every combination of their values. The targets are the ones
 * `buildDesign` uses (listed, or by default every row whose declared denominator is one of the
 * values).
 */
export function variantSpecs(framework: Framework, factors: readonly FactorSpec[]): IndicatorSpec[] {
  const out = new Map<string, IndicatorSpec>();
  for (const s of framework.indicators) {
    if (s.status === 'no-public-source' || !s.file) continue;
    // per factor acting on this row, the patch of each of its values
    const options: SpecPatch[][] = [];
    for (const f of factors) {
      if (f.step === 'denominate') {
        const acts = f.indicators
          ? f.indicators.includes(s.id)
          : s.denominator !== undefined && f.values.includes(s.denominator);
        if (acts && s.denominator) options.push(f.values.map((v) => ({ denominator: v as string })));
      } else if (f.step === 'source' && f.indicators?.includes(s.id)) {
        options.push(
          f.values.map((v) => ({ column: (v as SourceValue).column, file: (v as SourceValue).file ?? s.file })),
        );
      }
    }
    let combos: SpecPatch[] = [{}];
    // {}: the factor at the row's own value, so each factor's patches alone are listed too (buildDesign checks those)
    for (const o of options) combos = combos.flatMap((c) => [...o, {}].map((p) => ({ ...c, ...p })));
    for (const c of combos) {
      const p = patchSpec(s, c);
      if (dataKey(p) !== dataKey(s)) out.set(dataKey(p), p);
    }
  }
  return [...out.values()];
}

/** The loader's data for `variantSpecs` rows (same order), keyed by `dataKey` as `DataVariants.data` holds it. */
export function keyedVariantData(
  specs: readonly IndicatorSpec[],
  data: readonly IndicatorData[],
): Record<string, IndicatorData> {
  return Object.fromEntries(specs.map((s, k) => [dataKey(s), data[k]]));
}
