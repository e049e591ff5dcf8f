/**
 * Reads a framework (YAML + indicator table + areas + data files), validates all of it and
 * returns the pipeline's inputs. Every problem found is reported at once, each naming the file,
 * row and column or field, so an analyst can fix a spreadsheet in one pass.
 */
import { sha256Hex } from '../shared/sha256.ts';
import { existsSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import type { core } from 'zod/mini';
import { frameworkFileSchema, type Framework, type FrameworkFile, type IndicatorSpec } from '../core/framework.ts';
import { InputError, type Problem } from '../core/errors.ts';
import type { Areas, Excluded, IndicatorData, Inputs } from '../core/types.ts';
import { parseCsv } from './csv.ts';
import { csvTable } from './dataTable.ts';
import { readColumns, type Columns, type KeyRequest } from './readColumns.ts';
import { readIndicatorTable } from './indicatorTable.ts';
import { resolveInsideReal as resolveInside } from './paths.ts';
import { INPUT_LIMITS, readInput } from './inputFile.ts';
import { checkBoundaries } from '../geo/checkBoundaries.ts';
import { yamlValue } from './yamlValue.ts';

export interface Loaded {
  /** Absolute path of the framework file. */
  path: string;
  dir: string;
  framework: Framework;
  inputs: Inputs;
  /** SHA-256 of every file read, keyed by path relative to the framework folder. */
  hashes: Record<string, string>;
  warnings: Problem[];
  /** Absolute paths of optional geometry files, when declared. */
  boundaries?: string;
  adjacency?: string;
}

const MAX_YAML_BYTES = INPUT_LIMITS.yaml;

export interface LoadOptions {
  /**
   * false: do not read the boundary and basemap files, for commands whose output does not use
   * them (`top`, `explain` print the ranking, which never reads geometry); their paths are still
   * checked (inside the framework folder, present). Default true: read and check them.
   */
  geometry?: boolean;
}

/** Loads and validates; throws an InputError listing every error. */
export function loadFramework(path: string, options: LoadOptions = {}): Loaded {
  const { loaded, problems } = validateFramework(path, options);
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length || !loaded) throw InputError.of(errors.length ? errors : problems);
  return loaded;
}

