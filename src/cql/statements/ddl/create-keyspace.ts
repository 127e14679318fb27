import { AlreadyExistsError, InvalidRequestError } from '../../../errors/index.js';
import { newKeyspace } from '../../../schema/index.js';
import type { CreateKeyspaceStatement } from '../../ast/index.js';
import { checkUserModifiable } from './ddl-checks.js';
import { KeyspaceAttributes, validateKeyspaceParams } from './keyspace-attributes.js';
import { replicationWarnings } from './replication-params.js';
import {
  changed, unchanged, type SchemaStatementContext, type SchemaStatementResult,
} from './schema-statement-context.js';

/** CREATE KEYSPACE [IF NOT EXISTS] ks WITH replication = {...} [AND durable_writes = ...]. */
export function createKeyspace(statement: CreateKeyspaceStatement, context: SchemaStatementContext): SchemaStatementResult {
  const name = statement.keyspace;
  checkUserModifiable(context.schema, name);
  const attributes = new KeyspaceAttributes(statement.properties);
  if (!attributes.hasReplication) throw new InvalidRequestError("Missing mandatory option 'replication'");
  if (context.schema.keyspace(name) !== undefined) {
    if (statement.ifNotExists) return unchanged(context);
    throw new AlreadyExistsError(name, '');
  }
  const replication = attributes.replication(null, context.datacenters);
  validateKeyspaceParams(name, replication, context.datacenters);
  const keyspace = newKeyspace(name, replication, attributes.durableWrites(true));
  return changed(
    context.schema.withKeyspace(keyspace), 'CREATED', 'KEYSPACE', name, null,
    replicationWarnings(name, replication, context.datacenters),
  );
}
