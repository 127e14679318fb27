import { InvalidRequestError, UnauthorizedError } from '../errors/index.js';
import type {
  AlterRoleStatement, ColumnSpecification, Permission, CreateRoleStatement, DropRoleStatement, ListRolesStatement,
  RoleMembershipStatement, RoleOptions, RoleStatement,
} from '../cql/index.js';
import { native, serialize, type CqlType } from '../types/index.js';
import type { AccessControl } from './access-control.js';
import type { AuthenticatedUser } from './authenticated-user.js';
import { executeListPermissions, executePermissionsManagement, type PermissionStatementContext } from './permission-statements.js';
import { ALL_ROLES, type Resource } from './resources.js';
import { isBcryptHash } from './password-hash.js';
import type { RoleManager, RoleOption } from './role-manager.js';

/** What a role statement answers: nothing, or LIST ROLES / LIST USERS rows. */
export type RoleStatementResult =
  | { readonly kind: 'void' }
  | { readonly kind: 'rows'; readonly columns: readonly ColumnSpecification[]; readonly rows: readonly (readonly (Buffer | null)[])[] };

/** Who runs the statement, against which roles, and (CassandraAuthorizer) the user's permission checks. */
export interface RoleStatementContext extends PermissionStatementContext {
  readonly user: AuthenticatedUser;
}

const VOID: RoleStatementResult = { kind: 'void' };
const ROLE_MANAGER_CLASS = 'org.apache.cassandra.auth.CassandraRoleManager';

/**
 * Runs a role statement as Cassandra's QueryProcessor does: checkAccess, then validate, then execute,
 * with the checks and messages of CreateRoleStatement, AlterRoleStatement, DropRoleStatement,
 * GrantRoleStatement, RevokeRoleStatement and ListRolesStatement, and the permission statements. With
 * AllowAllAuthorizer (no `access`) only superuser status and the rules on one's own roles are checked;
 * with CassandraAuthorizer the permissions on roles too (CREATE on all roles, ALTER/DROP/AUTHORIZE on a role).
 */
export function executeRoleStatement(statement: RoleStatement, context: RoleStatementContext): Promise<RoleStatementResult> {
  switch (statement.kind) {
    case 'createRole': return createRole(statement, context);
    case 'alterRole': return alterRole(statement, context);
    case 'dropRole': return dropRole(statement, context);
    case 'grantRole': case 'revokeRole': return changeMembership(statement, context);
    case 'listRoles': case 'listUsers': return listRoles(statement, context);
    case 'grantPermissions': case 'revokePermissions': return executePermissionsManagement(statement, context);
    case 'listPermissions': return executeListPermissions(statement, context);
  }
}

async function createRole(statement: CreateRoleStatement, { user, roles, access }: RoleStatementContext): Promise<RoleStatementResult> {
  const { role, options } = statement;
  await checkPermission(access, 'CREATE', ALL_ROLES);
  if (options.superuser === true && !(await isSuper(user, roles))) {
    throw new UnauthorizedError('Only superusers can create a role with superuser status');
  }
  validateOptions(options, roles);
  if (role === '') throw new InvalidRequestError("Role name can't be an empty string");
  ensureNotAnonymous(user);
  const exists = await roles.isExistingRole(role);
  if (exists && !statement.ifNotExists) throw new InvalidRequestError(`${role} already exists`);
  if (exists) return VOID;
  if (statement.datacenters?.kind === 'some') throw datacentersUnsupported();
  await roles.createRole(role, options);
  await access?.grantPermissionsToCreator({ kind: 'role', role });
  return VOID;
}