/** Loads and validates, returning every problem (errors and warnings) rather than throwing. */
export function validateFramework(path: string, options: LoadOptions = {}): { loaded?: Loaded; problems: Problem[] } {
  const problems: Problem[] = [];
  const file = resolve(path);
  const label = basename(file);
  const dir = dirname(file);
  const hashes: Record<string, string> = {};
  // Type and size checked on the open file before reading (inputFile.ts); `limit` by kind of file.
  const read = (abs: string, limit: number = INPUT_LIMITS.table): Buffer => {
    const b = readInput(abs, relative(dir, abs) || basename(abs), limit);
    hashes[relative(dir, abs)] = sha256Hex(b);
    return b;
  };
  /** read(), with a refused file reported (and the other files still checked) rather than thrown. */
  const tryRead = (abs: string, limit?: number): Buffer | undefined => {
    try {
      return read(abs, limit);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      problems.push(...e.problems);
      return undefined;
    }
  };
  try {
    const yamlFile = parseFrameworkYaml(file, label, read, problems);
    if (!yamlFile) return { problems };
    const at = (rel: string, field: string): string | undefined => {
      const abs = resolveInside(dir, rel);
      if (!abs)
        problems.push(
          err(
            label,
            field,
            `path "${rel}" leaves the framework folder`,
            'a path inside the folder of the framework file',
          ),
        );
      else if (!existsSync(abs))
        problems.push(err(label, field, `file "${rel}" not found`, 'an existing file, relative to the framework file'));
      else return abs;
      return undefined;
    };
    const indicatorsPath = at(yamlFile.indicators, 'indicators');
    const areasPath = at(yamlFile.areas.file, 'areas.file');
    const boundaries = yamlFile.areas.boundaries ? at(yamlFile.areas.boundaries, 'areas.boundaries') : undefined;
    const adjacency = yamlFile.areas.adjacency ? at(yamlFile.areas.adjacency, 'areas.adjacency') : undefined;
    const basemaps = yamlFile.areas.basemap.map((layer, k) => ({
      layer,
      abs: at(layer.file, `areas.basemap[${k}].file`),
    }));
    checkStructure(yamlFile, label, problems);
    const indicatorBytes = indicatorsPath ? tryRead(indicatorsPath) : undefined;
    const indicators = indicatorBytes
      ? readIndicatorTable(indicatorBytes.toString('utf8'), yamlFile.indicators, yamlFile, problems)
      : [];
    const areaBytes = areasPath ? tryRead(areasPath) : undefined;
    const areas = areaBytes ? readAreas(areaBytes.toString('utf8'), yamlFile, problems) : undefined;
    // Every stage is checked even when an earlier one failed, so one pass reports everything;
    // only what depends on a failed part is skipped (without areas, nothing can be joined).
    if (!areas) return { problems };
    const geometry = options.geometry ?? true;
    if (boundaries && geometry) {
      let geo: unknown;
      const bytes = tryRead(boundaries, INPUT_LIMITS.geojson);
      try {
        if (bytes) geo = JSON.parse(bytes.toString('utf8'));
      } catch (e) {
        problems.push(
          err(
            yamlFile.areas.boundaries!,
            '(file)',
            `not valid JSON (${(e as Error).message})`,
            'a GeoJSON FeatureCollection',
          ),
        );
      }
      if (geo !== undefined)
        problems.push(...checkBoundaries(geo, yamlFile.areas.boundaries!, areas.codes, yamlFile.areas.extent));
    }
    for (const { layer, abs } of geometry ? basemaps : []) {
      const bytes = abs ? tryRead(abs, INPUT_LIMITS.geojson) : undefined;
      if (bytes) problems.push(...checkBasemap(bytes, layer.file));
    }
    const framework: Framework = { ...yamlFile, indicators };
    const badRows = new Set(
      problems.filter((p) => p.file === yamlFile.indicators && p.severity === 'error').map((p) => p.row),
    );
    const { data, excluded } = readIndicatorData(
      framework,
      yamlFile.indicators,
      areas,
      dir,
      (abs, sha256) => (hashes[relative(dir, abs)] = sha256),
      problems,
      badRows,
    );
    if (problems.some((p) => p.severity === 'error')) return { problems };
    const loaded: Loaded = {
      path: file,
      dir,
      framework,
      inputs: { areas, data, excluded },
      hashes,
      warnings: problems.filter((p) => p.severity === 'warning'),
      boundaries,
      adjacency,
    };
    return { loaded, problems };
  } catch (e) {
    if (e instanceof InputError) return { problems: [...problems, ...e.problems] };
    throw e;
  }
}

const GEOMETRY_TYPES = new Set([
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
  'GeometryCollection',
]);

/**
 * A basemap layer is copied into outputs and served as is: it must be
 * a GeoJSON FeatureCollection of features with known geometry types.
 */
function checkBasemap(bytes: Buffer, file: string): Problem[] {
  let geo: { type?: unknown; features?: unknown };
  try {
    geo = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    return [
      err(file, '(file)', `not valid JSON (${(e as Error).message.slice(0, 120)})`, 'a GeoJSON FeatureCollection'),
    ];
  }
  if (!geo || typeof geo !== 'object' || geo.type !== 'FeatureCollection' || !Array.isArray(geo.features)) {
    return [err(file, 'type', 'not a GeoJSON FeatureCollection', 'a GeoJSON FeatureCollection (RFC 7946)')];
  }
  const bad = (geo.features as { type?: unknown; geometry?: { type?: unknown } | null }[]).findIndex(
    (f) => !f || f.type !== 'Feature' || (f.geometry !== null && !GEOMETRY_TYPES.has(String(f.geometry?.type))),
  );
  return bad < 0
    ? []
    : [
        err(
          file,
          `features[${bad}]`,
          'not a GeoJSON Feature with a known geometry type',
          `a Feature whose geometry is one of ${[...GEOMETRY_TYPES].join(', ')} or null`,
        ),
      ];
}

/** SHA-256 in hex (kept under this name for the output writers). */
export { sha256Hex as sha256 } from '../shared/sha256.ts';

function err(file: string, field: string, message: string, expected?: string): Problem {
  return { file, field, message, expected, severity: 'error' };
}

