/**
 * Step "treat": declared transforms, then outlier treatment by COINr's default rule.
 *
 * 1. Declared transform per indicator: `log` → ln(1 + x) (x > −1), `sqrt` → √x (x ≥ 0).
 * 2. An indicator fails when |skewness| > `skew` AND excess kurtosis > `kurtosis` (defaults 2
 *    and 3.5: OECD/JRC 2008; COINr `check_SkewKurt`).
 * 3. A failing indicator is Winsorised one point at a time on the side of its skew, up to
 *    `max_winsorised` points, stopping as soon as it passes.
 * 4. If it still fails, Winsorisation is undone and COINr's `log_CT_plus` (the COIN Tool log,
 *    mirrored for negative skew) is applied to the original values instead (COINr applies its
 *    second treatment function to the original x).
 *
 * Every indicator's shape before and after and the action taken are recorded.
 *
 * Shapes, the points Winsorised and the log transform's min and max come from the reference
 * set `ref` only (default: the ranked areas; see steps/referenceSet.ts). An area outside it is
 * then treated with the fitted values: capped at the Winsorisation bound, or log-transformed
 * with the members' min and max (missing when its value lies outside the transform's domain).
 */
import type { IndicatorSpec, Methods } from '../framework.ts';
import type { StepRecord, TreatmentRecord } from '../types.ts';
import { shape, type Shape } from '../stats/shape.ts';
import { extremeOrder } from '../stats/extremeOrder.ts';
import { winsorise } from '../stats/winsorise.ts';
import { logTransformCT } from '../stats/logTransform.ts';
import { membersOnly } from '../stats/referenceMask.ts';

export interface TreatOutput {
  columns: Record<string, Float64Array>;
  treatment: TreatmentRecord[];
  record: StepRecord;
}

export function treat(
  specs: readonly IndicatorSpec[],
  columns: Readonly<Record<string, Float64Array>>,
  settings: Methods['treat'],
  ref?: Uint8Array,
): TreatOutput {
  const out: Record<string, Float64Array> = {};
  const treatment: TreatmentRecord[] = [];
  const notes: string[] = [];
  for (const spec of specs) {
    const col = columns[spec.id];
    if (!col) continue;
    const transformed = spec.transform ? applyTransform(col, spec.transform) : col;
    if (settings.method === 'none') {
      out[spec.id] = transformed;
      const s = shape(membersOnly(transformed, ref));
      treatment.push(record(spec.id, s, spec.transform ? 'transform-only' : 'none', 0, s));
      continue;
    }
    const t = treatOutliers(transformed, settings, ref);
    out[spec.id] = t.values;
    treatment.push({ ...t.record, indicator: spec.id });
    if (t.record.action === 'winsorised') notes.push(`${spec.id}: ${t.record.winsorised} point(s) Winsorised`);
    if (t.record.action === 'log')
      notes.push(`${spec.id}: Winsorising ${settings.max_winsorised} point(s) was not enough; log-transformed`);
  }
  return { columns: out, treatment, record: { step: 'treat', settings, notes } };
}

export function applyTransform(col: Float64Array, transform: 'log' | 'sqrt'): Float64Array {
  const out = new Float64Array(col.length);
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    out[i] = transform === 'log' ? (v > -1 ? Math.log1p(v) : NaN) : v >= 0 ? Math.sqrt(v) : NaN;
  }
  return out;
}

/** True when an indicator's distribution needs treatment under COINr's rule. */
export function failsShapeCheck(s: Shape, settings: Pick<Methods['treat'], 'skew' | 'kurtosis'>): boolean {
  return Math.abs(s.skewness) > settings.skew && s.kurtosis > settings.kurtosis;
}

export function treatOutliers(
  x: Float64Array,
  settings: Methods['treat'],
  ref?: Uint8Array,
): { values: Float64Array; record: Omit<TreatmentRecord, 'indicator'> } {
  const members = membersOnly(x, ref);
  const before = shape(members);
  if (!failsShapeCheck(before, settings)) return { values: x, record: record('', before, 'none', 0, before) };
  const side = before.skewness > 0 ? 'upper' : 'lower';
  // winsorise reads only the extreme end of the order: the max_winsorised + 1 most extreme points
  const order = extremeOrder(members, settings.max_winsorised + 1, side);
  for (let k = 1; k <= settings.max_winsorised; k++) {
    const w = winsorise(members, order, k, side);
    const s = shape(w);
    if (!failsShapeCheck(s, settings))
      return { values: ref ? capOutsiders(x, w, ref, side) : w, record: record('', before, 'winsorised', k, s) };
  }
  const logged = logTransformCT(x, before.skewness, ref);
  return { values: logged, record: record('', before, 'log', 0, shape(membersOnly(logged, ref))) };
}

/** Members take their Winsorised values; others are capped at the members' new bound. */
function capOutsiders(x: Float64Array, w: Float64Array, ref: Uint8Array, side: 'upper' | 'lower'): Float64Array {
  let bound = side === 'upper' ? -Infinity : Infinity;
  for (let i = 0; i < w.length; i++)
    if (ref[i] === 1 && w[i] === w[i]) bound = side === 'upper' ? Math.max(bound, w[i]) : Math.min(bound, w[i]);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++)
    out[i] = ref[i] === 1 ? w[i] : side === 'upper' ? Math.min(x[i], bound) : Math.max(x[i], bound);
  return out;
}

function record(
  indicator: string,
  before: Shape,
  action: TreatmentRecord['action'],
  winsorised: number,
  after: Shape,
): TreatmentRecord {
  return {
    indicator,
    skewBefore: before.skewness,
    kurtosisBefore: before.kurtosis,
    action,
    winsorised,
    skewAfter: after.skewness,
    kurtosisAfter: after.kurtosis,
  };
}
