/**
 * Reads what `wardrank compare` needs from a `wardrank run` output folder: results.csv (rank,
 * index, category_* and measure_* scores per ward), manifest.json (methods, effective weights)
 * and prepared.json (which category each measure belongs to). Every problem names the file.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../core/errors.ts';
import { columnIndex, parseCsv } from './csv.ts';
import type { RunTable } from '../core/runTable.ts';
import { csvNumberColumn } from './csvNumberColumn.ts';
import { readSourceText } from './readText.ts';

export function readRunFolder(dir: string): RunTable {
  const need = (name: string) => {
    const path = join(dir, name);
    if (!existsSync(path))
      throw new InputError(`${name} not found in ${dir}`, {
        file: path,
        expected: 'the output folder of `wardrank run`',
      });
    return path;
  };
  const resultsPath = need('results.csv');
  const manifest = readJson(need('manifest.json')) as {
    methods?: Record<string, unknown>;
    weights?: { measures?: Record<string, number>; categories?: Record<string, number> };
  };
  const prepared = readJson(need('prepared.json')) as { framework?: { measures?: { id: string; category: string }[] } };
  if (!manifest.methods || !manifest.weights?.measures || !manifest.weights.categories) {
    throw new InputError('manifest.json has no methods or effective weights', {
      file: join(dir, 'manifest.json'),
      field: 'weights',
      expected: 'a manifest written by `wardrank run`',
    });
  }
  if (!Array.isArray(prepared.framework?.measures))
    throw new InputError('prepared.json has no framework.measures', {
      file: join(dir, 'prepared.json'),
      field: 'framework.measures',
      expected: 'prepared.json written by `wardrank run`',
    });
  const t = parseCsv(readSourceText(resultsPath), { file: resultsPath });
  const rows = t.rows.map((_, r) => r);
  const strings = (c: string) => t.rows.map((row) => row[columnIndex(t, c)] ?? '');
  const prefixed = (p: string) =>
    Object.fromEntries(
      t.header.filter((h) => h.startsWith(p)).map((h) => [h.slice(p.length), csvNumberColumn(t, rows, h)]),
    );
  const measureCategory = Object.fromEntries(prepared.framework!.measures!.map((m) => [m.id, m.category]));
  const methods = manifest.methods;
  const agg = methods.aggregate as { indicators?: string; measures?: string } | undefined;
  const combine = methods.combine as { method?: string } | undefined;
  return {
    label: dir,
    codes: strings('code'),
    names: strings('name'),
    parentNames: t.header.includes('borough_name') ? strings('borough_name') : t.rows.map(() => ''),
    rank: csvNumberColumn(t, rows, 'rank'),
    index: csvNumberColumn(t, rows, 'index'),
    measures: prefixed('measure_'),
    categories: prefixed('category_'),
    measureCategory,
    weights: { measures: manifest.weights.measures, categories: manifest.weights.categories },
    methods,
    exact: agg?.indicators === 'arithmetic' && agg?.measures === 'arithmetic' && combine?.method === 'arithmetic',
  };
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readSourceText(path));
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`not valid JSON (${(e as Error).message})`, {
      file: path,
      expected: 'JSON written by `wardrank run`',
    });
  }
}
