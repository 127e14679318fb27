/**
 * Role management statements (Parser.g's createRoleStatement, alterRoleStatement, dropRoleStatement,
 * grantRoleStatement, revokeRoleStatement, listRolesStatement and the legacy USER forms). The option
 * words (PASSWORD, SUPERUSER, LOGIN, OPTIONS, ACCESS, …) are unreserved and lexed as identifiers.
 */
import type {
  AlterRoleStatement, CreateRoleStatement, DatacenterAccess, DropRoleStatement, ListRolesStatement,
  RoleMembershipStatement, RoleOptions,
} from '../ast/index.js';
import { isUnreservedKeyword } from '../lexer/keywords.js';
import { isWord } from './ddl-function.js';
import { ifExists, ifNotExists } from './existence.js';
import type { Parser } from './parser.js';
import { propertyMap } from './properties.js';
import { constantOf } from './terms.js';

type MutableRoleOptions = { -readonly [K in keyof RoleOptions]: RoleOptions[K] };

/** roleName: an identifier (lower-cased), or a quoted name or string literal (kept as written). */
export function roleName(p: Parser): string {
  const token = p.la();
  switch (token.type) {
    case 'IDENT':
      p.consume();
      return p.text(token).toLowerCase();
    case 'QUOTED_NAME':
      p.consume();
      return p.text(token);
    case 'STRING_LITERAL':
      return stringLiteral(p);
    case 'QMARK':
      p.consume();
      return p.recognitionError('Bind variables cannot be used for role names');
    default:
      if (!isUnreservedKeyword(token.type)) p.noViable();
      p.consume();
      return p.text(token).toLowerCase();
  }
}

/** username (the USER forms): an identifier keeps its case; a quoted name is refused. */
function userName(p: Parser): string {
  const token = p.la();
  if (token.type === 'STRING_LITERAL') return stringLiteral(p);
  if (token.type === 'QUOTED_NAME') {
    p.consume();
    return p.recognitionError('Quoted strings are are not supported for user names and USER is deprecated, please use ROLE');
  }
  if (token.type !== 'IDENT') p.noViable();
  p.consume();
  return p.text(token);
}

function stringLiteral(p: Parser): string {
  const token = p.expect('STRING_LITERAL');
  const constant = constantOf(p, token);
  return constant !== null && constant.kind === 'string' ? constant.value : p.text(token);
}

function expectWord(p: Parser, word: string): void {
  if (!isWord(p, word)) p.noViable();
  p.consume();
}

function setOption<K extends keyof RoleOptions>(p: Parser, options: MutableRoleOptions, key: K, name: string, value: RoleOptions[K]): void {
  if (options[key] !== undefined) p.recognitionError(`Multiple definition for property '${name}'`);
  options[key] = value;
}

function booleanValue(p: Parser): boolean {
  return p.text(p.expect('BOOLEAN')).toLowerCase() === 'true';
}

function checkPasswords(p: Parser, options: RoleOptions): void {
  if (options.password !== undefined && options.hashedPassword !== undefined) {
    p.recognitionError("Options 'password' and 'hashed password' are mutually exclusive");
  }
}

/** roleOptions: roleOption (AND roleOption)*; the datacenter clause goes apart, as in Parser.g. */
function roleOptions(p: Parser): { options: RoleOptions; datacenters: DatacenterAccess | null } {
  const options: MutableRoleOptions = {};
  let datacenters: DatacenterAccess | null = null;
  do {
    if (isWord(p, 'PASSWORD')) {
      p.consume();
      p.expect("'='");
      setOption(p, options, 'password', 'PASSWORD', stringLiteral(p));
    } else if (isWord(p, 'HASHED')) {
      p.consume();
      expectWord(p, 'PASSWORD');
      p.expect("'='");
      setOption(p, options, 'hashedPassword', 'HASHED_PASSWORD', stringLiteral(p));
    } else if (isWord(p, 'OPTIONS')) {
      p.consume();
      p.expect("'='");
      const map = propertyMap(p);
      setOption(p, options, 'options', 'OPTIONS', map.kind === 'map' ? map.entries : []);
    } else if (isWord(p, 'SUPERUSER')) {
      p.consume();
      p.expect("'='");
      setOption(p, options, 'superuser', 'SUPERUSER', booleanValue(p));
    } else if (isWord(p, 'LOGIN')) {
      p.consume();
      p.expect("'='");
      setOption(p, options, 'login', 'LOGIN', booleanValue(p));
    } else if (isWord(p, 'ACCESS')) {
      p.consume();
      datacenters = datacenterAccess(p, datacenters);
    } else {
      p.noViable();
    }
  } while (p.accept('K_AND'));
  checkPasswords(p, options);
  return { options, datacenters };
}

