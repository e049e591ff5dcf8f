/**
 * SHA-256 digests for data manifests (FIPS 180-4, via node:crypto), as lower-case hex so they
 * compare with `sha256sum` and the provenance notes.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A SHA-256 fed piece by piece (e.g. a file's chunks as they are written); `hex()` once at the end. */
export function sha256Stream(): { update(data: Uint8Array): void; hex(): string } {
  const hash = createHash('sha256');
  return { update: (data) => void hash.update(data), hex: () => hash.digest('hex') };
}

/** SHA-256 of a file, read in 1 MiB chunks (bounded memory for large data files). */
export function sha256File(path: string): string {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  const buf = Buffer.allocUnsafe(1 << 20);
  try {
    for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0;) hash.update(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}