function parseFrameworkYaml(
  file: string,
  label: string,
  read: (p: string, limit: number) => Buffer,
  problems: Problem[],
): FrameworkFile | undefined {
  if (!existsSync(file)) {
    problems.push({
      file: label,
      message: 'framework file not found',
      expected: 'a path to a framework YAML file',
      severity: 'error',
    });
    return undefined;
  }
  let bytes: Buffer;
  try {
    bytes = read(file, MAX_YAML_BYTES);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    problems.push(...e.problems.map((p) => ({ ...p, message: p.message.replace(/^file is /, 'framework file is ') })));
    return undefined;
  }
  const yaml = yamlValue(bytes.toString('utf8'), label);
  if ('problems' in yaml) {
    problems.push(...yaml.problems);
    return undefined;
  }
  // jitless: zod would first compile a parser for each object schema (new Function), which costs
  // more than the one parse a command does (≈ 15 ms vs ≈ 5 ms, docs/performance.md); same result
  const parsed = frameworkFileSchema.safeParse(yaml.value, { jitless: true });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(zodProblem(label, issue));
    return undefined;
  }
  return parsed.data;
}

function zodProblem(file: string, issue: core.$ZodIssue): Problem {
  const field = issue.path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');
  return { file, field: field || '(top level)', message: issue.message, severity: 'error' };
}

/** Cross-references inside the YAML: unique ids, known categories, some positive weight. */
function checkStructure(f: FrameworkFile, file: string, problems: Problem[]): void {
  const dup = (kind: 'categories' | 'measures', ids: string[]) =>
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i)
        problems.push(err(file, `${kind}[${i}].id`, `duplicate id "${id}"`, 'ids unique within the list'));
    });
  dup(
    'categories',
    f.categories.map((c) => c.id),
  );
  dup(
    'measures',
    f.measures.map((m) => m.id),
  );
  const cats = new Set(f.categories.map((c) => c.id));
  f.measures.forEach((m, i) => {
    if (!cats.has(m.category))
      problems.push(
        err(file, `measures[${i}].category`, `unknown category "${m.category}"`, `one of: ${[...cats].join(', ')}`),
      );
  });
  if (!f.categories.some((c) => c.weight > 0))
    problems.push(err(file, 'categories', 'all category weights are zero', 'at least one positive weight'));
  for (const c of f.categories) {
    const ms = f.measures.filter((m) => m.category === c.id);
    if (ms.length && !ms.some((m) => m.weight > 0))
      problems.push(
        err(
          file,
          `categories.${c.id}`,
          `all measure weights in category "${c.id}" are zero`,
          'at least one positive weight',
        ),
      );
  }
}

function readAreas(text: string, f: FrameworkFile, problems: Problem[]): Areas | undefined {
  const label = f.areas.file;
  const t = csvTable(parseCsv(text, { file: label }));
  const spec = f.areas;
  const codes = t.strings(spec.code_column);
  const names = t.strings(spec.name_column);
  const parentCodesByRow = t.strings(spec.parent_column);
  const parentNamesByRow = t.columns.includes(spec.parent_name_column)
    ? t.strings(spec.parent_name_column)
    : parentCodesByRow;
  const population = spec.population_column
    ? t.numbers(spec.population_column, problems)
    : new Float64Array(codes.length).fill(NaN);
  const seen = new Map<string, number>();
  codes.forEach((c, r) => {
    if (c === '')
      problems.push({
        file: label,
        row: r + 2,
        column: spec.code_column,
        message: 'empty area code',
        expected: 'a code',
        severity: 'error',
      });
    else if (seen.has(c))
      problems.push({
        file: label,
        row: r + 2,
        column: spec.code_column,
        message: `duplicate area code "${c}" (first on row ${seen.get(c)! + 2})`,
        expected: 'each area once',
        severity: 'error',
      });
    else seen.set(c, r);
  });
  population.forEach((p, r) => {
    if (p < 0)
      problems.push({
        file: label,
        row: r + 2,
        column: spec.population_column,
        message: `negative population ${p}`,
        expected: 'a count ≥ 0',
        severity: 'error',
      });
  });
  const parentCodes: string[] = [];
  const parentNames: string[] = [];
  const parentIndex = new Map<string, number>();
  const parent = new Int32Array(codes.length);
  parentCodesByRow.forEach((pc, r) => {
    let k = parentIndex.get(pc);
    if (k === undefined) {
      k = parentCodes.length;
      parentIndex.set(pc, k);
      parentCodes.push(pc);
      parentNames.push(parentNamesByRow[r]);
    }
    parent[r] = pc === '' ? -1 : k;
  });
  const flags = readFlagColumns(t, spec.flag_columns ?? [], label, problems);
  return { codes, names, parent, parentCodes, parentNames, population, ...(flags ? { flags } : {}) };
}