async function alterRole(statement: AlterRoleStatement, { user, roles, access }: RoleStatementContext): Promise<RoleStatementResult> {
  const { role, options } = statement;
  const superuserChange = options.superuser !== undefined;
  if (superuserChange && (await userRoles(user, roles)).has(role)) {
    throw new UnauthorizedError("You aren't allowed to alter your own superuser status or that of a role granted to you");
  }
  const superuser = await isSuper(user, roles);
  if (superuserChange && !superuser) throw new UnauthorizedError('Only superusers are allowed to alter superuser status');
  if (!superuser && user.name === role) {
    for (const option of optionNames(options)) {
      if (!roles.alterableOptions.has(option)) throw new UnauthorizedError(`You aren't allowed to alter ${option}`);
    }
  } else if (!superuser) {
    await checkPermission(access, 'ALTER', { kind: 'role', role });
  }
  validateOptions(options, roles);
  if (optionNames(options).length === 0 && statement.datacenters === null) throw new InvalidRequestError("ALTER [ROLE|USER] can't be empty");
  ensureNotAnonymous(user);
  if (!(await roles.isExistingRole(role))) {
    if (statement.ifExists) return VOID;
    throw new InvalidRequestError(`${role} doesn't exist`);
  }
  await roles.alterRole(role, options);
  if (statement.datacenters !== null) throw datacentersUnsupported();
  return VOID;
}

async function dropRole(statement: DropRoleStatement, { user, roles, access }: RoleStatementContext): Promise<RoleStatementResult> {
  const { role } = statement;
  await checkPermission(access, 'DROP', { kind: 'role', role });
  const exists = await roles.isExistingRole(role);
  if (exists && (await roles.hasSuperuserStatus(role)) && !(await isSuper(user, roles))) {
    throw new UnauthorizedError('Only superusers can drop a role with superuser status');
  }
  ensureNotAnonymous(user);
  if (!exists && !statement.ifExists) throw new InvalidRequestError(`${role} doesn't exist`);
  if (user.kind === 'role' && user.name === role) throw new InvalidRequestError('Cannot DROP primary role for current login');
  if (!exists) return VOID;
  // The permissions granted to the role and those granted on it go with it.
  await access?.authorizer.revokeAllFrom(role);
  await access?.authorizer.revokeAllOn({ kind: 'role', role });
  await roles.dropRole(role);
  return VOID;
}

async function changeMembership(statement: RoleMembershipStatement, { user, roles, access }: RoleStatementContext): Promise<RoleStatementResult> {
  await checkPermission(access, 'AUTHORIZE', { kind: 'role', role: statement.role });
  ensureNotAnonymous(user);
  if (!(await roles.isExistingRole(statement.role))) throw new InvalidRequestError(`${statement.role} doesn't exist`);
  if (!(await roles.isExistingRole(statement.grantee))) throw new InvalidRequestError(`${statement.grantee} doesn't exist`);
  if (statement.kind === 'grantRole') await roles.grantRole(statement.role, statement.grantee);
  else await roles.revokeRole(statement.role, statement.grantee);
  return VOID;
}

/**
 * LIST ROLES and LIST USERS. With DESCRIBE on all roles (always, under AllowAllAuthorizer) every role (or
 * every role of the grantee) is listed, sorted by name; an empty list answers VOID, as Cassandra's does.
 */
async function listRoles(statement: ListRolesStatement, { user, roles, access }: RoleStatementContext): Promise<RoleStatementResult> {
  ensureNotAnonymous(user);
  const grantee = statement.grantee;

  if (grantee !== null && !(await roles.isExistingRole(grantee))) throw new InvalidRequestError(`<role ${grantee}> doesn't exist`);
  let names: Set<string>;
  if (access === null || (await access.hasPermission('DESCRIBE', ALL_ROLES))) {
    names = grantee === null ? await roles.getAllRoles() : await roles.getRoles(grantee, statement.recursive);
  } else if (grantee === null) {
    // Without DESCRIBE on all roles a user sees its own roles only.
    names = await roles.getRoles(user.name, statement.recursive);
  } else if ((await userRoles(user, roles)).has(grantee)) {
    names = await roles.getRoles(grantee, statement.recursive);
  } else {
    throw new UnauthorizedError(`You are not authorized to view roles granted to ${grantee} `);
  }
  if (names.size === 0) return VOID;
  const sorted = [...names].sort();
  return statement.kind === 'listRoles' ? roleRows(sorted, roles) : userRows(sorted, roles);
}

const TEXT = native('text');
const BOOLEAN = native('boolean');
const OPTIONS_TYPE: CqlType = { kind: 'map', key: TEXT, value: TEXT, frozen: false };
/** AllowAllNetworkAuthorizer lets every role log in from every datacenter (DCPermissions.all()). */
const ALL_DATACENTERS = serialize(TEXT, 'ALL');

