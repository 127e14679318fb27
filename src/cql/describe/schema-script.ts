import { isReplicatedSystemKeyspace, isSystemKeyspace, type Schema } from '../../schema/index.js';
import { maybeQuoteIdentifier } from '../../types/index.js';
import { replicationCql } from './create-statements.js';
import { byName, keyspaceElements } from './schema-elements.js';

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
