/**
 * Evaluates a set of a plan's runs, accumulating what the analysis needs so that sets evaluated
 * anywhere (this thread, any worker) merge exactly by addition:
 *
 * - per run: the output Y = mean absolute rank shift against the nominal ranking,
 *   Y = (1/m) Σ_w |r_w − r⁰_w| over the m wards ranked in both (the Sobol output), the number
 *   of wards ranked, and notes on choices that could not be applied or changed the structure;
 * - per ward, over the uncertainty runs (block A only): a histogram of its rank (ranks are
 *   multiples of ½, so bin = 2r − 2 is exact), and counts of runs in the top k and in the top
 *   decile (decile 1 of that run's R ranked wards by core's `decileOf`: rank ≤
 *   `topDecileMaxRank(R)`, so with R < 10 only a lone rank 1).
 *
 * Histogram counts are gathered a block of runs at a time: each run's bins are written down in
 * run order (sequential), then added ward by ward (each ward's counts sit together, so the adds
 * hit cache instead of jumping across the whole n·(2n − 1) table once per ward per run: that
 * random access cost more than the ranking itself).
 *
 * Runs are evaluated grouped by their discrete choices (`evaluationOrder`), and a plan is split
 * between workers along that order, so each worker builds the normalised columns and measure
 * scores of only its own share of the choices.
 *
 * Integer counts make the merged result independent of how the runs were split. A histogram
 * takes n·(2n − 1) counts, which stops fitting in memory at national scale (32,844 LSOAs:
 * 8.6 GB), so above `histogramMaxAreas` areas (default 2,000) each A run's ranks are kept
 * instead (Float32, exact for multiples of ½ below 2²³), N·n values in all, merged in run order;
 * the quantiles are then taken from the sorted ranks — the same numbers.
 */
import type { Prepared } from '../core/run.ts';
import { runOptions, type Design } from './design.ts';
import { FastScorer } from './fastScore.ts';
import { topDecileMaxRank } from '../core/steps/rank.ts';
import type { Plan } from './samplePlan.ts';
import type { DataVariants } from './dataVariants.ts';

export interface Job {
  prepared: Prepared;
  design: Design;
  plan: Plan;
  nominalRank: Float64Array;
  /** Above this many areas, keep ranks per run rather than histograms (default 2,000). */
  histogramMaxAreas?: number;
  /** The inputs and alternative data columns the data factors need (see dataVariants.ts). */
  data?: DataVariants;
}

export const HISTOGRAM_MAX_AREAS = 2000;

export function useHistogram(job: Pick<Job, 'histogramMaxAreas'>, n: number): boolean {
  return n <= (job.histogramMaxAreas ?? HISTOGRAM_MAX_AREAS);
}

export interface ChunkResult {
  /** The plan rows covered, in the order evaluated; the per-run arrays below follow it. Merged: 0, 1, … */
  rows: Uint32Array;
  /** Mean absolute rank shift per run. */
  y: Float64Array;
  ranked: Int32Array;
  /** Per run: '; '-joined notes (no note contains '; '), '' when none. */
  notes: string[];
  /** n × (2n − 1) rank counts, ward-major (A rows only); empty when ranks are kept instead. */
  hist: Int32Array;
  /** Ranks of the A rows among `rows`, in that order, run-major (n per run); empty when histograms are kept. */
  ranks: Float32Array;
  topK: Int32Array;
  topDecile: Int32Array;
}

/** A chunk of zeros for `rows`; `aRows` > 0 (runs of block A it will hold) selects kept ranks over a histogram. */
export function emptyChunk(n: number, rows: Uint32Array, histogram = true, aRows = 0): ChunkResult {
  const m = rows.length;
  return {
    rows,
    y: new Float64Array(m),
    ranked: new Int32Array(m),
    notes: new Array<string>(m).fill(''),
    hist: new Int32Array(histogram ? n * Math.max(1, 2 * n - 1) : 0),
    ranks: new Float32Array(histogram ? 0 : aRows * n),
    topK: new Int32Array(n),
    topDecile: new Int32Array(n),
  };
}

