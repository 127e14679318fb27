import type { IndexMetadata, TableMetadata } from '../../../schema/index.js';

/**
 * The column an index's 'target' option names (TargetParser): `c`, `"C"`, `keys(m)`, `values(l)`,
 * `entries(m)` or `full(f)`. Undefined when the target is not a column of the table, as for custom
 * indexes with their own target syntax.
 */
export function indexedColumn(table: TableMetadata, index: IndexMetadata): string | undefined {
  const target = index.options.get('target');
  if (target === undefined) return undefined;
  const wrapped = /^(keys|entries|values|full)\((.+)\)$/.exec(target);
  const quoted = wrapped === null ? target : wrapped[2]!;
  const name = quoted.startsWith('"') && quoted.endsWith('"') && quoted.length > 1
    ? quoted.slice(1, -1).replace(/""/g, '"')
    : quoted;
  return table.columns.has(name) ? name : undefined;
}

/** Indexes a column change must respect: those on the column and those whose target cannot be read. */
export function dependentIndexes(table: TableMetadata, column: string): string[] {
  return [...table.indexes.values()]
    .filter((index) => {
      const indexed = indexedColumn(table, index);
      return indexed === undefined || indexed === column;
    })
    .map((index) => index.name);
}
