/**
 * SHA-256 digests for data manifests (FIPS 180-4, via node:crypto), as lower-case hex so they
 * compare with `sha256sum` and the provenance notes.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function sha256File(path: string): string {
  return sha256Hex(readFileSync(path));
}
