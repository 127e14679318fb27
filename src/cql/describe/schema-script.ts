import { isReplicatedSystemKeyspace, isSystemKeyspace, referencesUserType, type KeyspaceMetadata, type Schema, type TableMetadata } from '../../schema/index.js';
import { maybeQuoteIdentifier } from '../../types/index.js';
import { replicationCql } from './create-statements.js';
import { byName, keyspaceElements, tableElements, typeElement, typesInDependencyOrder, viewElement } from './schema-elements.js';

/**
 * The schema as the CQL statements that recreate it, in an order they can run in: what
 * `DESCRIBE SCHEMA WITH INTERNALS` prints of the user keyspaces (tables and views with their ids, dropped
 * columns replayed with their timestamps, so data written before a restart keeps its meaning), then the
 * replication of each replicated system keyspace, which users alter (system_auth) and cannot create.
 * Cassandra keeps its schema in the system_schema tables; a Cassanova data folder keeps it as this script.
 */
export function schemaScript(schema: Schema): string[] {
  const keyspaces = [...schema.keyspaces.values()].sort(byName);
  const user = keyspaces.filter((ks) => !isSystemKeyspace(ks.name) && !ks.virtual)
    .flatMap((ks) => keyspaceElements(ks, false).map((e) => e.createStatement(true)));
  const system = keyspaces.filter((ks) => isReplicatedSystemKeyspace(ks.name))
    .map((ks) => `ALTER KEYSPACE ${maybeQuoteIdentifier(ks.name)} WITH replication = ${replicationCql(ks)};`);
  return [...user, ...system];
}

/**
 * One table as the CQL that recreates it, for the schema.cql of its snapshot folder (Cassandra's
 * SchemaCQLHelper): the user types it uses, dependencies first, then the table with its id, dropped columns
 * and indexes (or the view), as DESCRIBE … WITH INTERNALS prints them.
 */
export function tableSchemaScript(ks: KeyspaceMetadata, table: TableMetadata): string[] {
  const types = typesInDependencyOrder(ks);
  const used = new Set(types.filter((t) => [...table.columns.values()].some((c) => referencesUserType(c.type, ks.name, t.name))));
  // Dependencies come first in `types`: walking it backwards reaches every type a used one uses.
  for (const t of [...types].reverse()) {
    if (used.has(t)) for (const u of types) if (t.fields.some((f) => referencesUserType(f.type, ks.name, u.name))) used.add(u);
  }
  const elements = table.view === undefined ? tableElements(table) : [viewElement(table)];
  return [...types.filter((t) => used.has(t)).map(typeElement), ...elements].map((e) => e.createStatement(true));
}
