import type { Schema } from '../../schema/index.js';
import type { RowValues } from './row-builder.js';

/**
 * system."IndexInfo" (SystemKeyspace.BUILT_INDEXES): one row per built index, keyed by its keyspace (the
 * column is called table_name for historical reasons), with no value. Cassandra writes the row when an
 * index's initial build completes and deletes it when the index, its table or its keyspace is dropped.
 * Cassanova keeps no index structures (indexed queries filter), so an index is built the moment the
 * schema change creates it, on every node at once: the rows follow the schema.
 */
export function builtIndexRows(schema: Schema): RowValues[] {
  const rows: RowValues[] = [];
  for (const keyspace of schema.keyspaces.values()) {
    for (const table of keyspace.tables.values()) {
      for (const index of table.indexes.values()) rows.push({ table_name: keyspace.name, index_name: index.name });
    }
  }
  return rows;
}
