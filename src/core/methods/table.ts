/**
 * The method tables of docs/methods.md, generated from the registries so the docs cannot list a
 * method the code lacks (or miss one): a test compares the docs with these.
 */
import { NORMALISERS } from './normalise/registry.ts';
import { AGGREGATORS } from './aggregate/registry.ts';

export function normaliseTable(): string {
  const rows = NORMALISERS.map(
    (m) =>
      `| \`${m.id}\` | ${m.formula} | ${
        Object.keys(m.params)
          .map((k) => `\`${k}\``)
          .join(', ') || '–'
      } | ${m.positive ? 'yes' : 'no'} | ${m.reference} |`,
  );
  return [
    '| method | formula (d = direction, x after treatment) | settings | always > 0 | reference |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

export function aggregateTable(): string {
  const rows = AGGREGATORS.map(
    (m) => `| \`${m.id}\` | ${m.formula} | ${m.needsPositive ? 'yes' : 'no'} | ${m.reference} |`,
  );
  return [
    '| method | formula (weights renormalised over the values present) | needs x > 0 | reference |',
    '|---|---|---|---|',
    ...rows,
  ].join('\n');
}