/** The areas file's 0/1 flag columns (areas.flag_columns); anything but 0 or 1 is a located error. */
function readFlagColumns(
  t: ReturnType<typeof csvTable>,
  columns: string[],
  label: string,
  problems: Problem[],
): Record<string, Uint8Array> | undefined {
  if (columns.length === 0) return undefined;
  const flags: Record<string, Uint8Array> = {};
  for (const c of columns) {
    if (!t.columns.includes(c)) {
      problems.push({
        file: label,
        row: 1,
        column: c,
        message: `flag column "${c}" (areas.flag_columns) is not in the file`,
        expected: 'a 0/1 column of the areas file',
        severity: 'error',
      });
      continue;
    }
    flags[c] = Uint8Array.from(t.strings(c), (v, r) => {
      if (v === '0' || v === '1') return Number(v);
      problems.push({
        file: label,
        row: r + 2,
        column: c,
        message: `flag "${v}" is not 0 or 1`,
        expected: '0 or 1',
        severity: 'error',
      });
      return 0;
    });
  }
  return flags;
}

export function readIndicatorData(
  f: Framework,
  tableLabel: string,
  areas: Areas,
  dir: string,
  /** Called with each data file read and the SHA-256 of its bytes. */
  hashFile: (abs: string, sha256: string) => void,
  problems: Problem[],
  badRows: ReadonlySet<number | undefined> = new Set(),
): { data: Record<string, IndicatorData>; excluded: Excluded[] } {
  const data: Record<string, IndicatorData> = {};
  const excluded: Excluded[] = [];
  const wardIndex = new Map(areas.codes.map((c, i) => [c, i]));
  const boroughIndex = new Map(areas.parentCodes.map((c, i) => [c, i]));
  const byFile = new Map<string, { label: string; specs: IndicatorSpec[] }>();
  // many indicators share a file: resolve (real path) and test each file once
  const located = new Map<string, { abs: string | undefined; exists: boolean }>();
  f.indicators.forEach((spec, k) => {
    if (badRows.has(k + 2)) return; // its row is already reported
    if (spec.status === 'no-public-source') {
      excluded.push({ id: spec.id, reason: 'no public source: not in the run' });
      return;
    }
    if (!spec.file) return;
    let where = located.get(spec.file);
    if (!where) {
      const abs = resolveInside(dir, spec.file);
      where = { abs, exists: abs !== undefined && existsSync(abs) };
      located.set(spec.file, where);
    }
    const abs = where.abs;
    if (!abs) {
      problems.push({
        file: tableLabel,
        row: k + 2,
        column: 'file',
        message: `path "${spec.file}" leaves the framework folder`,
        expected: 'a path inside the framework folder',
        severity: 'error',
      });
      return;
    }
    if (!where.exists) {
      if (spec.optional)
        excluded.push({ id: spec.id, reason: `no data supplied (optional file ${spec.file} not found)` });
      else
        problems.push({
          file: spec.file,
          message: `data file for indicator "${spec.id}" not found`,
          expected: 'an existing file (or mark the indicator optional: yes)',
          severity: 'error',
        });
      return;
    }
    const entry = byFile.get(abs) ?? { label: spec.file!, specs: [] };
    entry.specs.push(spec);
    byFile.set(abs, entry);
  });
  for (const [abs, { label, specs }] of byFile) {
    const keyRequests = new Map<string, KeyRequest>();
    for (const s of specs)
      keyRequests.set(keyName(s), { column: s.key, index: s.level === 'borough' ? boroughIndex : wardIndex });
    const numbers = [...new Set(specs.flatMap((s) => [s.column!, ...(s.denominator ? [s.denominator] : [])]))];
    try {
      // Two levels may key on the same column name; read each (column, level) once.
      const byLevel = groupBy([...keyRequests.entries()], ([k]) => k.split('\u0000')[1]);
      let sha256 = '';
      for (const entries of byLevel.values()) {
        const cols = readColumns(abs, label, { keys: entries.map(([, r]) => r), numbers }, problems);
        sha256 ||= cols.sha256;
        for (const s of specs)
          if (entries.some(([k]) => k === keyName(s)))
            data[s.id] = alignColumn(cols, s, problems, s.level === 'borough' ? areas.parentCodes : areas.codes);
      }
      hashFile(abs, sha256); // the bytes readColumns parsed, after it checked the open descriptor is a regular file
    } catch (e) {
      if (e instanceof InputError) problems.push(...e.problems);
      else throw e;
    }
  }
  return { data, excluded };
}

