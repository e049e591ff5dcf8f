/**
 * The last line of defence of the number rules (numbers.ts): after a run, no value at any step
 * (denominated rate, treated, normalised, measure, category, index) may be ±Infinity. Missing
 * values are NaN and allowed; an infinity is reported as an input error naming the indicator's
 * file and column, the step and the first areas, instead of being ranked, blanked or served as
 * null. With the range rule on input cells this cannot happen; the check makes it a guarantee.
 */
import type { Problem } from '../core/errors.ts';
import type { Result } from '../core/types.ts';

export function nonFiniteProblems(result: Result): Problem[] {
  const problems: Problem[] = [];
  const specs = new Map(result.framework.indicators.map((s) => [s.id, s]));
  const check = (
    step: string,
    id: string,
    col: ArrayLike<number>,
    where: (id: string) => Pick<Problem, 'file' | 'column' | 'field'>,
  ) => {
    const bad: string[] = [];
    for (let i = 0; i < col.length; i++)
      if (col[i] === Infinity || col[i] === -Infinity) bad.push(result.areas.codes[i] ?? String(i));
    if (bad.length) {
      problems.push({
        ...where(id),
        message: `"${id}" is infinite after ${step} for ${bad.length} area(s): ${bad.slice(0, 5).join(', ')}${bad.length > 5 ? ', …' : ''}`,
        expected: 'data whose rates and scores stay finite (see the number rules in docs/reliability.md)',
        severity: 'error',
      });
    }
  };
  const indicator = (id: string) => ({ file: specs.get(id)?.file, column: specs.get(id)?.column });
  for (const [id, col] of Object.entries(result.raw)) check('denominate', id, col, indicator);
  for (const [id, col] of Object.entries(result.treated)) check('treatment', id, col, indicator);
  for (const [id, col] of Object.entries(result.normalised)) check('normalisation', id, col, indicator);
  for (const [id, col] of Object.entries(result.measures))
    check('aggregation', id, col, () => ({ field: `measures.${id}` }));
  for (const [id, col] of Object.entries(result.categories))
    check('aggregation', id, col, () => ({ field: `categories.${id}` }));
  check('combination', 'index', result.index, () => ({ field: 'index' }));
  return problems;
}
