/**
 * Writes a run's outputs into a folder, atomically (the folder appears complete or not at all):
 * results.csv and results.arrow (the results table), results.geojson (joined to boundaries when
 * the framework has them), boroughs.csv, treatment.csv, prepared.json (the denominated inputs
 * and the framework, so a server or the map can re-run the index) and manifest.json (inputs' SHA-256, every
 * setting, the run log, exclusions, warnings, versions, timings), plus the framework's map
 * geometry under geo/ and the declared monthly series (see geometryFiles.ts).
 */
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Result } from '../core/types.ts';
import type { Prepared } from '../core/run.ts';
import { toBundle } from '../core/bundle.ts';
import { formatProblem, type Problem } from '../core/errors.ts';
import { writeDirAtomic } from './atomic.ts';
import { toArrowIpc, type ColumnTable } from './arrow.ts';
import { formatOutputCsv as formatCsv } from '../core/csvFormat.ts';
import { resultColumns, roundForOutput } from './resultTable.ts';
import { resultsCsvChunks } from './resultsCsv.ts';
import { sha256Stream } from '../shared/sha256.ts';
import { sha256, type Loaded } from './loadFramework.ts';

export { resultsCsv } from './resultsCsv.ts';
import { geometryFiles, monthlyFiles } from './geometryFiles.ts';
import { PACKAGE_VERSION } from '../shared/packageInfo.ts';

export interface OutputOptions {
  /** Leave wall-clock timings out of the manifest, so two runs give byte-identical files. */
  reproducible?: boolean;
  timings?: Record<string, number>;
  /** Extra files to write (name → contents), e.g. an xlsx workbook from another module. */
  extraFiles?: Record<string, string | Uint8Array>;
  /** Replace a folder of wardrank outputs that also holds other files (see atomic.ts). */
  force?: boolean;
  /** Notes for the user from the folder write (e.g. an old-layout folder converted). */
  onNote?: (note: string) => void;
}

export async function writeOutputs(
  prepared: Prepared,
  result: Result,
  loaded: Loaded,
  dir: string,
  options: OutputOptions = {},
): Promise<string[]> {
  // The three large files are made inside the folder write, one at a time, so each is garbage
  // before the next is built; results.csv goes to disk in chunks as it is produced (STREAMED).
  const files: Record<string, string | Uint8Array | (() => string | Uint8Array) | typeof STREAMED> = {
    'results.csv': STREAMED,
    'results.arrow': () => resultsArrow(result),
    'boroughs.csv': boroughsCsv(result),
    'treatment.csv': treatmentCsv(result),
    'prepared.json': () => JSON.stringify(toBundle(prepared)) + '\n',
    // The map's geometry (geo/boundaries.json, geo/basemap/<id>.json), so the folder serves alone.
    ...geometryFiles(loaded),
    // The declared monthly series, so the served folder has the map's time series.
    ...monthlyFiles(loaded),
    ...options.extraFiles,
  };
  if (loaded.boundaries) files['results.geojson'] = resultsGeoJson(result, readFileSync(loaded.boundaries, 'utf8'));
  await writeDirAtomic(
    dir,
    (tmp) => {
      const outputs: Record<string, string> = {};
      for (const [name, file] of Object.entries(files)) {
        const path = join(tmp, name);
        mkdirSync(dirname(path), { recursive: true });
        if (file === STREAMED) outputs[name] = writeChunks(path, (sink) => resultsCsvChunks(result, sink));
        else {
          const data = typeof file === 'function' ? file() : file;
          // UTF-8 once, for both the file and its hash
          const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
          writeFileSync(path, bytes);
          outputs[name] = sha256(bytes);
        }
      }
      const text = JSON.stringify(manifest(result, loaded, outputs, options), null, 2) + '\n';
      writeFileSync(join(tmp, 'manifest.json'), text);
    },
    {
      kind: 'run',
      force: options.force,
      inputs: [loaded.path, ...Object.keys(loaded.hashes).map((f) => join(loaded.dir, f))],
      version: PACKAGE_VERSION,
      onNote: options.onNote,
    },
  );
  return Object.keys({ ...files, 'manifest.json': '' });
}

const STREAMED = Symbol('streamed');

