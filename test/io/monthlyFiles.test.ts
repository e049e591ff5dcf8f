// `wardrank run` copies the framework's monthly series into the output folder so that a served
// folder keeps the map's time series (docs/api.md, GET /api/monthly/:code).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.ts';
import { monthlyFiles } from '../../src/io/geometryFiles.ts';
import { loadFramework } from '../../src/io/loadFramework.ts';

describe('monthlyFiles', () => {
  it('copies the declared series byte for byte under its declared name', () => {
    const loaded = loadFramework('data/london/framework.yaml');
    const files = monthlyFiles(loaded);
    expect(Object.keys(files)).toEqual(['monthly_crime.csv']);
    expect(Buffer.from(files['monthly_crime.csv']).equals(readFileSync('data/london/monthly_crime.csv'))).toBe(true);
  });

  it('adds nothing when the framework declares no series', () => {
    expect(monthlyFiles(loadFramework('test/fixtures/small/framework.yaml'))).toEqual({});
  });

  it('names the field when the declared file is missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wr-monthly-'));
    try {
      cpSync('test/fixtures/small', dir, { recursive: true });
      const loaded = loadFramework(join(dir, 'framework.yaml'));
      const withMonthly = {
        ...loaded,
        framework: {
          ...loaded.framework,
          monthly: {
            file: 'monthly.csv',
            period: '2024-04 to 2026-03',
            source: 'test',
            primary: 'violence_with_injury',
          },
        },
      };
      expect(() => monthlyFiles(withMonthly)).toThrow(InputError);
      expect(() => monthlyFiles(withMonthly)).toThrow(/monthly series file "monthly.csv" not found/);
      writeFileSync(join(dir, 'monthly.csv'), 'area_code,series,month,count\n');
      expect(Object.keys(monthlyFiles(withMonthly))).toEqual(['monthly.csv']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
