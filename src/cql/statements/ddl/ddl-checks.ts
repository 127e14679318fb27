import { ConfigurationError, InvalidRequestError, UnauthorizedError } from '../../../errors/index.js';
import {
  isLocalSystemKeyspace, isReplicatedSystemKeyspace, type Schema,
} from '../../../schema/index.js';
import type { QualifiedName } from '../../ast/index.js';
import type { SchemaStatementContext } from './schema-statement-context.js';

/** Longest keyspace, table and type name (SchemaConstants.NAME_LENGTH). */
export const NAME_LENGTH = 48;

export type Permission = 'CREATE' | 'ALTER' | 'DROP';

/** The data resource a statement needs a permission on, as Cassandra's DataResource prints it. */
export type DataResource =
  | { readonly level: 'keyspace'; readonly keyspace: string }
  | { readonly level: 'allTables'; readonly keyspace: string }
  | { readonly level: 'table'; readonly keyspace: string; readonly table: string };

/** The keyspace a statement names, else the session's (ClientState.getKeyspace). */
export function resolveKeyspace(name: QualifiedName, context: Pick<SchemaStatementContext, 'keyspace'>): string {
  if (name.keyspace !== null) return name.keyspace;
  if (context.keyspace === null) {
    throw new InvalidRequestError('No keyspace has been specified. USE a keyspace, or explicitly specify keyspace.tablename');
  }
  return context.keyspace;
}

/** How a statement wrote a name in messages: `ks.t` if qualified, else `t` (QualifiedName.toString). */
export function writtenName(name: QualifiedName): string {
  return name.keyspace === null ? name.name : `${name.keyspace}.${name.name}`;
}

/**
 * ClientState.preventSystemKSSchemaModification, which runs during authorization and so before anything
 * else: node-local system keyspaces are never modifiable, replicated ones only in their keyspace options.
 */
export function authorizeSchemaChange(permission: Permission, resource: DataResource): void {
  const keyspace = resource.keyspace;
  if (isLocalSystemKeyspace(keyspace)) throw new UnauthorizedError(`${keyspace} keyspace is not user-modifiable.`);
  if (!isReplicatedSystemKeyspace(keyspace)) return;
  if (permission === 'ALTER' && resource.level === 'keyspace') return;
  throw new UnauthorizedError(`Cannot ${permission} ${formatResource(resource)}`);
}

function formatResource(resource: DataResource): string {
  switch (resource.level) {
    case 'keyspace': return `<keyspace ${resource.keyspace}>`;
    case 'allTables': return `<all tables in ${resource.keyspace}>`;
    case 'table': return `<table ${resource.keyspace}.${resource.table}>`;
  }
}

/** The checks every schema statement makes before applying itself (AlterSchemaStatement.execute). */
export function checkUserModifiable(schema: Schema, keyspace: string): void {
  if (isLocalSystemKeyspace(keyspace)) {
    throw new InvalidRequestError(`System keyspace '${keyspace}' is not user-modifiable`);
  }
  if (schema.keyspace(keyspace)?.virtual === true) {
    throw new InvalidRequestError(`Virtual keyspace '${keyspace}' is not user-modifiable`);
  }
  if (!isValidName(keyspace)) {
    throw new InvalidRequestError(
      `Keyspace name must not be empty, more than ${NAME_LENGTH} characters long, or contain non-alphanumeric-underscore characters (got '${keyspace}')`,
    );
  }
}

/** SchemaConstants.isValidName: word characters only, 1 to 48 of them. */
export function isValidName(name: string): boolean {
  return name.length > 0 && name.length <= NAME_LENGTH && /^\w+$/.test(name);
}

export function keyspaceDoesNotExist(keyspace: string): InvalidRequestError {
  return new InvalidRequestError(`Keyspace '${keyspace}' doesn't exist`);
}

/** TableMetadata.validate's name rule; like all its failures, reported with the table as a prefix. */
export function validateTableName(keyspace: string, name: string): void {
  if (!isValidName(name)) {
    throw new ConfigurationError(
      `${keyspace}.${name}: Table name must not be empty, more than ${NAME_LENGTH} characters long, or contain non-alphanumeric-underscore characters (got "${name}")`,
    );
  }
}