function column(table: string, name: string, type: CqlType): ColumnSpecification {
  return { keyspace: 'system_auth', table, name, type };
}

const ROLE_COLUMNS = [
  column('roles', 'role', TEXT), column('roles', 'super', BOOLEAN), column('roles', 'login', BOOLEAN),
  column('roles', 'options', OPTIONS_TYPE), column('roles', 'datacenters', TEXT),
];
const USER_COLUMNS = [column('users', 'name', TEXT), column('users', 'super', BOOLEAN), column('users', 'datacenters', TEXT)];

async function roleRows(names: readonly string[], roles: RoleManager): Promise<RoleStatementResult> {
  const rows: (Buffer | null)[][] = [];
  for (const name of names) {
    const role = await roles.getRole(name);
    rows.push([
      serialize(TEXT, name), serialize(BOOLEAN, role?.isSuper ?? false), serialize(BOOLEAN, role?.canLogin ?? false),
      serialize(OPTIONS_TYPE, new Map()), ALL_DATACENTERS,
    ]);
  }
  return { kind: 'rows', columns: ROLE_COLUMNS, rows };
}

/** LIST USERS: the roles that can log in, with their superuser status inherited or not. */
async function userRows(names: readonly string[], roles: RoleManager): Promise<RoleStatementResult> {
  const rows: (Buffer | null)[][] = [];
  for (const name of names) {
    const role = await roles.getRole(name);
    if (role === null || !role.canLogin) continue;
    rows.push([serialize(TEXT, name), serialize(BOOLEAN, await roles.hasSuperuserStatus(name)), ALL_DATACENTERS]);
  }
  return { kind: 'rows', columns: USER_COLUMNS, rows };
}

/** RoleOptions.validate: only the options the role manager supports, with values of the right kind. */
function validateOptions(options: RoleOptions, roles: RoleManager): void {
  for (const option of optionNames(options)) {
    if (!roles.supportedOptions.has(option)) throw new InvalidRequestError(`${ROLE_MANAGER_CLASS} doesn't support ${option}`);
  }
  if (options.hashedPassword !== undefined && !isBcryptHash(options.hashedPassword)) {
    throw new InvalidRequestError('Invalid hashed password value. Please use jBcrypt.');
  }
}

function optionNames(options: RoleOptions): RoleOption[] {
  const names: RoleOption[] = [];
  if (options.superuser !== undefined) names.push('SUPERUSER');
  if (options.login !== undefined) names.push('LOGIN');
  if (options.password !== undefined) names.push('PASSWORD');
  if (options.hashedPassword !== undefined) names.push('HASHED_PASSWORD');
  if (options.options !== undefined) names.push('OPTIONS');
  return names;
}

/**
 * AuthenticationStatement.checkPermission: with CassandraAuthorizer, a permission on a role resource, refused
 * with a message that does not say which; superusers hold every permission.
 */
async function checkPermission(access: AccessControl | null, perm: Permission, resource: Resource): Promise<void> {
  if (access === null || (await access.hasPermission(perm, resource))) return;
  throw new UnauthorizedError(`User ${access.user.name} does not have sufficient privileges to perform the requested operation`);
}

/** ClientState.ensureNotAnonymous: role statements need a login (the system user has one). */
function ensureNotAnonymous(user: AuthenticatedUser): void {
  if (user.isAnonymous) throw new UnauthorizedError('You have to be logged in and not anonymous to perform this request');
}

/** AuthenticatedUser.isSuper: a logged-in role with superuser status of its own or inherited. */
function isSuper(user: AuthenticatedUser, roles: RoleManager): Promise<boolean> {
  if (user.isSystem) return Promise.resolve(true);
  if (user.isAnonymous) return Promise.resolve(false);
  return roles.hasSuperuserStatus(user.name);
}

/** AuthenticatedUser.getRoles: the user's role and every role it inherits. */
function userRoles(user: AuthenticatedUser, roles: RoleManager): Promise<Set<string>> {
  return user.kind === 'role' ? roles.getRoles(user.name, true) : Promise.resolve(new Set());
}

function datacentersUnsupported(): InvalidRequestError {
  return new InvalidRequestError('ACCESS TO DATACENTERS operations not supported by AllowAllNetworkAuthorizer');
}
