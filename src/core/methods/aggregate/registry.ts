/**
 * The aggregation methods, by name, usable at every level (indicators → measures → categories
 * → index). To add one: a file exporting an `Aggregator` and one entry here.
 */
import type { Aggregator } from './types.ts';
import { arithmetic } from './arithmetic.ts';
import { geometric } from './geometric.ts';

export const AGGREGATORS = [arithmetic, geometric] as const;

export type AggregateMethod = (typeof AGGREGATORS)[number]['id'];

export const AGGREGATE_METHOD_IDS = AGGREGATORS.map((m) => m.id) as unknown as readonly [
  AggregateMethod,
  ...AggregateMethod[],
];

export function aggregator(id: string): Aggregator {
  const m = AGGREGATORS.find((x) => x.id === id);
  if (!m) throw new Error(`unknown aggregation method "${id}" (known: ${AGGREGATE_METHOD_IDS.join(', ')})`);
  return m as Aggregator;
}
