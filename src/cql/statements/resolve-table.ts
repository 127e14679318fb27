import { InvalidRequestError } from '../../errors/index.js';
import type { KeyspaceMetadata, TableMetadata } from '../../schema/index.js';
import type { QualifiedName } from '../ast/index.js';

/** The part of the schema statements look names up in. */
export interface SchemaLookup {
  keyspace(name: string): KeyspaceMetadata | undefined;
}

export const NO_KEYSPACE_MESSAGE = 'No keyspace has been specified. USE a keyspace, or explicitly specify keyspace.tablename';

export function keyspaceOf(name: QualifiedName, current: string | null): string {
  const keyspace = name.keyspace ?? current;
  if (keyspace === null) throw new InvalidRequestError(NO_KEYSPACE_MESSAGE);
  return keyspace;
}

/** Resolves a table as Cassandra's Schema.validateTable does, with the same messages. */
export function resolveTable(schema: SchemaLookup, name: QualifiedName, current: string | null): TableMetadata {
  const keyspaceName = keyspaceOf(name, current);
  if (name.name === '') throw new InvalidRequestError('non-empty table is required');
  const keyspace = schema.keyspace(keyspaceName);
  if (keyspace === undefined) throw new InvalidRequestError(`keyspace ${keyspaceName} does not exist`);
  const table = keyspace.tables.get(name.name);
  if (table === undefined) throw new InvalidRequestError(`table ${name.name} does not exist`);
  return table;
}
