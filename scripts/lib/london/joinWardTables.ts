/**
 * Joins ward tables that share the same area list into one (the "main ward table" shipped as
 * Arrow IPC). A column present in several tables must hold the same values (e.g. `population`
 * in the IMD and crime tables) and is kept once.
 */
import { addColumn, type BuiltTable } from './builtTable.ts';

export function joinWardTables(file: string, tables: BuiltTable[]): BuiltTable {
  const [first] = tables;
  const out: BuiltTable = {
    file,
    codes: first.codes,
    names: first.names,
    labels: first.labels,
    columns: [],
    values: {},
  };
  for (const t of tables) {
    if (t.codes.join() !== first.codes.join())
      throw new Error(`${t.file} has a different area list from ${first.file}`);
    for (const c of t.columns) {
      const prev = out.values[c.name];
      const v = t.values[c.name];
      if (prev) {
        const same = prev.every((x, i) => (Number.isNaN(x) ? Number.isNaN(v[i]) : x === v[i]));
        if (!same) throw new Error(`column ${c.name} differs between tables joined into ${file}`);
        continue;
      }
      addColumn(out, c, v);
    }
  }
  return out;
}
