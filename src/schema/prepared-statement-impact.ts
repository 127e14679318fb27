import { marshalClassName } from '../types/index.js';
import type { Schema } from './schema.js';
import type { ColumnMetadata, IndexMetadata, TableMetadata } from './table-metadata.js';

/**
 * What a schema change takes away from prepared statements, as Cassandra's QueryProcessor listener sees it:
 * a dropped keyspace (`table` null: every table of it), a dropped table, or a table altered in a way that
 * affects the statements prepared against it.
 */
export interface InvalidatedTable {
  readonly keyspace: string;
  readonly table: string | null;
}

/**
 * Compares two schema snapshots table by table (Cassandra diffs keyspaces the same way and notifies
 * onDropKeyspace, onDropTable and onAlterTable). A table dropped and created again under its name has a new
 * id and counts as dropped. ALTER TYPE reaches statements through the tables whose columns use the type.
 */
export function preparedStatementInvalidations(before: Schema, after: Schema): InvalidatedTable[] {
  const out: InvalidatedTable[] = [];
  for (const ks of before.keyspaces.values()) {
    const now = after.keyspace(ks.name);
    if (now === undefined) {
      out.push({ keyspace: ks.name, table: null });
      continue;
    }
    if (now === ks) continue;
    for (const table of ks.tables.values()) {
      const updated = now.tables.get(table.name);
      if (updated === table) continue;
      if (updated === undefined || !updated.id.equals(table.id) || changeAffectsPreparedStatements(table, updated)) {
        out.push({ keyspace: ks.name, table: table.name });
      }
    }
  }
  return out;
}

/**
 * Cassandra's TableMetadata.changeAffectsPreparedStatements: any column (name, kind, position or type, so
 * clustering order too) or index added, removed or altered, or a new default TTL or gc_grace_seconds.
 */
export function changeAffectsPreparedStatements(before: TableMetadata, after: TableMetadata): boolean {
  return !sameColumns(before.partitionKey, after.partitionKey)
    || !sameColumns(before.clustering, after.clustering)
    || !sameColumns(before.staticColumns, after.staticColumns)
    || !sameColumns(before.regularColumns, after.regularColumns)
    || !sameIndexes(before.indexes, after.indexes)
    || before.options.defaultTimeToLive !== after.options.defaultTimeToLive
    || before.options.gcGraceSeconds !== after.options.gcGraceSeconds;
}

function sameColumns(a: readonly ColumnMetadata[], b: readonly ColumnMetadata[]): boolean {
  return a.length === b.length && a.every((column, i) => sameColumn(column, b[i]!));
}

function sameColumn(a: ColumnMetadata, b: ColumnMetadata): boolean {
  if (a === b) return true;
  // The marshal class name spells out the whole type: UDT fields, frozenness, custom type parameters.
  return a.name === b.name && a.kind === b.kind && a.position === b.position
    && a.clusteringOrder === b.clusteringOrder && marshalClassName(a.type) === marshalClassName(b.type);
}

function sameIndexes(a: ReadonlyMap<string, IndexMetadata>, b: ReadonlyMap<string, IndexMetadata>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const [name, index] of a) {
    const other = b.get(name);
    if (other === undefined || other.kind !== index.kind || !sameOptions(index.options, other.options)) return false;
  }
  return true;
}

function sameOptions(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  return a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
}
