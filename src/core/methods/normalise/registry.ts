/**
 * The normalisation methods, by name. To add one: a file exporting a `Normaliser` (formula,
 * reference, zod params, apply) and one entry here; the framework schema, the docs table
 * (docs/methods.md, checked by a test) and the robustness method lists read this list.
 */
import type { Normaliser } from './types.ts';
import { zscore } from './zscore.ts';
import { minmax } from './minmax.ts';
import { rank } from './rank.ts';
import { percentile } from './percentile.ts';
import { normalScores } from './normalScores.ts';
import { distanceToReference } from './distanceToReference.ts';
import { goalposts } from './goalposts.ts';

export const NORMALISERS = [zscore, minmax, rank, percentile, normalScores, distanceToReference, goalposts] as const;

export type NormaliseMethod = (typeof NORMALISERS)[number]['id'];

export const NORMALISE_METHOD_IDS = NORMALISERS.map((m) => m.id) as unknown as readonly [
  NormaliseMethod,
  ...NormaliseMethod[],
];

export function normaliser(id: string): Normaliser {
  const m = NORMALISERS.find((x) => x.id === id);
  if (!m) throw new Error(`unknown normalisation method "${id}" (known: ${NORMALISE_METHOD_IDS.join(', ')})`);
  return m as unknown as Normaliser;
}

/** The zod shape of every method's settings, merged (a key shared by methods is declared once). */
export function normaliseParamShape(): Record<string, Normaliser['params'][string]> {
  return Object.assign({}, ...NORMALISERS.map((m) => m.params));
}
