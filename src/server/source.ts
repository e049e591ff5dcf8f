/**
 * What a server serves: one scored run and the files around it, loaded once at start-up.
 *
 * - From a framework YAML: `loadFramework` → `prepare` → `score`, geometry read from the
 *   framework's folder (`geometryFiles`).
 * - From an output folder of `wardrank run`: `prepared.json` → `fromBundle` → `score` (which
 *   reproduces the published results exactly, same code, same data), geometry from the folder's
 *   `geo/` (copied there by `wardrank run`), and, when present, the pilot selection
 *   (`pilots/pilots.csv` + `pilots/comparisons.csv`, or the same files directly in the folder)
 *   and the robustness summary (`robustness/robustness.csv`, or `robustness.csv`).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { csvRecords } from './csvRecords.ts';
import { dirname, join, resolve } from 'node:path';
import type { MonthlySpec } from '../core/framework.ts';
import { readMonthlySeries, type MonthlySeries } from '../io/monthlySeries.ts';
import { fromBundle, toBundle } from '../core/bundle.ts';
import { formatProblem, InputError } from '../core/errors.ts';
import { prepare, score } from '../core/run.ts';
import type { Result } from '../core/types.ts';
import { parseCsv } from '../io/csv.ts';
import { INPUT_LIMITS, readInput } from '../io/inputFile.ts';
import { BOUNDARIES_FILE, basemapFile, geometryFiles } from '../io/geometryFiles.ts';
import { loadFramework } from '../io/loadFramework.ts';
import { readBundleFile } from './bundleFile.ts';
import { pilotTables, type PilotTables } from './pilotTables.ts';
import { evaluationSummary } from './evaluationSummary.ts';
import { readRobustness, type RobustnessRow } from './robustnessTable.ts';

export interface Source {
  kind: 'framework' | 'output';
  /** Absolute path of the framework file or output folder. */
  path: string;
  /** The PreparedBundle as JSON text (for an output folder: prepared.json's exact text). */
  bundleText: string;
  result: Result;
  /** Geometry by output-folder name: `geo/boundaries.json`, `geo/basemap/<id>.json`. */
  geometry: Map<string, Uint8Array>;
  pilots?: PilotTables;
  robustness?: Map<string, RobustnessRow>;
  /** The monthly recorded-crime series (framework key `monthly`), when declared and found. */
  monthly?: { spec: MonthlySpec; series: MonthlySeries };
  /** Things the operator should know (missing geometry, loader warnings); printed at start-up. */
  warnings: string[];
}

/** Loads a framework YAML file or an output folder; throws an InputError naming the file. */
export function loadSource(path: string): Source {
  const abs = resolve(path);
  if (!existsSync(abs))
    throw new InputError('not found', {
      file: path,
      expected: 'a framework YAML file or an output folder of `wardrank run`',
    });
  return statSync(abs).isDirectory() ? sourceFromOutput(abs) : sourceFromFramework(abs);
}

export function sourceFromFramework(path: string): Source {
  const loaded = loadFramework(path);
  const prepared = prepare(loaded.framework, loaded.inputs);
  const spec = loaded.framework.monthly;
  return {
    monthly: spec
      ? { spec, series: readMonthlySeries(dirname(resolve(path)), spec, prepared.areas.codes, path) }
      : undefined,
    kind: 'framework',
    path,
    bundleText: JSON.stringify(toBundle(prepared)),
    result: score(prepared),
    geometry: checkedGeometry(new Map(Object.entries(geometryFiles(loaded)))),
    warnings: loaded.warnings.map((p) => formatProblem(p)),
  };
}