/** Evaluates the plan rows `rows` (best in `evaluationOrder`), in that order. */
export function evaluateRows(job: Job, rows: Uint32Array, onProgress?: (done: number) => void): ChunkResult {
  const { prepared, design, plan, nominalRank } = job;
  const n = prepared.areas.codes.length;
  const bins = Math.max(1, 2 * n - 1);
  const histogram = useHistogram(job, n);
  const aRows = rows.reduce((a, row) => a + (row < plan.base ? 1 : 0), 0);
  const out = emptyChunk(n, rows, histogram, aRows);
  const scorer = new FastScorer(prepared, job.data);
  const level = new Map(prepared.specs.map((s) => [s.id, s.level]));
  const k = design.topK;
  const pending = new PendingBins(histogram ? n : 0, out.hist, bins);
  let kept = 0;
  /** topDecileMaxRank by number of wards ranked, filled as runs need it. */
  const topDecile = new Float64Array(n + 1).fill(NaN);
  for (let t = 0; t < rows.length; t++) {
    const row = rows[t];
    const options = runOptions(design, plan.values, row);
    const { rank, emptied } = scorer.score(options);
    const notes: string[] = [];
    const left = options.omit[0];
    if (left !== undefined && !options.boroughStandIns && level.get(left) === 'borough') {
      notes.push(`omit ${left} not applied: borough stand-ins are off, so it is already out`);
    }
    for (const e of emptied) notes.push(`${e} has no data left (its weight renormalised over the rest)`);
    let ranked = 0;
    let lost = 0;
    let shift = 0;
    let both = 0;
    for (let i = 0; i < n; i++) {
      const r = rank[i];
      if (r === r) {
        ranked++;
        const r0 = nominalRank[i];
        if (r0 === r0) {
          shift += Math.abs(r - r0);
          both++;
        }
      } else if (nominalRank[i] === nominalRank[i]) lost++;
    }
    if (lost) notes.push(`${lost} ward(s) ranked in the nominal run are not ranked`);
    out.y[t] = both > 0 ? shift / both : NaN;
    out.ranked[t] = ranked;
    out.notes[t] = notes.join('; ');
    if (row < plan.base) {
      if (histogram) pending.add(rank);
      else out.ranks.set(rank, n * kept++);
      // decileOf(r, ranked) === 1 exactly when r ≤ this (once per ranked count, not per ward)
      const top =
        topDecile[ranked] === topDecile[ranked] ? topDecile[ranked] : (topDecile[ranked] = topDecileMaxRank(ranked));
      for (let i = 0; i < n; i++) {
        const r = rank[i];
        if (r !== r) continue;
        if (r <= k) out.topK[i]++;
        if (r <= top) out.topDecile[i]++;
      }
    }
    if (onProgress && ((t + 1) % 256 === 0 || t === rows.length - 1)) onProgress(t + 1);
  }
  pending.flush();
  return out;
}

/**
 * Every row of the plan ordered by its discrete choices (imputation, treatment, normalisation,
 * aggregation, combination, indicator left out, stand-ins: the design's factor order), ties in
 * row order. Runs sharing those choices share their normalised columns and cached measure
 * scores, so evaluating them together keeps that data in cache, and a worker given a stretch of
 * this order builds only the columns its choices need. Every per-run output is placed by row and
 * every count is a sum, so the order changes nothing in the result.
 */
export function evaluationOrder(design: Design, plan: Plan): Uint32Array {
  const rows = Uint32Array.from({ length: plan.rows }, (_, row) => row);
  const discrete = design.factors.flatMap((f, k) =>
    f.kind === 'discrete' ? [{ values: plan.values[k], choices: f.choices.length }] : [],
  );
  if (discrete.length === 0) return rows;
  const key = new Float64Array(plan.rows);
  for (let row = 0; row < plan.rows; row++) {
    let k = 0;
    for (const f of discrete) k = k * f.choices + f.values[row];
    key[row] = k;
  }
  return rows.sort((a, b) => key[a] - key[b] || a - b);
}

/** Rank histogram bins of up to BLOCK runs, added to the histogram ward by ward (see above). */
class PendingBins {
  static readonly BLOCK = 64;
  /** Per pending run and ward: bin + 1 (0: not ranked); bin = 2r − 2 is exact (r a multiple of ½). */
  private readonly bins: Uint16Array | Uint32Array;
  private runs = 0;

  constructor(
    private readonly n: number,
    private readonly hist: Int32Array,
    private readonly width: number,
  ) {
    const size = PendingBins.BLOCK * n;
    this.bins = width < 0xffff ? new Uint16Array(size) : new Uint32Array(size);
  }

  add(rank: Float64Array): void {
    const { n, bins } = this;
    const at = this.runs * n;
    for (let i = 0; i < n; i++) {
      const r = rank[i];
      bins[at + i] = r === r ? 2 * r - 1 : 0;
    }
    if (++this.runs === PendingBins.BLOCK) this.flush();
  }

  flush(): void {
    const { n, bins, hist, width, runs } = this;
    for (let i = 0; i < n; i++) {
      const row = i * width - 1;
      for (let t = 0; t < runs; t++) {
        const b = bins[t * n + i];
        if (b) hist[row + b]++;
      }
    }
    this.runs = 0;
  }
}

/** Merges chunk results (in any order) over disjoint rows into one covering `rows` rows in row order. */
export function mergeChunks(n: number, rows: number, base: number, chunks: readonly ChunkResult[]): ChunkResult {
  const histogram = chunks.some((c) => c.hist.length > 0);
  const keptRuns = chunks.reduce((a, c) => a + c.ranks.length / Math.max(1, n), 0);
  const out = emptyChunk(
    n,
    Uint32Array.from({ length: rows }, (_, row) => row),
    histogram,
    keptRuns,
  );
  for (const c of chunks) {
    let kept = 0;
    c.rows.forEach((row, t) => {
      out.y[row] = c.y[t];
      out.ranked[row] = c.ranked[t];
      out.notes[row] = c.notes[t];
      // kept ranks: one run per A row, placed at the row's own position
      if (c.ranks.length > 0 && row < base) out.ranks.set(c.ranks.subarray(n * kept, n * ++kept), n * row);
    });
    for (let i = 0; i < c.hist.length; i++) out.hist[i] += c.hist[i];
    for (let i = 0; i < n; i++) {
      out.topK[i] += c.topK[i];
      out.topDecile[i] += c.topDecile[i];
    }
  }
  return out;
}
