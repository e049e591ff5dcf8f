/**
 * Step "normalise": put indicators on a common scale, with direction applied so that a higher
 * normalised value always means higher priority. Direction is applied by normalising d·x
 * (d = ±1), which for every method below equals flipping the normalised scale.
 *
 * With r the ascending rank of d·x (ties averaged) over the n areas with data:
 * - zscore:               (x − x̄) / s                               (s: sample SD)
 * - minmax:               100 · (x − min) / (max − min)             (constant column → 50)
 * - rank:                 r                                          (1 … n)
 * - percentile:           100 · (r − ½) / n                          (Hazen plotting position)
 * - normal-scores:        Φ⁻¹((r − ½) / n)                           (IoD 2019 "rank-based normal scores")
 * - distance-to-reference 100 · (x − ref) / (max − min), ref = median | max | a number (in the
 *                         indicator's treated units, direction applied)
 *
 * References: OECD/JRC (2008) Handbook §1.6, Table 3; MHCLG (2019) The English Indices of
 * Deprivation 2019 Technical Report, §3.6 (rank-based normal transformation).
 */
import type { Direction, Methods, NormaliseMethod } from '../framework.ts';
import type { StepRecord } from '../types.ts';
import { extent, moments } from '../stats/moments.ts';
import { rankAverage } from '../stats/rankAverage.ts';
import { inverseNormalCdf } from '../stats/inverseNormalCdf.ts';
import { median } from '../stats/quantile.ts';

export function normalise(
  columns: Readonly<Record<string, Float64Array>>,
  directions: Readonly<Record<string, Direction>>,
  settings: Methods['normalise'],
): { columns: Record<string, Float64Array>; record: StepRecord } {
  const out: Record<string, Float64Array> = {};
  const notes: string[] = [];
  for (const [id, col] of Object.entries(columns)) {
    out[id] = normaliseColumn(col, directions[id] ?? 1, settings.method, settings.reference);
    const [lo, hi] = extent(col);
    if (lo === hi) notes.push(`${id}: constant across areas; it cannot separate them`);
  }
  return { columns: out, record: { step: 'normalise', settings, notes } };
}

export function normaliseColumn(
  x: Float64Array,
  direction: Direction,
  method: NormaliseMethod,
  reference: Methods['normalise']['reference'] = 'median',
): Float64Array {
  const y = new Float64Array(x.length);
  if (method === 'zscore') {
    // moments of d·x are d·x̄ and s (d = ±1: exact), so one pass writes (d·x − d·x̄)/s directly,
    // with the same bits as negating first; "+ 0" keeps a value at the mean +0 rather than −0 when d = −1
    const { mean, sd } = moments(x);
    const scale = sd > 0 ? direction / sd : 0;
    for (let i = 0; i < x.length; i++) y[i] = (x[i] - mean) * scale + 0;
    return y;
  }
  for (let i = 0; i < x.length; i++) y[i] = direction * x[i];
  switch (method) {
    case 'minmax': {
      const [lo, hi] = extent(y);
      const range = hi - lo;
      for (let i = 0; i < y.length; i++) y[i] = range > 0 ? (100 * (y[i] - lo)) / range : y[i] === y[i] ? 50 : NaN;
      return y;
    }
    case 'rank':
      return rankAverage(y, y);
    case 'percentile':
    case 'normal-scores': {
      const r = rankAverage(y);
      let n = 0;
      for (let i = 0; i < r.length; i++) if (r[i] === r[i]) n++;
      for (let i = 0; i < r.length; i++) {
        const p = (r[i] - 0.5) / n;
        r[i] = method === 'percentile' ? 100 * p : inverseNormalCdf(p);
      }
      return r;
    }
    case 'distance-to-reference': {
      const [lo, hi] = extent(y);
      const ref = reference === 'median' ? median(y) : reference === 'max' ? hi : direction * reference;
      const range = hi - lo;
      for (let i = 0; i < y.length; i++) y[i] = range > 0 ? (100 * (y[i] - ref)) / range : y[i] === y[i] ? 0 : NaN;
      return y;
    }
  }
}