/** ACCESS TO ALL DATACENTERS | ACCESS TO DATACENTERS {'dc1', 'dc2'}: later clauses add to earlier ones. */
function datacenterAccess(p: Parser, previous: DatacenterAccess | null): DatacenterAccess {
  p.expect('K_TO');
  if (isWord(p, 'ALL')) {
    p.consume();
    expectWord(p, 'DATACENTERS');
    return { kind: 'all' };
  }
  expectWord(p, 'DATACENTERS');
  p.expect("'{'");
  const datacenters = previous?.kind === 'some' ? [...previous.datacenters] : [];
  do datacenters.push(stringLiteral(p)); while (p.accept("','"));
  p.expect("'}'");
  return previous?.kind === 'all' ? previous : { kind: 'some', datacenters };
}

/** CREATE ROLE [IF NOT EXISTS] name [WITH options]: LOGIN and SUPERUSER default to false. */
export function createRoleStatement(p: Parser): CreateRoleStatement {
  p.expect('K_CREATE');
  p.expect('K_ROLE');
  const exists = ifNotExists(p);
  const role = roleName(p);
  const { options, datacenters } = p.accept('K_WITH') ? roleOptions(p) : { options: {}, datacenters: null };
  return {
    kind: 'createRole', role, ifNotExists: exists, datacenters,
    options: { ...options, login: options.login ?? false, superuser: options.superuser ?? false },
  };
}

/** ALTER ROLE [IF EXISTS] name [WITH options]. */
export function alterRoleStatement(p: Parser): AlterRoleStatement {
  p.expect('K_ALTER');
  p.expect('K_ROLE');
  const exists = ifExists(p);
  const role = roleName(p);
  const { options, datacenters } = p.accept('K_WITH') ? roleOptions(p) : { options: {}, datacenters: null };
  return { kind: 'alterRole', role, options, datacenters, ifExists: exists };
}

/** DROP ROLE [IF EXISTS] name / DROP USER [IF EXISTS] name. */
export function dropRoleStatement(p: Parser): DropRoleStatement {
  p.expect('K_DROP');
  const user = p.accept('K_USER');
  if (!user) p.expect('K_ROLE');
  const exists = ifExists(p);
  return { kind: 'dropRole', role: user ? userName(p) : roleName(p), ifExists: exists };
}

/** WITH PASSWORD 'p' | WITH HASHED PASSWORD 'h' (no '=' in the USER forms), then SUPERUSER | NOSUPERUSER. */
function userOptions(p: Parser, options: MutableRoleOptions): void {
  if (p.accept('K_WITH')) {
    const hashed = isWord(p, 'HASHED');
    if (hashed) p.consume();
    expectWord(p, 'PASSWORD');
    if (hashed) options.hashedPassword = stringLiteral(p);
    else options.password = stringLiteral(p);
  }
  if (isWord(p, 'SUPERUSER') || isWord(p, 'NOSUPERUSER')) options.superuser = p.text(p.consume()).toUpperCase() === 'SUPERUSER';
}

/** CREATE USER [IF NOT EXISTS] name [WITH PASSWORD 'p'] [SUPERUSER | NOSUPERUSER]: a role that can log in. */
export function createUserStatement(p: Parser): CreateRoleStatement {
  p.expect('K_CREATE');
  p.expect('K_USER');
  const exists = ifNotExists(p);
  const role = userName(p);
  const options: MutableRoleOptions = { login: true };
  userOptions(p, options);
  options.superuser ??= false;
  return { kind: 'createRole', role, options, datacenters: null, ifNotExists: exists };
}

/** ALTER USER [IF EXISTS] name [WITH PASSWORD 'p'] [SUPERUSER | NOSUPERUSER]. */
export function alterUserStatement(p: Parser): AlterRoleStatement {
  p.expect('K_ALTER');
  p.expect('K_USER');
  const exists = ifExists(p);
  const role = userName(p);
  const options: MutableRoleOptions = {};
  userOptions(p, options);
  return { kind: 'alterRole', role, options, datacenters: null, ifExists: exists };
}

/** GRANT role TO grantee / REVOKE role FROM revokee. */
export function roleMembershipStatement(p: Parser): RoleMembershipStatement {
  const grant = p.consume().type === 'K_GRANT';
  const role = roleName(p);
  p.expect(grant ? 'K_TO' : 'K_FROM');
  return { kind: grant ? 'grantRole' : 'revokeRole', role, grantee: roleName(p) };
}

/** LIST ROLES [OF name] [NORECURSIVE] / LIST USERS. */
export function listRolesStatement(p: Parser): ListRolesStatement {
  p.expect('K_LIST');
  if (isWord(p, 'USERS')) {
    p.consume();
    return { kind: 'listUsers', grantee: null, recursive: true };
  }
  expectWord(p, 'ROLES');
  const grantee = p.accept('K_OF') ? roleName(p) : null;
  const recursive = !p.accept('K_NORECURSIVE');
  return { kind: 'listRoles', grantee, recursive };
}

/** Whether a GRANT or REVOKE names a role (`GRANT r TO g`) rather than permissions (`GRANT SELECT ON …`). */
export function isRoleMembership(p: Parser): boolean {
  return p.is(p.is('K_GRANT') ? 'K_TO' : 'K_FROM', 3);
}

/** Whether a LIST lists roles or users rather than permissions. */
export function isListRoles(p: Parser): boolean {
  return isWord(p, 'ROLES', 2) || isWord(p, 'USERS', 2);
}