export function sourceFromOutput(dir: string): Source {
  const { bundle, text } = readBundleFile(dir);
  let result: Result;
  try {
    result = score(fromBundle(bundle));
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`cannot be scored: ${(e as Error).message}`, {
      file: 'prepared.json',
      expected: 'a bundle written by `wardrank run`',
    });
  }
  const warnings: string[] = [];
  const geometry = new Map<string, Uint8Array>();
  const wanted = [BOUNDARIES_FILE, ...bundle.framework.areas.basemap.map((b) => basemapFile(b.id))];
  for (const name of wanted) {
    // Layer ids come from a file; only `[a-z0-9_]+` ids (the framework schema's) become paths.
    if (!/^geo\/(basemap\/[a-z0-9_]+|boundaries)\.json$/.test(name)) continue;
    const file = join(dir, name);
    if (existsSync(file)) geometry.set(name, readInput(file, name, INPUT_LIMITS.geojson));
    else if (name !== BOUNDARIES_FILE || bundle.framework.areas.boundaries)
      warnings.push(`${name} not in the output folder (re-run \`wardrank run\` to copy the map geometry)`);
  }
  // `wardrank run` copies the declared monthly series into the folder under its declared name;
  // an older folder may lack it, and then only the time series is missing.
  const spec = bundle.framework.monthly;
  let monthly: Source['monthly'];
  if (spec) {
    if (existsSync(join(dir, spec.file)))
      monthly = { spec, series: readMonthlySeries(dir, spec, result.areas.codes, 'prepared.json') };
    else
      warnings.push(
        `the framework declares monthly series (${spec.file}) but the output folder has no copy: the map's time series needs ${spec.file} in the folder`,
      );
  }
  return {
    kind: 'output',
    path: dir,
    bundleText: text,
    result,
    geometry: checkedGeometry(geometry),
    pilots: readPilots(dir),
    robustness: readOptionalRobustness(dir),
    monthly,
    warnings,
  };
}

function readPilots(dir: string): PilotTables | undefined {
  for (const folder of [join(dir, 'pilots'), dir]) {
    const pilots = join(folder, 'pilots.csv');
    if (!existsSync(pilots)) continue;
    const comparisons = join(folder, 'comparisons.csv');
    const label = (name: string) => (folder === dir ? name : `pilots/${name}`);
    const tables = pilotTables(
      parseCsv(readTable(pilots, label('pilots.csv')), { file: label('pilots.csv') }),
      existsSync(comparisons)
        ? parseCsv(readTable(comparisons, label('comparisons.csv')), { file: label('comparisons.csv') })
        : undefined,
    );
    // The evaluation's balance table (pilots vs comparison wards before/after matching), passed
    // through when present; and which files the selection folder holds, so the map can say what exists.
    const balance = join(folder, 'balance.csv');
    if (existsSync(balance))
      tables.balance = csvRecords(parseCsv(readTable(balance, label('balance.csv')), { file: label('balance.csv') }));
    // The evaluation plan's design, donors, fit and power, summarised for the ward panel.
    const plan = join(folder, 'evaluation-plan.json');
    if (existsSync(plan))
      tables.evaluation = evaluationSummary(
        readJson(plan, label('evaluation-plan.json')),
        label('evaluation-plan.json'),
      );
    tables.files =
      folder === dir
        ? ['pilots.csv', ...(existsSync(comparisons) ? ['comparisons.csv'] : [])]
        : readdirSync(folder)
            .filter((f) => !f.startsWith('.'))
            .sort();
    return tables;
  }
  return undefined;
}

/**
 * A file of the output folder as text, opened with the CLI's input checks (inputFile.ts): a
 * FIFO, device or folder in its place, or a file over the size limit, is a located InputError at
 * start-up rather than a server that blocks or runs out of memory.
 */
function readTable(path: string, label: string): string {
  return readInput(path, label, INPUT_LIMITS.table).toString('utf8');
}

function readJson(path: string, file: string): unknown {
  const text = readInput(path, file, INPUT_LIMITS.json).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(`not valid JSON: ${(e as Error).message}`, { file });
  }
}

function readOptionalRobustness(dir: string): Map<string, RobustnessRow> | undefined {
  for (const name of ['robustness/robustness.csv', 'robustness.csv']) {
    const file = join(dir, name);
    if (existsSync(file)) return readRobustness(readTable(file, name), name);
  }
  return undefined;
}

/** Refuses at start-up, not at a browser, geometry that is not a GeoJSON FeatureCollection. */
function checkedGeometry(files: Map<string, Uint8Array>): Map<string, Uint8Array> {
  for (const [name, bytes] of files) {
    let value: { type?: unknown; features?: unknown } | null;
    try {
      value = JSON.parse(Buffer.from(bytes).toString('utf8'));
    } catch (e) {
      throw new InputError(`not valid JSON: ${(e as Error).message}`, {
        file: name,
        expected: 'a GeoJSON FeatureCollection',
      });
    }
    if (value?.type !== 'FeatureCollection' || !Array.isArray(value.features)) {
      throw new InputError('not a GeoJSON FeatureCollection', {
        file: name,
        field: 'type',
        expected: '"FeatureCollection" with a features array',
      });
    }
  }
  return files;
}
