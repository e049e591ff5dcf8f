#!/usr/bin/env node
/**
 * DuckDB beside `wardrank run` on the England IoD 2019 framework (bench/england.ts), as one
 * process doing the same load → compute → write: read areas.csv and domains.csv (CSV in), compute
 * what the framework asks (each domain's priority rank r among the N LSOAs, average ranks for
 * ties; the IoD exponential transformation X = −23 ln(1 − (N − r + 1)/N · (1 − e^(−100/23)));
 * the index Σ w_d X_d / Σ w_d with the IoD weights; its rank, decile and rank within the local
 * authority), and write the same 47 result columns as results.csv and results.arrow (CSV + Arrow
 * out). DuckDB writes the CSV (COPY); its Node client has no Arrow IPC writer without the
 * community arrow extension, so the Arrow file is written from the result's columns with
 * apache-arrow, the way wardrank writes its own. Plain JavaScript (no tsx) so the process starts
 * as fast as DuckDB allows. Usage: node bench/duckdbEngland.mjs <framework dir> <out dir> [threads]
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { Float64, Table, Utf8, makeData, makeVector, tableToIPC, vectorFromArray } from 'apache-arrow';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, out, threads = '1'] = process.argv.slice(2);
const DOMAINS = [
  ['income', 0.225],
  ['employment', 0.225],
  ['education', 0.135],
  ['health', 0.135],
  ['crime', 0.093],
  ['housing', 0.093],
  ['environment', 0.093],
];
const C = 1 - Math.exp(-100 / 23);
const W = DOMAINS.reduce((s, [, w]) => s + w, 0);
const avgRank = (expr, order = 'ASC', partition = '') =>
  `(rank() OVER (${partition} ORDER BY ${expr} ${order}) + (count(*) OVER (${partition ? partition + ', ' : 'PARTITION BY '}${expr}) - 1) / 2.0)`;

mkdirSync(out, { recursive: true });
const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
const c = await instance.connect();
const q = (s) => s.replaceAll("'", "''");
await c.run(`
  CREATE TABLE areas AS SELECT * FROM read_csv('${q(join(dir, 'areas.csv'))}', header = true);
  CREATE TABLE domains AS SELECT * FROM read_csv('${q(join(dir, 'domains.csv'))}', header = true);
  CREATE TABLE n AS SELECT count(*)::DOUBLE AS n FROM domains;
  CREATE TABLE scored AS
    WITH r AS (
      SELECT d.*, ${DOMAINS.map(([id]) => `${avgRank(`d.${id}`)} AS r_${id}, ${avgRank(`-d.${id}`)} AS norm_${id}`).join(', ')}
      FROM domains d
    ), x AS (
      SELECT r.*, ${DOMAINS.map(([id]) => `-23 * ln(1 - ((n.n - r_${id} + 1) / n.n) * ${C}) AS x_${id}`).join(', ')}
      FROM r, n
    )
    SELECT x.*, (${DOMAINS.map(([id, w]) => `${w} * x_${id}`).join(' + ')}) / ${W} AS idx FROM x;
  CREATE TABLE results AS
    SELECT a.code, a.name, a.lad_code AS borough_code, a.lad_name AS borough_name,
      ${avgRank('s.idx', 'DESC')} AS rank,
      ntile(10) OVER (ORDER BY s.idx DESC) AS decile,
      ${avgRank('s.idx', 'DESC', 'PARTITION BY a.lad_code')} AS borough_rank,
      s.idx AS "index",
      ${DOMAINS.map(([id]) => `s.norm_${id} AS category_${id}`).join(', ')},
      ${DOMAINS.map(([id]) => `s.norm_${id} AS measure_${id}`).join(', ')},
      ${DOMAINS.map(([id]) => `s.${id}::DOUBLE AS ${id}_raw, s.${id}::DOUBLE AS ${id}_treated, s.norm_${id} AS ${id}_normalised`).join(', ')},
      0 AS flag_not_ranked, '' AS flag_missing_measures, '' AS flag_imputed, '' AS flag_borough_level
    FROM areas a JOIN scored s USING (code)
    ORDER BY a.code;
  COPY results TO '${q(join(out, 'results.csv'))}' (HEADER, DELIMITER ',');`);

const reader = await c.runAndReadAll('SELECT * FROM results');
const names = reader.columnNames();
const columns = reader.getColumns();
const vectors = {};
names.forEach((name, k) => {
  const col = columns[k];
  vectors[name] =
    typeof col[0] === 'string' || col[0] === null
      ? vectorFromArray(col, new Utf8())
      : makeVector(
          makeData({ type: new Float64(), length: col.length, nullCount: 0, data: Float64Array.from(col, Number) }),
        );
});
writeFileSync(join(out, 'results.arrow'), tableToIPC(new Table(vectors), 'file'));
c.closeSync();
process.stdout.write(`${reader.currentRowCount} rows, ${names.length} columns\n`);
