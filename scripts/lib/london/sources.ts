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

/** The raw inputs of the current index (data/london/sources/): what the 2022-ward tables use. */
export const LONDON_SOURCES_2022: SourceFile[] = [
  {
    id: 'crime',
    shared: 'crime/mps_ward_crime_202403-202603_wards2022.csv',
    vendored: 'mps_ward_crime_202403-202603_wards2022.csv.gz',
    encoding: 'utf-8',
    sha256: 'da57ed3898c360c48a56142407647c257539e4b6bb9fe95c6e2ae6f5b8678fdb',
    publisher: 'Metropolitan Police Service',
  },
  {
    id: 'iod2025',
    shared: 'deprivation/london_lsoa21_iod2025_file7.csv',
    vendored: 'london_lsoa21_iod2025_file7.csv.gz',
    encoding: 'utf-8',
    sha256: '11b4bc1d9b61541906f1070b36be9da9598c8a3b8e5422e9694b6a7d8e206a75',
    publisher: 'Ministry of Housing, Communities and Local Government',
  },
  {
    id: 'lsoaWard',
    shared: 'lookups/lsoa21_to_ward2025_bestfit_EW.csv',
    vendored: 'lsoa21_to_ward2025_bestfit_EW.csv.gz',
    encoding: 'utf-8',
    sha256: 'b7e64ea2872f229241293efa9fc4425a6636f8636cce0604d4db14718a019e4c',
    publisher: 'Office for National Statistics',
  },
  {
    id: 'census2021',
    shared: 'lookups/lsoa11_lsoa21_census2021_persons_EW.csv',
    vendored: 'lsoa11_lsoa21_census2021_persons_EW.csv.gz',
    encoding: 'utf-8',
    sha256: '58a1757b5d57459cde6ebe7a053e89ed149c08d00a0a9dd5650007ca7af0708f',
    publisher: 'Office for National Statistics (Census 2021 postcode estimates, ONS Postcode Directory), via A. Gibson',
  },
  {
    id: 'childPoverty',
    shared: 'profiles/gla_children_low_income_families_wards2022_long.csv',
    vendored: 'gla_children_low_income_families_wards2022_long.csv.gz',
    encoding: 'utf-8',
    sha256: '07bdc5b6d4aa422f14d73e680c58acc28b0d73fc2829e7e8986c3090dcbd5abc',
    publisher: 'Department for Work and Pensions; Greater London Authority',
  },
  {
    id: 'pas',
    shared: 'attitudes/mopac_pas_borough_dashboard_2014q4-2023q4.csv',
    vendored: 'mopac_pas_borough_dashboard_2014q4-2023q4.csv.gz',
    encoding: 'utf-8',
    sha256: 'd7624aeda965603dc6248e01fedf0752f892960c763028c1379c8711cd9cd680',
    publisher: "Mayor's Office for Policing and Crime",
  },
  ...LONDON_SOURCES.filter((s) => ['atlas', 'wardProfiles', 'boroughProfiles'].includes(s.id)),
];
