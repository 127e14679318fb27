import type {
  AlterKeyspaceStatement, AlterTableStatement, AlterTypeStatement, CreateIndexStatement, CreateKeyspaceStatement,
  CreateTableStatement, CreateTypeStatement, DropIndexStatement, DropKeyspaceStatement, DropTableStatement,
  DropTypeStatement, CreateViewStatement, AlterViewStatement, DropViewStatement,
} from '../../ast/index.js';
import { alterView, dropView } from './alter-view.js';
import { createView } from './create-view.js';
import { alterKeyspace } from './alter-keyspace.js';
import { alterTable } from './alter-table.js';
import { alterType } from './alter-type.js';
import { createIndex } from './create-index.js';
import { createKeyspace } from './create-keyspace.js';
import { createTable } from './create-table.js';
import { createType } from './create-type.js';
import { dropIndex } from './drop-index.js';
import { dropKeyspace } from './drop-keyspace.js';
import { dropTable } from './drop-table.js';
import { dropType } from './drop-type.js';
import type { SchemaStatementContext, SchemaStatementResult } from './schema-statement-context.js';

export type { SchemaStatementContext, SchemaStatementResult } from './schema-statement-context.js';
export { prepareCreateView, VIEW_USAGE_WARNING } from './create-view.js';

export type SchemaStatement =
  | CreateKeyspaceStatement | AlterKeyspaceStatement | DropKeyspaceStatement
  | CreateTableStatement | AlterTableStatement | DropTableStatement
  | CreateTypeStatement | AlterTypeStatement | DropTypeStatement
  | CreateIndexStatement | DropIndexStatement
  | CreateViewStatement | AlterViewStatement | DropViewStatement;

const SCHEMA_STATEMENT_KINDS: ReadonlySet<string> = new Set([
  'createKeyspace', 'alterKeyspace', 'dropKeyspace', 'createTable', 'alterTable', 'dropTable',
  'createType', 'alterType', 'dropType', 'createIndex', 'dropIndex', 'createView', 'alterView', 'dropView',
]);

export function isSchemaStatement(statement: { readonly kind: string }): statement is SchemaStatement {
  return SCHEMA_STATEMENT_KINDS.has(statement.kind);
}

/**
 * Applies a schema statement to a schema snapshot. Pure: the result is the new snapshot (the same one when
 * nothing changed) and the change to announce; invalid statements throw the CqlError Cassandra would send.
 */
export function executeSchemaStatement(statement: SchemaStatement, context: SchemaStatementContext): SchemaStatementResult {
  switch (statement.kind) {
    case 'createKeyspace': return createKeyspace(statement, context);
    case 'alterKeyspace': return alterKeyspace(statement, context);
    case 'dropKeyspace': return dropKeyspace(statement, context);
    case 'createTable': return createTable(statement, context);
    case 'alterTable': return alterTable(statement, context);
    case 'dropTable': return dropTable(statement, context);
    case 'createType': return createType(statement, context);
    case 'alterType': return alterType(statement, context);
    case 'dropType': return dropType(statement, context);
    case 'createIndex': return createIndex(statement, context);
    case 'dropIndex': return dropIndex(statement, context);
    case 'createView': return createView(statement, context);
    case 'alterView': return alterView(statement, context);
    case 'dropView': return dropView(statement, context);
  }
}
