import { withParams } from '../../../schema/index.js';
import type { AlterKeyspaceStatement } from '../../ast/index.js';
import { authorizeSchemaChange, checkUserModifiable, keyspaceDoesNotExist } from './ddl-checks.js';
import { KeyspaceAttributes, sameParams, validateKeyspaceParams } from './keyspace-attributes.js';
import { replicationWarnings, totalReplicationFactor } from './replication-params.js';
import {
  changed, unchanged, type SchemaStatementContext, type SchemaStatementResult,
} from './schema-statement-context.js';

/** ALTER KEYSPACE [IF EXISTS] ks WITH ...: replication and durable_writes, merged over the current ones. */
export function alterKeyspace(statement: AlterKeyspaceStatement, context: SchemaStatementContext): SchemaStatementResult {
  const name = statement.keyspace;
  authorizeSchemaChange('ALTER', { level: 'keyspace', keyspace: name });
  checkUserModifiable(context.schema, name);
  const attributes = new KeyspaceAttributes(statement.properties);
  const before = context.schema.keyspace(name);
  if (before === undefined) {
    if (statement.ifExists) return unchanged(context);
    throw keyspaceDoesNotExist(name);
  }
  const replication = attributes.replication(before.replication, context.datacenters);
  const after = withParams(before, replication, attributes.durableWrites(before.durableWrites));
  validateKeyspaceParams(name, replication, context.datacenters);
  if (sameParams(before, after)) return unchanged(context);
  const warnings = replicationWarnings(name, replication, context.datacenters);
  if (totalReplicationFactor(before.replication) < totalReplicationFactor(replication)) {
    warnings.push('When increasing replication factor you need to run a full (-full) repair to distribute the data.');
  }
  return changed(context.schema.withKeyspace(after), 'UPDATED', 'KEYSPACE', name, null, warnings);
}
