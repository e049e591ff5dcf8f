/**
 * A local equirectangular frame: lon/lat degrees → metres east/north of nothing in
 * particular, x = R·λ·cos φ₀, y = R·φ (λ, φ in radians; R = 6 371 008.8 m, the IUGG mean
 * radius). Over a city (φ spanning ±0.3° around φ₀) scale errors stay below 0.5 %, plenty
 * for tolerances and simplification thresholds expressed in metres (Snyder, "Map
 * Projections — A Working Manual", USGS PP 1395, 1987, p. 90).
 */
import type { FeatureCollection } from 'geojson';
import { bbox } from '@turf/turf';

export const EARTH_RADIUS_M = 6371008.8;

export interface LocalFrame {
  /** metres per degree of longitude at the reference latitude */
  kx: number;
  /** metres per degree of latitude */
  ky: number;
}

/** The frame centred on the latitude of the middle of a collection's extent. */
export function localFrame(fc: FeatureCollection): LocalFrame {
  const [, y0, , y1] = bbox(fc);
  return frameAt((y0 + y1) / 2);
}

export function frameAt(latitude: number): LocalFrame {
  const ky = (EARTH_RADIUS_M * Math.PI) / 180;
  return { kx: ky * Math.cos((latitude * Math.PI) / 180), ky };
}
