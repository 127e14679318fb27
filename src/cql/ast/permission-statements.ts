/**
 * Permission statements (Parser.g's grantPermissionsStatement, revokePermissionsStatement and
 * listPermissionsStatement) and the resources they name. Names are case-folded as the grammar does.
 */

/** A permission as Cassandra's Permission enum names it, in its order (LIST PERMISSIONS sorts by it). */
export const PERMISSIONS = [
  'CREATE', 'ALTER', 'DROP', 'SELECT', 'MODIFY', 'AUTHORIZE', 'DESCRIBE', 'EXECUTE', 'UNMASK', 'SELECT_MASKED',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * A resource as written: data (all keyspaces, a keyspace, a table whose keyspace may be left to the
 * session's), roles (all, one) or functions (all, all in a keyspace, one with its argument types).
 */
export type ResourceName =
  | { readonly kind: 'allKeyspaces' }
  | { readonly kind: 'keyspace'; readonly keyspace: string }
  | { readonly kind: 'table'; readonly keyspace: string | null; readonly table: string }
  | { readonly kind: 'allRoles' }
  | { readonly kind: 'role'; readonly role: string }
  | { readonly kind: 'allFunctions' }
  | { readonly kind: 'keyspaceFunctions'; readonly keyspace: string }
  | { readonly kind: 'function'; readonly keyspace: string | null; readonly name: string; readonly argTypes: readonly string[] };

/** GRANT permissions ON resource TO grantee / REVOKE permissions ON resource FROM revokee. */
export interface PermissionsManagementStatement {
  readonly kind: 'grantPermissions' | 'revokePermissions';
  /** null: ALL [PERMISSIONS], the permissions applicable to the resource. */
  readonly permissions: readonly Permission[] | null;
  readonly resource: ResourceName;
  readonly grantee: string;
}

/** LIST permissions [ON resource] [OF role] [NORECURSIVE]. */
export interface ListPermissionsStatement {
  readonly kind: 'listPermissions';
  readonly permissions: readonly Permission[] | null;
  readonly resource: ResourceName | null;
  readonly grantee: string | null;
  readonly recursive: boolean;
}

export type PermissionStatement = PermissionsManagementStatement | ListPermissionsStatement;
