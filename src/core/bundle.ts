/**
 * A `Prepared` run as plain JSON, so the browser map can re-run `score()` with other weights
 * (what-if) using exactly the same code and data as the CLI. Missing values travel as null.
 */
import type { Framework } from './framework.ts';
import type { Prepared } from './run.ts';
import type { Excluded, StepRecord } from './types.ts';

export interface PreparedBundle {
  version: 1;
  framework: Framework;
  areas: {
    codes: string[];
    names: string[];
    parent: number[];
    parentCodes: string[];
    parentNames: string[];
    population: (number | null)[];
    /** areas.flag_columns values (0/1) by flag name; absent when the framework declares none. */
    flags?: Record<string, number[]>;
  };
  /** Ward-level indicator values after denominate and apportion, by indicator id. */
  raw: Record<string, (number | null)[]>;
  /**
   * Ward-level smoothed rates of the indicators declaring `smooth` (absent in bundles written
   * before smoothing existed).
   */
  smoothed?: Record<string, (number | null)[]>;
  excluded: Excluded[];
  log: StepRecord[];
}

/**
 * Plain loops rather than Array.from(x, f), which costs ≈ 20× more per element in V8 (England: 8 columns of 32,844).
 */
function toJson(x: ArrayLike<number>): (number | null)[] {
  const out = new Array<number | null>(x.length);
  for (let i = 0; i < x.length; i++) out[i] = Number.isFinite(x[i]) ? x[i] : null;
  return out;
}

function plainArray(x: ArrayLike<number>): number[] {
  const out = new Array<number>(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i];
  return out;
}

const fromJson = (x: readonly (number | null)[]) => Float64Array.from(x, (v) => (v === null ? NaN : v));

export function toBundle(p: Prepared): PreparedBundle {
  return {
    version: 1,
    framework: p.framework,
    areas: {
      codes: p.areas.codes,
      names: p.areas.names,
      parent: plainArray(p.areas.parent),
      parentCodes: p.areas.parentCodes,
      parentNames: p.areas.parentNames,
      population: toJson(p.areas.population),
      ...(p.areas.flags
        ? { flags: Object.fromEntries(Object.entries(p.areas.flags).map(([k, v]) => [k, plainArray(v)])) }
        : {}),
    },
    raw: Object.fromEntries(Object.entries(p.raw).map(([id, col]) => [id, toJson(col)])),
    smoothed: Object.fromEntries(Object.entries(p.smoothed).map(([id, col]) => [id, toJson(col)])),
    excluded: p.excluded,
    log: p.log,
  };
}

export function fromBundle(b: PreparedBundle): Prepared {
  const raw = Object.fromEntries(Object.entries(b.raw).map(([id, col]) => [id, fromJson(col)]));
  return {
    framework: b.framework,
    areas: {
      codes: b.areas.codes,
      names: b.areas.names,
      parent: Int32Array.from(b.areas.parent),
      parentCodes: b.areas.parentCodes,
      parentNames: b.areas.parentNames,
      population: fromJson(b.areas.population),
      ...(b.areas.flags
        ? { flags: Object.fromEntries(Object.entries(b.areas.flags).map(([k, v]) => [k, Uint8Array.from(v)])) }
        : {}),
    },
    specs: b.framework.indicators.filter((s) => raw[s.id] !== undefined),
    raw,
    smoothed: Object.fromEntries(Object.entries(b.smoothed ?? {}).map(([id, col]) => [id, fromJson(col)])),
    excluded: b.excluded,
    log: b.log,
  };
}
