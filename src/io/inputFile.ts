/**
 * Opens an input file safely, checking what it is BEFORE reading a byte: the file is opened
 * non-blocking (so a FIFO cannot hang the open), then `fstat` on the open descriptor (the very
 * file that will be read, not a path that may change) must say a regular file no larger than
 * the limit for its kind. A directory, FIFO, socket or device (`/dev/zero`), an unreadable or
 * missing file, or an oversized one is a located InputError (exit 1) within milliseconds.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { InputError } from '../core/errors.ts';

const MiB = 1 << 20;

/** Largest accepted size per kind of input (docs/reliability.md). */
export const INPUT_LIMITS = {
  /** framework.yaml */
  yaml: MiB,
  /** Whole-read CSV tables: indicator table, areas, adjacency, robustness.csv. */
  table: 64 * MiB,
  /** GeoJSON boundaries and basemap layers (parsed whole; V8 strings stop near 512 MiB). */
  geojson: 256 * MiB,
  /** JSON outputs a server reads back (prepared.json, evaluation-plan.json, manifest.json). */
  json: 256 * MiB,
  /** Arrow IPC data files (read whole). */
  arrow: 1024 * MiB,
  /** CSV data files (streamed in 1 MiB chunks; memory does not grow with the file). */
  data: 16 * 1024 * MiB,
} as const;

/** Opens `path` for reading after the checks above; the caller closes the descriptor. `label` names it in messages. */
export function openInput(path: string, label: string, maxBytes: number): { fd: number; size: number } {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    const why =
      code === 'ENOENT'
        ? 'file not found'
        : code === 'EACCES' || code === 'EPERM'
          ? 'file is not readable (permission denied)'
          : `cannot open the file (${code})`;
    throw new InputError(why, { file: label, expected: 'an existing, readable file' });
  }
  const st = fstatSync(fd);
  const kind = st.isFile()
    ? ''
    : st.isDirectory()
      ? 'a folder'
      : st.isFIFO()
        ? 'a FIFO (named pipe)'
        : st.isSocket()
          ? 'a socket'
          : st.isCharacterDevice() || st.isBlockDevice()
            ? 'a device'
            : 'not a regular file';
  if (kind || st.size > maxBytes) {
    closeSync(fd);
    if (kind) throw new InputError(`is ${kind}, not a file`, { file: label, expected: 'a regular file' });
    throw new InputError(`file is ${st.size.toLocaleString('en-GB')} bytes`, {
      file: label,
      expected: `at most ${maxBytes.toLocaleString('en-GB')} bytes for this kind of file`,
    });
  }
  return { fd, size: st.size };
}

/** The whole file, after openInput's checks; reads at most the size fstat reported plus nothing more. */
export function readInput(path: string, label: string, maxBytes: number): Buffer {
  const { fd, size } = openInput(path, label, maxBytes);
  try {
    const buf = Buffer.allocUnsafe(size);
    let off = 0;
    while (off < size) {
      const n = readSync(fd, buf, off, size - off, off);
      if (n === 0) break;
      off += n;
    }
    return off === size ? buf : buf.subarray(0, off);
  } finally {
    closeSync(fd);
  }
}
