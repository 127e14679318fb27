import { invariant } from '../../common/index.js';
import type { PartitionUpdate } from '../../data/index.js';
import type { Schema } from '../../schema/index.js';
import { VIRTUAL_SCHEMA_KEYSPACE } from '../../schema/index.js';
import { toPartitionUpdates, type RowValues, type TokenOf } from './row-builder.js';
import { columnRows } from './system-schema-content.js';

export type VirtualSchemaTableName = 'keyspaces' | 'tables' | 'columns';

/** The content of one system_virtual_schema table: the virtual keyspaces, their tables and columns. */
export function virtualSchemaContent(schema: Schema, table: VirtualSchemaTableName, tokenOf: TokenOf): PartitionUpdate[] {
  const metadata = schema.table(VIRTUAL_SCHEMA_KEYSPACE, table);
  invariant(metadata !== undefined, `system_virtual_schema.${table} is defined`);
  const keyspaces = [...schema.keyspaces.values()].filter((ks) => ks.virtual);
  const tables = keyspaces.flatMap((ks) => [...ks.tables.values()]);
  let rows: RowValues[];
  switch (table) {
    case 'keyspaces':
      rows = keyspaces.map((ks) => ({ keyspace_name: ks.name }));
      break;
    case 'tables':
      rows = tables.map((t) => ({ keyspace_name: t.keyspace, table_name: t.name, comment: t.options.comment }));
      break;
    case 'columns':
      rows = tables.flatMap(columnRows);
      break;
  }
  return toPartitionUpdates(metadata, rows, tokenOf);
}
