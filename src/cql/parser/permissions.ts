/**
 * Permission statements (Parser.g's grantPermissionsStatement, revokePermissionsStatement,
 * listPermissionsStatement, permissionOrAll and resource). ALL, PERMISSION(S), ROLES and UNMASK are
 * unreserved words here, lexed as identifiers.
 */
import type { ListPermissionsStatement, Permission, PermissionsManagementStatement, ResourceName } from '../ast/index.js';
import type { TokenType } from '../lexer/token.js';
import { isWord, typeList } from './ddl-function.js';
import { keyspaceName, qualifiedFunctionName, qualifiedName } from './identifiers.js';
import type { Parser } from './parser.js';
import { roleName } from './roles.js';

/** Permissions that are keywords of their own; UNMASK and SELECT_MASKED are identifiers. */
const PERMISSION_TOKENS: Partial<Record<TokenType, Permission>> = {
  K_CREATE: 'CREATE', K_ALTER: 'ALTER', K_DROP: 'DROP', K_SELECT: 'SELECT', K_MODIFY: 'MODIFY',
  K_AUTHORIZE: 'AUTHORIZE', K_DESCRIBE: 'DESCRIBE', K_EXECUTE: 'EXECUTE',
};

function permission(p: Parser): Permission {
  const fromToken = PERMISSION_TOKENS[p.type()];
  if (fromToken !== undefined) {
    p.consume();
    return fromToken;
  }
  for (const word of ['UNMASK', 'SELECT_MASKED'] as const) {
    if (isWord(p, word)) {
      p.consume();
      return word;
    }
  }
  return p.noViable();
}

/** permissionOrAll: ALL [PERMISSIONS] (null) | permission [PERMISSION] (, permission [PERMISSION])*. */
function permissionOrAll(p: Parser): readonly Permission[] | null {
  if (isWord(p, 'ALL')) {
    p.consume();
    if (isWord(p, 'PERMISSIONS')) p.consume();
    return null;
  }
  const permissions: Permission[] = [];
  do {
    const next = permission(p);
    if (!permissions.includes(next)) permissions.push(next);
    if (isWord(p, 'PERMISSION')) p.consume();
  } while (p.accept("','"));
  return permissions;
}

/** resource: functionResource | dataResource | roleResource. */
export function resource(p: Parser): ResourceName {
  if (isWord(p, 'ALL')) {
    switch (p.type(2)) {
      case 'K_KEYSPACES':
        p.consume();
        p.consume();
        return { kind: 'allKeyspaces' };
      case 'K_FUNCTIONS':
        p.consume();
        p.consume();
        if (!p.accept('K_IN')) return { kind: 'allFunctions' };
        p.expect('K_KEYSPACE');
        return { kind: 'keyspaceFunctions', keyspace: keyspaceName(p) };
      default:
        if (isWord(p, 'ROLES', 2)) {
          p.consume();
          p.consume();
          return { kind: 'allRoles' };
        }
    }
  }
  switch (p.type()) {
    case 'K_KEYSPACE':
      p.consume();
      return { kind: 'keyspace', keyspace: keyspaceName(p) };
    case 'K_ROLE':
      p.consume();
      return { kind: 'role', role: roleName(p) };
    case 'K_FUNCTION': {
      p.consume();
      const fn = qualifiedFunctionName(p);
      return { kind: 'function', keyspace: fn.keyspace, name: fn.name, argTypes: typeList(p) };
    }
    case 'K_COLUMNFAMILY':
      p.consume();
      break;
  }
  const table = qualifiedName(p);
  return { kind: 'table', keyspace: table.keyspace, table: table.name };
}

/** GRANT permissionOrAll ON resource TO role / REVOKE permissionOrAll ON resource FROM role. */
export function permissionsManagementStatement(p: Parser): PermissionsManagementStatement {
  const grant = p.consume().type === 'K_GRANT';
  const permissions = permissionOrAll(p);
  p.expect('K_ON');
  const on = resource(p);
  p.expect(grant ? 'K_TO' : 'K_FROM');
  return { kind: grant ? 'grantPermissions' : 'revokePermissions', permissions, resource: on, grantee: roleName(p) };
}

/** LIST permissionOrAll [ON resource] [OF role] [NORECURSIVE]. */
export function listPermissionsStatement(p: Parser): ListPermissionsStatement {
  p.expect('K_LIST');
  const permissions = permissionOrAll(p);
  const on = p.accept('K_ON') ? resource(p) : null;
  const grantee = p.accept('K_OF') ? roleName(p) : null;
  const recursive = !p.accept('K_NORECURSIVE');
  return { kind: 'listPermissions', permissions, resource: on, grantee, recursive };
}
