/**
 * The raw inputs of the London indicator build. Each is vendored, gzip-compressed but
 * byte-identical once decompressed, in `data/london-2018/sources/` beside its provenance note, so
 * a clone rebuilds the tables without the shared data folder. `sha256` is the digest of the
 * uncompressed file as stated in its provenance note; the build refuses a source that differs.
 */
import type { TextEncoding } from '../../../src/io/readText.ts';

export interface SourceFile {
  id: string;
  /** Path relative to the shared data folder the file was taken from. */
  shared: string;
  /** Vendored file name in data/london-2018/sources/. */
  vendored: string;
  encoding: TextEncoding;
  sha256: string;
  publisher: string;
}

export const LONDON_SOURCES: SourceFile[] = [
  {
    id: 'crime',
    shared: 'crime/mps_ward_crime_202009-202208_wards2018.csv',
    vendored: 'mps_ward_crime_202009-202208_wards2018.csv.gz',
    encoding: 'utf-8',
    sha256: '21a9e84c7b8e04c3473d7a0c038a9ee5f5e898d1561dbcde4c2ddb44cbd4fa77',
    publisher: 'Metropolitan Police Service',
  },
  {
    id: 'imd',
    shared: 'deprivation/imd2019_london_wards2018.csv',
    vendored: 'imd2019_london_wards2018.csv.gz',
    encoding: 'utf-8',
    sha256: 'd07749568ae733f0b1f794528a94eb6623efbc76cdff7b041ccf7acb2119812b',
    publisher: 'Greater London Authority; MHCLG',
  },
  {
    id: 'atlas',
    shared: 'profiles/gla_ward_atlas_wards2011.csv',
    vendored: 'gla_ward_atlas_wards2011.csv.gz',
    encoding: 'latin1',
    sha256: '3f9cdfe0e19b5e6dc2eed3e76deff31680d2fb74031ca3202dfad770b0be6d99',
    publisher: 'Greater London Authority',
  },
  {
    id: 'wardProfiles',
    shared: 'profiles/gla_ward_profiles_2015_wards2011.csv',
    vendored: 'gla_ward_profiles_2015_wards2011.csv.gz',
    encoding: 'latin1',
    sha256: '1a71603867dbe50bf66b8f8c70354f9c9a5c4f03e884fa3a42576195b6f67deb',
    publisher: 'Greater London Authority',
  },
  {
    id: 'boroughProfiles',
    shared: 'profiles/gla_borough_profiles_2015_cleaned.csv',
    vendored: 'gla_borough_profiles_2015_cleaned.csv.gz',
    encoding: 'utf-8',
    sha256: '2fd5cd80d02c35ab93a5e38f11f2608b14e9a7c5dd0c775b2828b1fae9d25ba5',
    publisher: 'Greater London Authority',
  },
];

export function sourceById(id: string): SourceFile {
  const s = LONDON_SOURCES.find((x) => x.id === id);
  if (!s) throw new Error(`unknown London source ${id}`);
  return s;
}