const keyName = (s: IndicatorSpec) => `${s.key}\u0000${s.level}`;

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) m.set(key(it), [...(m.get(key(it)) ?? []), it]);
  return m;
}

/** Puts one indicator's column in area order; reports duplicates, unknown and missing codes, negative counts. */
function alignColumn(cols: Columns, spec: IndicatorSpec, problems: Problem[], codes: readonly string[]): IndicatorData {
  const n = codes.length;
  const key = cols.keys[spec.key];
  const values = cols.numbers[spec.column!];
  const denominator = spec.denominator ? cols.numbers[spec.denominator] : undefined;
  const outV = new Float64Array(n).fill(NaN);
  const outD = denominator ? new Float64Array(n).fill(NaN) : undefined;
  const seenRow = new Int32Array(n).fill(-1);
  const rowNo = (r: number) => cols.rowNumber[r];
  for (let r = 0; r < cols.rows; r++) {
    const i = key.area[r];
    if (i < 0) continue;
    if (seenRow[i] >= 0) {
      problems.push({
        file: cols.file,
        row: rowNo(r),
        column: spec.key,
        message: `duplicate area code (first on row ${rowNo(seenRow[i])})`,
        expected: 'each area once',
        severity: 'error',
      });
      continue;
    }
    seenRow[i] = r;
    outV[i] = values[r];
    if (outD && denominator) {
      outD[i] = denominator[r];
      if (values[r] < 0)
        problems.push({
          file: cols.file,
          row: rowNo(r),
          column: spec.column,
          message: `negative count ${values[r]} for indicator "${spec.id}"`,
          expected: 'a count ≥ 0',
          severity: 'error',
        });
      if (denominator[r] < 0)
        problems.push({
          file: cols.file,
          row: rowNo(r),
          column: spec.denominator,
          message: `negative denominator ${denominator[r]}`,
          expected: 'a count ≥ 0',
          severity: 'error',
        });
      if (denominator[r] === 0 && values[r] === values[r]) {
        problems.push({
          file: cols.file,
          row: rowNo(r),
          column: spec.denominator,
          message: `zero denominator: the rate of "${spec.id}" is undefined`,
          expected: 'a positive denominator, or an empty numerator cell for a missing value',
          severity: 'error',
        });
      }
    }
  }
  const unknown = key.unknownCount
    ? `${key.unknownCount} code(s) in the file are not ${spec.level === 'borough' ? 'boroughs' : 'areas'} of this framework (e.g. ${key.unknownExamples.join(', ')})`
    : '';
  const absent: string[] = [];
  for (let i = 0; i < n; i++) if (seenRow[i] < 0) absent.push(codes[i]);
  if (absent.length > 0) {
    // A missing row is an error, not missing data: a mistyped code or another boundary vintage would otherwise
    // pass silently. Missing data is said explicitly, with a row whose cell is empty.
    problems.push({
      file: cols.file,
      column: spec.key,
      message: `${absent.length} ${spec.level}(s) have no row for "${spec.id}": ${absent.slice(0, 5).join(', ')}${absent.length > 5 ? ', …' : ''}${unknown ? `; ${unknown}` : ''}`,
      expected: `a row for every ${spec.level} (an empty cell marks a missing value)${key.unknownCount ? '; check the codes’ boundary vintage (see the crosswalk in docs/geography.md)' : ''}`,
      severity: 'error',
    });
  } else if (unknown) {
    problems.push({ file: cols.file, column: spec.key, message: `${unknown}: ignored`, severity: 'warning' });
  }
  return { values: outV, denominator: outD };
}
