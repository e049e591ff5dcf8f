/**
 * Reads the indicator table (one row per indicator) and checks each cell, reporting every
 * problem with its row and column.
 */
import {
  SMOOTH_METHODS,
  type Direction,
  type FrameworkFile,
  type IndicatorSpec,
  type IndicatorStatus,
  type Level,
  type SmoothMethod,
} from '../core/framework.ts';
import type { Problem } from '../core/errors.ts';
import { parseCsv } from './csv.ts';

const REQUIRED = ['id', 'name', 'measure', 'level', 'direction', 'weight'] as const;
const STATUSES: IndicatorStatus[] = ['real', 'proxy', 'no-public-source'];

export function readIndicatorTable(
  text: string,
  label: string,
  f: FrameworkFile,
  problems: Problem[],
): IndicatorSpec[] {
  const t = parseCsv(text, { file: label });
  const col = new Map(t.header.map((h, i) => [h, i]));
  const missing = REQUIRED.filter((c) => !col.has(c));
  if (missing.length) {
    problems.push({
      file: label,
      row: 1,
      message: `missing column(s): ${missing.join(', ')}`,
      expected: `a header with ${REQUIRED.join(', ')}`,
      severity: 'error',
    });
    return [];
  }
  const measures = new Set(f.measures.map((m) => m.id));
  const seen = new Map<string, number>();
  const specs: IndicatorSpec[] = [];
  t.rows.forEach((cells, r) => {
    const row = r + 2;
    const get = (c: string) => (col.has(c) ? cells[col.get(c)!].trim() : '');
    const bad = (column: string, message: string, expected: string) =>
      problems.push({ file: label, row, column, message, expected, severity: 'error' });
    const id = get('id');
    if (!/^[a-z0-9_]+$/.test(id)) bad('id', `"${id}" is not a valid id`, 'lower-case letters, digits and _');
    else if (seen.has(id)) bad('id', `duplicate indicator id "${id}" (first on row ${seen.get(id)})`, 'unique ids');
    seen.set(id, row);
    const measure = get('measure');
    if (!measures.has(measure))
      bad('measure', `unknown measure "${measure}"`, `a measure id from the framework: ${[...measures].join(', ')}`);
    const level = get('level') as Level;
    if (level !== 'ward' && level !== 'borough') bad('level', `"${level}" is not a level`, 'ward or borough');
    const dirText = get('direction');
    const direction = Number(dirText) as Direction;
    if (direction !== 1 && direction !== -1)
      bad('direction', `"${dirText}" is not a direction`, '1 (higher value = higher priority) or -1');
    const weight = Number(get('weight'));
    if (get('weight') === '' || !Number.isFinite(weight) || weight < 0 || weight > 1e15)
      bad('weight', `"${get('weight')}" is not a valid weight`, 'a number from 0 to 1e15');
    const status = (get('status') || 'real') as IndicatorStatus;
    if (!STATUSES.includes(status)) bad('status', `"${status}" is not a status`, STATUSES.join(', '));
    const multiplierText = get('multiplier');
    const multiplier = multiplierText === '' ? 1 : Number(multiplierText);
    if (!Number.isFinite(multiplier) || multiplier <= 0 || multiplier > 1e15)
      bad('multiplier', `"${multiplierText}" is not a valid multiplier`, 'a positive number ≤ 1e15 such as 1000');
    const transform = get('transform');
    if (transform !== '' && transform !== 'log' && transform !== 'sqrt')
      bad('transform', `"${transform}" is not a transform`, 'log, sqrt or empty');
    const smooth = get('smooth');
    if (smooth !== '' && !(SMOOTH_METHODS as readonly string[]).includes(smooth))
      bad('smooth', `"${smooth}" is not a smoothing method`, `${SMOOTH_METHODS.join(', ')} or empty`);
    else if (smooth !== '' && get('denominator') === '')
      bad(
        'smooth',
        `indicator "${id}" is smoothed but has no denominator`,
        'a count with a denominator column (smoothing shrinks rates), or an empty smooth cell',
      );
    else if (smooth === 'eb-parent' && level === 'borough')
      bad(
        'smooth',
        `indicator "${id}" is borough-level; eb-parent smooths toward the parent's rate`,
        'eb-parent on ward-level indicators (eb for borough-level ones)',
      );
    const goal = (c: 'goal_low' | 'goal_high') => {
      const t = get(c);
      if (t === '') return undefined;
      const v = Number(t);
      if (!Number.isFinite(v)) bad(c, `"${t}" is not a number`, "a goalpost in the indicator's units, or empty");
      return Number.isFinite(v) ? v : undefined;
    };
    const goalLow = goal('goal_low');
    const goalHigh = goal('goal_high');
    if (goalLow !== undefined && goalHigh !== undefined && !(goalLow < goalHigh))
      bad('goal_high', `goal_high ${goalHigh} is not above goal_low ${goalLow}`, 'goal_low < goal_high');
    if (
      f.methods.normalise.method === 'goalposts' &&
      status !== 'no-public-source' &&
      (goalLow === undefined || goalHigh === undefined)
    ) {
      bad(
        goalLow === undefined ? 'goal_low' : 'goal_high',
        `indicator "${id}" has no goalposts but the framework normalises by goalposts`,
        "goal_low and goal_high, in the indicator's units",
      );
    }
    const optionalText = get('optional').toLowerCase();
    if (!['', 'yes', 'no', 'true', 'false'].includes(optionalText))
      bad('optional', `"${optionalText}" is not yes/no`, 'yes or no');
    if (status !== 'no-public-source') {
      if (get('file') === '')
        bad('file', `indicator "${id}" has no data file`, 'a data file path (or status no-public-source)');
      if (get('column') === '') bad('column', `indicator "${id}" has no value column`, 'the column holding its values');
    }
    specs.push({
      id,
      name: get('name'),
      measure,
      file: get('file') || undefined,
      key: get('key') || 'code',
      column: get('column') || undefined,
      denominator: get('denominator') || undefined,
      multiplier,
      level,
      direction,
      unit: get('unit'),
      transform: (transform || undefined) as IndicatorSpec['transform'],
      smooth: (smooth || undefined) as SmoothMethod | undefined,
      ...(goalLow !== undefined ? { goal_low: goalLow } : {}),
      ...(goalHigh !== undefined ? { goal_high: goalHigh } : {}),
      weight,
      period: get('period'),
      source: get('source'),
      licence: get('licence'),
      status,
      optional: optionalText === 'yes' || optionalText === 'true',
      notes: get('notes'),
    });
  });
  return specs;
}
