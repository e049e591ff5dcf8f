/** Test helpers for src/geo: fixture loading and the raw London data folder. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FeatureCollection, Geometry } from 'geojson';

const HERE = dirname(fileURLToPath(import.meta.url));
export const REPO = join(HERE, '..', '..');
export const LONDON = join(REPO, 'data', 'london-2018');

export function fixture<G extends Geometry = Geometry>(name: string): FeatureCollection<G> {
  return JSON.parse(readFileSync(join(HERE, 'fixtures', name), 'utf8')) as FeatureCollection<G>;
}

export function shipped(name: string): string {
  const path = join(LONDON, name);
  if (!existsSync(path)) throw new Error(`${path} is missing: run node --import tsx scripts/build-london-geo.ts`);
  return readFileSync(path, 'utf8');
}

/** Σ per group of (key → value) pairs, as a Map. */
export function sumBy(keys: ArrayLike<number>, values: ArrayLike<number>): Map<number, number> {
  const m = new Map<number, number>();
  for (let i = 0; i < keys.length; i++) m.set(keys[i], (m.get(keys[i]) ?? 0) + values[i]);
  return m;
}
