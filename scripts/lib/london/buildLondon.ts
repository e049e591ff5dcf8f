/**
 * All derived London tables from the parsed sources and the 2013→2018 ward crosswalk: a pure
 * function of its inputs, so two builds give byte-identical files.
 */
import { crosswalkFromRows } from '../geo/crosswalkTable.ts';
import type { CsvTable } from '../../../src/io/csv.ts';
import { columnIndex } from '../../../src/io/csv.ts';
import { buildBoroughProfiles } from './boroughProfiles.ts';
import type { BuiltTable } from './builtTable.ts';
import { ATLAS_POPULATION, buildCarriedWards } from './carriedWards.ts';
import { buildCrimeWards } from './crimeWards.ts';
import { buildImdWards } from './imdWards.ts';
import type { LondonSources } from './loadSources.ts';

export interface LondonTables {
  imd: BuiltTable;
  crime: BuiltTable;
  carried: BuiltTable;
  boroughs: BuiltTable;
}

/**
 * `crosswalk`: the table data/london-2018/crosswalk_wards2013_to_wards2018.csv (source_code,target_code,share,method).
 */
export function buildLondonTables(src: LondonSources, crosswalk: CsvTable): LondonTables {
  const imd = buildImdWards(src.imd);
  const crime = buildCrimeWards(src.crime, { codes: imd.codes, names: imd.names, population: imd.values.population });
  const cols = ['source_code', 'target_code', 'share', 'method'].map((c) => columnIndex(crosswalk, c));
  const rows = crosswalk.rows.map((r) => cols.map((i) => r[i].trim()));
  // The crosswalk table does not carry source sizes; the atlas's 2013 populations stand in, so a
  // target's "missing share" (of inflow from wards with no value) is weighted by people, not by shares.
  const cw = {
    ...crosswalkFromRows(rows, { file: crosswalk.file, sourceCodes: src.atlas.codes, targetCodes: imd.codes }),
    sourceWeight: src.atlas.column(ATLAS_POPULATION),
  };
  const carried = buildCarriedWards(src.atlas, src.wardProfiles, cw, imd.names);
  const boroughs = buildBoroughProfiles(src.boroughProfiles);
  return { imd, crime, carried, boroughs };
}
