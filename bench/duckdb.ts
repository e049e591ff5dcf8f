/**
 * The peer pipeline (see `peers.ts`) in SQL on DuckDB (in-memory, `@duckdb/node-api`), as a
 * benchmark peer and an independent cross-check of the engine's ranks. Not used by wardrank.
 *
 * The data go in as long tables (one row per present cell), the way a database would hold
 * them; `duckdbLoad` (not timed) fills them and `duckdbPipeline` (timed) runs one query:
 * rates, borough inheritance, z-scores by window functions, weighted means with coverage
 * thresholds at the three levels, and average ranks for ties. One thread by default, to compare
 * like with like with the single-threaded engine.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Framework } from '../src/core/framework.ts';
import type { Inputs } from '../src/core/types.ts';

export interface DuckPeer {
  connection: DuckDBConnection;
  close(): void;
}

/** Creates an in-memory database holding the framework's structure and the inputs (long format). */
export async function duckdbLoad(framework: Framework, inputs: Inputs, threads = 1): Promise<DuckPeer> {
  const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  const c = await instance.connect();
  await c.run(`
    CREATE TABLE areas (area INTEGER, parent INTEGER);
    CREATE TABLE specs (ind INTEGER, measure VARCHAR, weight DOUBLE, direction DOUBLE, multiplier DOUBLE, borough BOOLEAN);
    CREATE TABLE measures (measure VARCHAR, category VARCHAR, weight DOUBLE, min_cov DOUBLE);
    CREATE TABLE categories (category VARCHAR, weight DOUBLE, min_cov DOUBLE);
    CREATE TABLE cells (ind INTEGER, area INTEGER, num DOUBLE, den DOUBLE);
    CREATE TABLE borough_cells (ind INTEGER, parent INTEGER, num DOUBLE);`);
  const append = async (table: string, fill: (a: Awaited<ReturnType<DuckDBConnection['createAppender']>>) => void) => {
    const a = await c.createAppender(table);
    fill(a);
    a.closeSync();
  };
  /**
   * Small tables, a row of numbers (appended as DOUBLE, cast by
   * DuckDB to the column's type), strings and booleans each.
   */
  const appendRows = (table: string, rows: (number | string | boolean)[][]) =>
    append(table, (a) => {
      for (const row of rows) {
        for (const v of row)
          if (typeof v === 'number') a.appendDouble(v);
          else if (typeof v === 'string') a.appendVarchar(v);
          else a.appendBoolean(v);
        a.endRow();
      }
    });
  const { areas, data } = inputs;
  const specs = framework.indicators.filter((s) => data[s.id]);
  await appendRows(
    'areas',
    Array.from(areas.parent, (p, i) => [i, p]),
  );
  await appendRows(
    'specs',
    specs.map((s, k) => [k, s.measure, s.weight, s.direction, s.multiplier, s.level === 'borough']),
  );
  await appendRows(
    'measures',
    framework.measures.map((m) => [m.id, m.category, m.weight, m.min_coverage]),
  );
  await appendRows(
    'categories',
    framework.categories.map((x) => [x.id, x.weight, x.min_coverage]),
  );
  await append('cells', (a) =>
    specs.forEach((s, k) => {
      if (s.level === 'borough') return;
      const { values, denominator } = data[s.id];
      for (let i = 0; i < values.length; i++) {
        if (Number.isNaN(values[i])) continue;
        a.appendInteger(k);
        a.appendInteger(i);
        a.appendDouble(values[i]);
        if (denominator && !Number.isNaN(denominator[i])) a.appendDouble(denominator[i]);
        else if (denominator)
          a.appendDouble(0); // missing denominator behaves as zero: the rate is missing
        else a.appendNull();
        a.endRow();
      }
    }),
  );
  await append('borough_cells', (a) =>
    specs.forEach((s, k) => {
      if (s.level !== 'borough') return;
      const { values } = data[s.id];
      for (let p = 0; p < values.length; p++) {
        if (Number.isNaN(values[p])) continue;
        a.appendInteger(k);
        a.appendInteger(p);
        a.appendDouble(values[p]);
        a.endRow();
      }
    }),
  );
  return {
    connection: c,
    close: () => {
      c.closeSync();
      instance.closeSync();
    },
  };
}