/** Writes a file from the chunks `produce` hands its sink, hashing them on the way; returns the SHA-256. */
function writeChunks(path: string, produce: (sink: (chunk: Uint8Array) => void) => void): string {
  const hash = sha256Stream();
  const fd = openSync(path, 'w');
  try {
    produce((chunk) => {
      for (let done = 0; done < chunk.length;) done += writeSync(fd, chunk, done);
      hash.update(chunk);
    });
  } finally {
    closeSync(fd);
  }
  return hash.hex();
}

/** The results table as Arrow IPC; missing values are Arrow nulls. */
export function resultsArrow(result: Result): Uint8Array {
  const n = result.areas.codes.length;
  const cols = resultColumns(result);
  const values: ColumnTable['values'] = {};
  for (const c of cols) {
    if (c.kind === 'number') {
      let col = c.array;
      if (!col) {
        col = new Float64Array(n);
        for (let i = 0; i < n; i++) col[i] = c.values(i) as number;
      }
      values[c.name] = col;
    } else {
      const col = new Array<string>(n);
      for (let i = 0; i < n; i++) col[i] = String(c.values(i));
      values[c.name] = col;
    }
  }
  return toArrowIpc({ columns: cols.map((c) => c.name), values });
}

function boroughsCsv(result: Result): string {
  const header = [
    'code',
    'name',
    'wards',
    'ranked_wards',
    'average_score',
    'average_rank',
    'extent',
    'local_concentration',
    'top_decile_share',
    'rank_of_average_score',
  ];
  return formatCsv(
    header,
    result.boroughs.map((b) => [
      b.code,
      b.name,
      b.wards,
      b.rankedWards,
      roundForOutput(b.averageScore),
      roundForOutput(b.averageRank),
      roundForOutput(b.extent),
      roundForOutput(b.localConcentration),
      roundForOutput(b.topDecileShare),
      b.rankOfAverageScore,
    ]),
  );
}

function treatmentCsv(result: Result): string {
  return formatCsv(
    [
      'indicator',
      'action',
      'winsorised_points',
      'skewness_before',
      'kurtosis_before',
      'skewness_after',
      'kurtosis_after',
    ],
    result.treatment.map((t) => [
      t.indicator,
      t.action,
      t.winsorised,
      roundForOutput(t.skewBefore),
      roundForOutput(t.kurtosisBefore),
      roundForOutput(t.skewAfter),
      roundForOutput(t.kurtosisAfter),
    ]),
  );
}

/** Boundaries with each feature's results as properties (join on properties.code). */
export function resultsGeoJson(result: Result, boundariesText: string): string {
  const fc = JSON.parse(boundariesText) as {
    type: string;
    features: { type: string; properties: Record<string, unknown> | null; geometry: unknown }[];
  };
  const index = new Map(result.areas.codes.map((c, i) => [c, i]));
  const cols = resultColumns(result).filter((c) => !/_(raw|treated)$/.test(c.name));
  const features = fc.features.map((f) => {
    const i = index.get(String(f.properties?.code ?? ''));
    const props: Record<string, unknown> = { ...f.properties };
    if (i !== undefined)
      for (const c of cols) props[c.name] = c.kind === 'number' ? jsonNumber(c.values(i) as number) : c.values(i);
    return { type: 'Feature', properties: props, geometry: f.geometry };
  });
  return JSON.stringify({ type: 'FeatureCollection', features });
}

function jsonNumber(v: number): number | null {
  return Number.isFinite(v) ? roundForOutput(v) : null;
}

function manifest(result: Result, loaded: Loaded, outputs: Record<string, string>, options: OutputOptions) {
  return {
    tool: { name: 'wardrank', version: PACKAGE_VERSION },
    framework: { name: result.framework.name, file: loaded.path.split('/').pop() },
    inputs: loaded.hashes,
    methods: result.methods,
    weights: result.weights,
    areas: { count: result.areas.codes.length, ranked: result.rank.filter((r) => r === r).length },
    indicators: result.framework.indicators.map((s) => ({
      id: s.id,
      measure: s.measure,
      level: s.level,
      direction: s.direction,
      weight: s.weight,
      status: s.status,
      used: result.indicatorIds.includes(s.id),
    })),
    excluded: result.excluded,
    log: result.log,
    warnings: [...result.warnings, ...loaded.warnings.map((p: Problem) => formatProblem(p))],
    outputs,
    ...(options.reproducible
      ? {}
      : { runtime: { node: typeof process !== 'undefined' ? process.version : '', timingsMs: options.timings ?? {} } }),
  };
}
