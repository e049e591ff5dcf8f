/**
 * Reads and checks the vendored London sources (data/london-2018/sources/*.gz): each must match the
 * SHA-256 of its provenance note, so a build can only run on the published bytes.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../../src/core/errors.ts';
import { parseCsv, type CsvTable } from '../../../src/io/csv.ts';
import { readGlaWardTable, type GlaWardTable } from './glaWardTable.ts';
import { readMpsWardCrime, type MpsWardCrime } from './mpsWardCrime.ts';
import { decodeText, readSourceBytes } from '../../../src/io/readText.ts';
import { sha256Hex } from '../../../src/shared/sha256.ts';
import { LONDON_SOURCES, type SourceFile } from './sources.ts';

export interface LondonSources {
  crime: MpsWardCrime;
  imd: CsvTable;
  atlas: GlaWardTable;
  wardProfiles: GlaWardTable;
  boroughProfiles: CsvTable;
}

/** The decompressed, verified text of one vendored source. */
export function readVerifiedSource(dir: string, s: SourceFile): string {
  const path = join(dir, s.vendored);
  if (!existsSync(path))
    throw new InputError('vendored source is missing', {
      file: path,
      expected: `a copy of ${s.shared} (run the build with --vendor)`,
    });
  const bytes = readSourceBytes(path);
  const digest = sha256Hex(bytes);
  if (digest !== s.sha256)
    throw new InputError(`SHA-256 ${digest} differs from the provenance note`, { file: path, expected: s.sha256 });
  return decodeText(bytes, s.encoding);
}

export function loadLondonSources(dir: string): LondonSources {
  const csv = (id: string) => {
    const s = LONDON_SOURCES.find((x) => x.id === id)!;
    return parseCsv(readVerifiedSource(dir, s), { file: s.vendored });
  };
  return {
    crime: readMpsWardCrime(csv('crime')),
    imd: csv('imd'),
    // The atlas's first data row holds year labels, not a ward.
    atlas: readGlaWardTable(csv('atlas'), { codeColumn: 'New Code', skipRows: 1 }),
    wardProfiles: readGlaWardTable(csv('wardProfiles'), { codeColumn: 'New code' }),
    boroughProfiles: csv('boroughProfiles'),
  };
}