/** The peer pipeline as one SQL query. A category or measure with no data is not in the tables, as in the engine. */
export const PEER_SQL = `
WITH raw AS (
  SELECT c.ind, c.area, CASE WHEN c.den IS NULL THEN c.num * s.multiplier
                             WHEN c.den = 0 THEN NULL ELSE c.num / c.den * s.multiplier END AS x
  FROM cells c JOIN specs s USING (ind)
  UNION ALL
  SELECT b.ind, a.area, b.num * s.multiplier FROM borough_cells b JOIN areas a USING (parent) JOIN specs s USING (ind)
),
directed AS (SELECT r.ind, r.area, r.x * s.direction AS y FROM raw r JOIN specs s USING (ind) WHERE r.x IS NOT NULL),
z AS (
  SELECT ind, area, CASE WHEN sd > 0 THEN (y - mu) / sd ELSE 0 END AS z FROM (
    SELECT ind, area, y, avg(y) OVER (PARTITION BY ind) AS mu, stddev_samp(y) OVER (PARTITION BY ind) AS sd FROM directed)
),
measure_total AS (SELECT measure, sum(weight) AS w FROM specs WHERE weight > 0 GROUP BY measure),
m AS (
  SELECT z.area, s.measure, sum(s.weight * z.z) / sum(s.weight) AS score, sum(s.weight) AS have
  FROM z JOIN specs s USING (ind) WHERE s.weight > 0 GROUP BY z.area, s.measure
),
m_ok AS (
  SELECT m.area, m.measure, m.score FROM m JOIN measure_total t USING (measure) JOIN measures d USING (measure)
  WHERE m.have / t.w >= d.min_cov - 1e-12
),
category_total AS (
  SELECT d.category, sum(d.weight) AS w FROM measures d WHERE d.weight > 0 AND d.measure IN (SELECT measure FROM measure_total)
  GROUP BY d.category
),
c AS (
  SELECT m_ok.area, d.category, sum(d.weight * m_ok.score) / sum(d.weight) AS score, sum(d.weight) AS have
  FROM m_ok JOIN measures d USING (measure) WHERE d.weight > 0 GROUP BY m_ok.area, d.category
),
c_ok AS (
  SELECT c.area, c.category, c.score FROM c JOIN category_total t USING (category) JOIN categories k USING (category)
  WHERE c.have / t.w >= k.min_cov - 1e-12
),
index_total AS (SELECT sum(k.weight) AS w FROM categories k JOIN category_total USING (category) WHERE k.weight > 0),
idx AS (
  SELECT c_ok.area, sum(k.weight * c_ok.score) / sum(k.weight) AS score, sum(k.weight) AS have
  FROM c_ok JOIN categories k USING (category) WHERE k.weight > 0 GROUP BY c_ok.area
),
ranked AS (
  SELECT area, score,
         rank() OVER (ORDER BY score DESC) + (count(*) OVER (PARTITION BY score) - 1) / 2.0 AS rank
  FROM idx, index_total WHERE idx.have / index_total.w >= 1 - 1e-12
)
SELECT a.area, r.score, r.rank FROM areas a LEFT JOIN ranked r USING (area) ORDER BY a.area`;

/** Runs the peer query; index and rank per area in area order (NaN = not ranked). */
export async function duckdbPipeline(peer: DuckPeer): Promise<{ index: Float64Array; rank: Float64Array }> {
  const reader = await peer.connection.runAndReadAll(PEER_SQL);
  const [, score, rank] = reader.getColumns() as (number | null)[][];
  return {
    index: Float64Array.from(score, (v) => (v === null ? NaN : v)),
    rank: Float64Array.from(rank, (v) => (v === null ? NaN : Number(v))),
  };
}
