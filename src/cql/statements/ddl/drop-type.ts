import { InvalidRequestError } from '../../../errors/index.js';
import { referencesUserType, userFunctionsOf, withoutUserType } from '../../../schema/index.js';
import type { DropTypeStatement } from '../../ast/index.js';
import { authorizeSchemaChange, checkUserModifiable, resolveKeyspace } from './ddl-checks.js';
import {
  changed, unchanged, type SchemaStatementContext, type SchemaStatementResult,
} from './schema-statement-context.js';

/** DROP TYPE [IF EXISTS] [ks.]name, refused while a function, another type or a table still uses it. */
export function dropType(statement: DropTypeStatement, context: SchemaStatementContext): SchemaStatementResult {
  const keyspaceName = resolveKeyspace(statement.type, context);
  const name = statement.type.name;
  authorizeSchemaChange('DROP', { level: 'allTables', keyspace: keyspaceName });
  checkUserModifiable(context.schema, keyspaceName);
  const keyspace = context.schema.keyspace(keyspaceName);
  if (keyspace === undefined || !keyspace.userTypes.has(name)) {
    if (statement.ifExists) return unchanged(context);
    throw new InvalidRequestError(`Type '${keyspaceName}.${name}' doesn't exist`);
  }
  const uses = (t: Parameters<typeof referencesUserType>[0]): boolean => referencesUserType(t, keyspaceName, name);
  const functions = userFunctionsOf(keyspace)
    .filter((f) => [...f.argTypes, f.returnType, ...(f.kind === 'aggregate' ? [f.stateType] : [])].some(uses));
  if (functions.length > 0) {
    throw new InvalidRequestError(
      `Cannot drop user type '${keyspaceName}.${name}' as it is still used by functions ${functions.map((f) => `${f.keyspace}.${f.name}`).join(', ')}`,
    );
  }
  const types = [...keyspace.userTypes.values()].filter((t) => t.name !== name && t.fields.some((f) => uses(f.type)));
  if (types.length > 0) {
    throw new InvalidRequestError(
      `Cannot drop user type '${keyspaceName}.${name}' as it is still used by user types ${types.map((t) => t.name).join(', ')}`,
    );
  }
  // Tables only (KeyspaceMetadata.tables): a view's columns are its base table's, named there.
  const tables = [...keyspace.tables.values()].filter((t) => t.view === undefined && [...t.columns.values()].some((c) => uses(c.type)));
  if (tables.length > 0) {
    throw new InvalidRequestError(
      `Cannot drop user type '${keyspaceName}.${name}' as it is still used by tables ${tables.map((t) => t.name).join(', ')}`,
    );
  }
  return changed(context.schema.withKeyspace(withoutUserType(keyspace, name)), 'DROPPED', 'TYPE', keyspaceName, name);
}
