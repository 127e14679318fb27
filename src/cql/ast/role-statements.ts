import type { PermissionStatement } from './permission-statements.js';

/**
 * Role management statements (Parser.g's createRoleStatement … listUsersStatement). Role names are
 * already case-folded: an unquoted name is lower-cased, a quoted name or string literal kept as written.
 */

/** Datacenters a role may log in from (ACCESS TO ALL DATACENTERS / ACCESS TO DATACENTERS {...}). */
export type DatacenterAccess = { readonly kind: 'all' } | { readonly kind: 'some'; readonly datacenters: readonly string[] };

/** The options of CREATE/ALTER ROLE or USER, each given at most once (RoleOptions). */
export interface RoleOptions {
  readonly password?: string;
  readonly hashedPassword?: string;
  readonly superuser?: boolean;
  readonly login?: boolean;
  /** OPTIONS = {…}: custom options, which CassandraRoleManager does not support. */
  readonly options?: readonly (readonly [string, string])[];
}

export interface CreateRoleStatement {
  readonly kind: 'createRole';
  readonly role: string;
  readonly options: RoleOptions;
  readonly datacenters: DatacenterAccess | null;
  readonly ifNotExists: boolean;
}

export interface AlterRoleStatement {
  readonly kind: 'alterRole';
  readonly role: string;
  readonly options: RoleOptions;
  readonly datacenters: DatacenterAccess | null;
  readonly ifExists: boolean;
}

export interface DropRoleStatement {
  readonly kind: 'dropRole';
  readonly role: string;
  readonly ifExists: boolean;
}

/** GRANT role TO grantee / REVOKE role FROM revokee. */
export interface RoleMembershipStatement {
  readonly kind: 'grantRole' | 'revokeRole';
  readonly role: string;
  readonly grantee: string;
}

/** LIST ROLES [OF grantee] [NORECURSIVE]; LIST USERS lists the roles that can log in. */
export interface ListRolesStatement {
  readonly kind: 'listRoles' | 'listUsers';
  readonly grantee: string | null;
  readonly recursive: boolean;
}

/** The statements run by the auth layer (roles and permissions): one plan kind. */
export type RoleStatement =
  | CreateRoleStatement | AlterRoleStatement | DropRoleStatement | RoleMembershipStatement | ListRolesStatement
  | PermissionStatement;

const ROLE_STATEMENT_KINDS: ReadonlySet<string> = new Set([
  'createRole', 'alterRole', 'dropRole', 'grantRole', 'revokeRole', 'listRoles', 'listUsers',
  'grantPermissions', 'revokePermissions', 'listPermissions',
]);

export function isRoleStatement(statement: { readonly kind: string }): statement is RoleStatement {
  return ROLE_STATEMENT_KINDS.has(statement.kind);
}
