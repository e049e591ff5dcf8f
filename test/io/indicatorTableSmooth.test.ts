import { describe, expect, it } from 'vitest';
import { readIndicatorTable } from '../../src/io/indicatorTable.ts';
import { frameworkFileSchema } from '../../src/core/framework.ts';
import type { Problem } from '../../src/core/errors.ts';

const yaml = frameworkFileSchema.parse({
  name: 't',
  areas: { file: 'areas.csv' },
  categories: [{ id: 'c', name: 'C', weight: 1 }],
  measures: [{ id: 'm', name: 'M', category: 'c', weight: 1 }],
  indicators: 'indicators.csv',
});
const header = 'id,name,measure,file,column,denominator,level,direction,weight,smooth';

function read(rows: string[]): { specs: ReturnType<typeof readIndicatorTable>; problems: Problem[] } {
  const problems: Problem[] = [];
  const specs = readIndicatorTable([header, ...rows].join('\n'), 'indicators.csv', yaml, problems);
  return { specs, problems };
}

describe('indicator table: smooth column', () => {
  it('reads eb, eb-parent and empty', () => {
    const { specs, problems } = read([
      'a,A,m,d.csv,n,pop,ward,1,1,eb',
      'b,B,m,d.csv,n,pop,ward,1,1,eb-parent',
      'c,C,m,d.csv,n,,ward,1,1,',
    ]);
    expect(problems).toEqual([]);
    expect(specs.map((s) => s.smooth)).toEqual(['eb', 'eb-parent', undefined]);
  });

  it('rejects an unknown method, smoothing without a denominator, and eb-parent on borough level, with row and column', () => {
    const { problems } = read([
      'a,A,m,d.csv,n,pop,ward,1,1,bayes',
      'b,B,m,d.csv,n,,ward,1,1,eb',
      'c,C,m,d.csv,n,pop,borough,1,1,eb-parent',
    ]);
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [2, 'smooth'],
      [3, 'smooth'],
      [4, 'smooth'],
    ]);
    expect(problems[0].message).toContain('"bayes"');
    expect(problems[1].message).toContain('no denominator');
    expect(problems[2].message).toContain('borough-level');
  });
});
