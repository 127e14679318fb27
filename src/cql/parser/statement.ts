/**
 * The entry point: one CQL statement, optionally followed by semicolons (Cql.g's query rule), with
 * its bind markers. Statements Cassandra has but Cassanova does not implement (triggers and identities)
 * are refused with an invalid-request error naming them.
 */
import { InvalidRequestError } from '../../errors/index.js';
import type { ParsedStatement, Statement } from '../ast/index.js';
import type { TokenType } from '../lexer/token.js';
import { alterTableStatement } from './alter-table.js';
import { alterKeyspaceStatement, createKeyspaceStatement, dropKeyspaceStatement } from './ddl-keyspace.js';
import { createIndexStatement, dropIndexStatement } from './ddl-index.js';
import { createTableStatement, dropTableStatement } from './ddl-table.js';
import { alterTypeStatement, createTypeStatement, dropTypeStatement } from './ddl-type.js';
import { describeStatement } from './describe.js';
import { alterViewStatement, createViewStatement, dropViewStatement } from './ddl-view.js';
import {
  createAggregateStatement, createFunctionStatement, dropAggregateStatement, dropFunctionStatement, isWord,
} from './ddl-function.js';
import { keyspaceName, qualifiedName } from './identifiers.js';
import { batchStatement, deleteStatement, insertStatement, updateStatement } from './modification.js';
import { Parser } from './parser.js';
import {
  alterRoleStatement, alterUserStatement, createRoleStatement, createUserStatement, dropRoleStatement, isListRoles,
  isRoleMembership, listRolesStatement, roleMembershipStatement,
} from './roles.js';
import { listPermissionsStatement, permissionsManagementStatement } from './permissions.js';
import { selectStatement } from './select.js';

/**
 * Parses one statement. Throws SyntaxError (with Cassandra's message and position) for malformed
 * input, and InvalidRequestError where Cassandra's parser itself rejects a well-formed statement.
 */
export function parseStatement(source: string): ParsedStatement {
  const p = new Parser(source);
  const statement = cqlStatement(p);
  while (p.accept("';'"));
  p.expect('EOF');
  return { statement, bindMarkers: p.bindMarkers(), source };
}

const UNSUPPORTED: Partial<Record<TokenType, string>> = {
  K_TRIGGER: 'triggers',
  K_IDENTITY: 'identities',
};

function unsupported(p: Parser, k: number): never {
  throw new InvalidRequestError(`Cassanova does not support ${UNSUPPORTED[p.type(k)] ?? p.text(p.la(k))}`);
}

function cqlStatement(p: Parser): Statement {
  switch (p.type()) {
    case 'K_SELECT': return selectStatement(p);
    case 'K_INSERT': return insertStatement(p);
    case 'K_UPDATE': return updateStatement(p);
    case 'K_BEGIN': return batchStatement(p);
    case 'K_DELETE': return deleteStatement(p);
    case 'K_USE':
      p.consume();
      return { kind: 'use', keyspace: keyspaceName(p) };
    case 'K_TRUNCATE':
      p.consume();
      p.accept('K_COLUMNFAMILY');
      return { kind: 'truncate', table: qualifiedName(p) };
    case 'K_CREATE': return createStatement(p);
    case 'K_ALTER': return alterStatement(p);
    case 'K_DROP': return dropStatement(p);
    case 'K_DESCRIBE': case 'K_DESC': return describeStatement(p);
    case 'K_GRANT': case 'K_REVOKE': return isRoleMembership(p) ? roleMembershipStatement(p) : permissionsManagementStatement(p);
    case 'K_LIST': return isListRoles(p) ? listRolesStatement(p) : listPermissionsStatement(p);
    case 'K_ADD': return p.is('K_IDENTITY', 2) ? unsupported(p, 2) : p.noViable(p.la(2), p.la());
    default: return p.noViable();
  }
}

function createStatement(p: Parser): Statement {
  switch (p.type(2)) {
    case 'K_KEYSPACE': case 'K_SCHEMA': return createKeyspaceStatement(p);
    case 'K_COLUMNFAMILY': return createTableStatement(p);
    case 'K_INDEX': case 'K_CUSTOM': return createIndexStatement(p);
    case 'K_TYPE': return createTypeStatement(p);
    case 'K_MATERIALIZED': return createViewStatement(p);
    case 'K_FUNCTION': return createFunctionStatement(p);
    case 'K_AGGREGATE': return createAggregateStatement(p);
    case 'K_OR': return createOrReplaceStatement(p);
    case 'K_ROLE': return createRoleStatement(p);
    case 'K_USER': return createUserStatement(p);
    case 'K_TRIGGER': return unsupported(p, 2);
    default: return p.noViable(p.la(2), p.la());
  }
}

/** CREATE OR REPLACE FUNCTION / AGGREGATE. */
function createOrReplaceStatement(p: Parser): Statement {
  if (!isWord(p, 'REPLACE', 3)) return p.noViable(p.la(3), p.la());
  switch (p.type(4)) {
    case 'K_FUNCTION': return createFunctionStatement(p);
    case 'K_AGGREGATE': return createAggregateStatement(p);
    default: return p.noViable(p.la(4), p.la());
  }
}

function alterStatement(p: Parser): Statement {
  switch (p.type(2)) {
    case 'K_KEYSPACE': case 'K_SCHEMA': return alterKeyspaceStatement(p);
    case 'K_COLUMNFAMILY': return alterTableStatement(p);
    case 'K_TYPE': return alterTypeStatement(p);
    case 'K_MATERIALIZED': return alterViewStatement(p);
    case 'K_ROLE': return alterRoleStatement(p);
    case 'K_USER': return alterUserStatement(p);
    default: return p.noViable(p.la(2), p.la());
  }
}

function dropStatement(p: Parser): Statement {
  switch (p.type(2)) {
    case 'K_KEYSPACE': case 'K_SCHEMA': return dropKeyspaceStatement(p);
    case 'K_COLUMNFAMILY': return dropTableStatement(p);
    case 'K_INDEX': return dropIndexStatement(p);
    case 'K_TYPE': return dropTypeStatement(p);
    case 'K_MATERIALIZED': return dropViewStatement(p);
    case 'K_FUNCTION': return dropFunctionStatement(p);
    case 'K_AGGREGATE': return dropAggregateStatement(p);
    case 'K_USER': case 'K_ROLE': return dropRoleStatement(p);
    case 'K_TRIGGER': case 'K_IDENTITY':
      return unsupported(p, 2);
    default: return p.noViable(p.la(2), p.la());
  }
}
