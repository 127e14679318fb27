import { InvalidRequestError, UnauthorizedError } from '../errors/index.js';
import {
  PERMISSIONS, type ColumnSpecification, type ListPermissionsStatement, type Permission, type PermissionsManagementStatement,
  type ResourceName,
} from '../cql/index.js';
import { native, serialize } from '../types/index.js';
import type { AccessControl } from './access-control.js';
import type { PermissionDetails } from './cassandra-authorizer.js';
import type { RoleManager } from './role-manager.js';
import {
  applicablePermissions, resourceChain, resourceName, resourceText, resourceTypeName, type Resource,
} from './resources.js';

/** What a permission statement needs: the user's checks, the roles, and the schema to resolve resources against. */
export interface PermissionStatementContext {
  readonly access: AccessControl | null;
  readonly roles: RoleManager;
  /** The session's keyspace, for `ON TABLE t` and `ON FUNCTION f(…)`. */
  readonly keyspace: string | null;
  readonly exists: (resource: Resource) => Promise<boolean>;
}

export type PermissionStatementResult =
  | { readonly kind: 'void' }
  | { readonly kind: 'rows'; readonly columns: readonly ColumnSpecification[]; readonly rows: readonly (readonly (Buffer | null)[])[] };

const VOID: PermissionStatementResult = { kind: 'void' };

/** AllowAllAuthorizer refuses permission management with the message of its UnsupportedOperationException. */
function requireAuthorizer(context: PermissionStatementContext, operation: string): AccessControl {
  if (context.access === null) throw new InvalidRequestError(`${operation} operation is not supported by AllowAllAuthorizer`);
  return context.access;
}

/**
 * GRANT / REVOKE permissions (PermissionsManagementStatement): the permissions must apply to the
 * resource, which must exist, as must the grantee; the user needs AUTHORIZE and each permission granted
 * on the resource or a parent.
 */
export async function executePermissionsManagement(
  statement: PermissionsManagementStatement, context: PermissionStatementContext,
): Promise<PermissionStatementResult> {
  const access = requireAuthorizer(context, statement.kind === 'grantPermissions' ? 'GRANT' : 'REVOKE');
  const resource = resolveResource(statement.resource, context.keyspace);
  const permissions = checkedPermissions(statement.permissions, resource);
  ensureNotAnonymous(access);
  if (!(await context.roles.isExistingRole(statement.grantee))) throw new InvalidRequestError(`Role ${statement.grantee} doesn't exist`);
  if (resource.kind === 'function' && resource.keyspace === 'system') {
    throw new InvalidRequestError('Altering permissions on builtin functions is not supported');
  }
  if (!(await context.exists(resource))) throw new InvalidRequestError(`Resource ${resourceText(resource)} doesn't exist`);
  await access.ensurePermission('AUTHORIZE', resource);
  for (const p of permissions) await access.ensurePermission(p, resource);
  if (statement.kind === 'grantPermissions') await access.authorizer.grant(permissions, resource, statement.grantee);
  else await access.authorizer.revoke(permissions, resource, statement.grantee);
  return VOID;
}

/** LIST PERMISSIONS (ListPermissionsStatement): up the resource's chain unless NORECURSIVE, sorted. */
export async function executeListPermissions(statement: ListPermissionsStatement, context: PermissionStatementContext): Promise<PermissionStatementResult> {
  const access = requireAuthorizer(context, 'LIST PERMISSIONS');
  ensureNotAnonymous(access);
  const resource = statement.resource === null ? null : resolveResource(statement.resource, context.keyspace);
  const permissions = new Set(resource === null ? allPermissions() : checkedPermissions(statement.permissions, resource));
  if (resource !== null && !(await context.exists(resource))) throw new InvalidRequestError(`${resourceText(resource)} doesn't exist`);
  const grantee = statement.grantee;
  if (grantee !== null && !(await context.roles.isExistingRole(grantee))) throw new InvalidRequestError(`<role ${grantee}> doesn't exist`);
  const user = access.user;
  if (!user.isSystem && !(await context.roles.hasSuperuserStatus(user.name))
    && (grantee === null || !(await context.roles.getRoles(user.name, true)).has(grantee))) {
    throw new UnauthorizedError(`You are not authorized to view ${grantee ?? 'everyone'}'s permissions`);
  }
  const resources = resource === null ? [null] : statement.recursive ? resourceChain(resource) : [resource];
  const details: PermissionDetails[] = [];
  const seen = new Set<string>();
  for (const r of resources) {
    for (const d of await access.authorizer.list(permissions, r, grantee)) {
      const key = `${d.grantee}\u0000${resourceName(d.resource)}\u0000${d.permission}`;
      if (!seen.has(key)) {
        seen.add(key);
        details.push(d);
      }
    }
  }
  if (details.length === 0) return VOID;
  details.sort(comparePermissionDetails);
  return {
    kind: 'rows',
    columns: LIST_COLUMNS,
    rows: details.map((d) => [
      serialize(TEXT, d.grantee), serialize(TEXT, d.grantee), serialize(TEXT, resourceText(d.resource)), serialize(TEXT, d.permission),
    ]),
  };
}

/** PermissionDetails.compareTo: by grantee, then resource name, then the permission's order. */
export function comparePermissionDetails(a: PermissionDetails, b: PermissionDetails): number {
  return compare(a.grantee, b.grantee) || compare(resourceName(a.resource), resourceName(b.resource))
    || PERMISSIONS.indexOf(a.permission) - PERMISSIONS.indexOf(b.permission);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const TEXT = native('text');
const LIST_COLUMNS: readonly ColumnSpecification[] = ['role', 'username', 'resource', 'permission']
  .map((name) => ({ keyspace: 'system_auth', table: 'permissions', name, type: TEXT }));

/** The permissions Cassandra 4.1 knows (UNMASK and SELECT_MASKED come with 5.0's dynamic data masking). */
function allPermissions(): Permission[] {
  return PERMISSIONS.filter((p) => p !== 'UNMASK' && p !== 'SELECT_MASKED');
}

/**
 * ALL means every permission applicable to the resource; named ones must all apply to it
 * (AuthorizationStatement.filterPermissions), else the statement is refused as the parser refuses it.
 */
export function checkedPermissions(permissions: readonly Permission[] | null, resource: Resource): Permission[] {
  const applicable = applicablePermissions(resource);
  if (permissions === null) return [...applicable];
  const unsupported = permissions.filter((p) => !applicable.includes(p));
  if (unsupported.length > 0) {
    throw new InvalidRequestError(`Resource type ${resourceTypeName(resource)} does not support the requested permissions: ${unsupported.join(',')}`);
  }
  return [...permissions];
}

/** A resource as written, with the session's keyspace for an unqualified table or function. */
export function resolveResource(name: ResourceName, keyspace: string | null): Resource {
  switch (name.kind) {
    case 'table': return { kind: 'table', keyspace: name.keyspace ?? requireKeyspace(keyspace), table: name.table };
    case 'function': return { kind: 'function', keyspace: name.keyspace ?? requireKeyspace(keyspace), name: name.name, argTypes: name.argTypes };
    default: return name;
  }
}

function requireKeyspace(keyspace: string | null): string {
  if (keyspace === null) throw new InvalidRequestError('No keyspace has been specified. USE a keyspace, or explicitly specify keyspace.tablename');
  return keyspace;
}

function ensureNotAnonymous(access: AccessControl): void {
  if (access.user.isAnonymous) throw new UnauthorizedError('You have to be logged in and not anonymous to perform this request');
}
