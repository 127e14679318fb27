import type { Clock } from '../common/index.js';
import { PERMISSIONS, type Permission } from '../cql/index.js';
import type { AuthStore } from './auth-store.js';
import type { RoleManager } from './role-manager.js';
import { applicablePermissions, resourceFromName, resourceName, type Resource } from './resources.js';

const ROLE_PERMISSIONS = 'system_auth.role_permissions';
const RESOURCE_ROLE_INDEX = 'system_auth.resource_role_permissons_index';

/** permissions_validity (2000 ms) and permissions_cache_max_entries (1000), cassandra.yaml's defaults. */
export const PERMISSIONS_VALIDITY_MS = 2000;
const PERMISSIONS_CACHE_MAX_ENTRIES = 1000;

/** A row of LIST PERMISSIONS (PermissionDetails). */
export interface PermissionDetails {
  readonly grantee: string;
  readonly resource: Resource;
  readonly permission: Permission;
}

/**
 * Cassandra's CassandraAuthorizer: the permissions granted to each role on each resource live in
 * system_auth.role_permissions (role, resource → set of permission names), with the reverse index
 * resource_role_permissons_index (resource → roles), read and written as CQL through the node's storage
 * at LOCAL_ONE. A role holds what was granted to it and to every role it inherits; a superuser holds
 * every applicable permission. Like Cassandra's PermissionsCache, a node keeps what it read about a
 * (role, resource) pair for PERMISSIONS_VALIDITY_MS, so a GRANT or REVOKE made through another node may
 * take that long to show; the node that ran it forgets its cache at once.
 */
export class CassandraAuthorizer {
  private readonly cache = new Map<string, { readonly permissions: ReadonlySet<Permission>; readonly readAtMs: number }>();

  constructor(private readonly store: AuthStore, private readonly roles: RoleManager, private readonly clock: Clock) {}

  /** What `role` may do on `resource` itself (not its parents), cached (IAuthorizer.authorize through the cache). */
  async authorize(role: string, resource: Resource): Promise<ReadonlySet<Permission>> {
    const key = `${role}\u0000${resourceName(resource)}`;
    const now = this.clock.nowMs();
    const cached = this.cache.get(key);
    if (cached !== undefined && now - cached.readAtMs < PERMISSIONS_VALIDITY_MS) return cached.permissions;
    const permissions = await this.readPermissions(role, resource);
    this.cache.delete(key);
    if (this.cache.size >= PERMISSIONS_CACHE_MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, { permissions, readAtMs: now });
    return permissions;
  }

  /** Forgets every cached answer: this node's own GRANT, REVOKE and role changes show at once. */
  invalidate(): void {
    this.cache.clear();
  }

  async grant(permissions: readonly Permission[], resource: Resource, grantee: string): Promise<void> {
    await this.modifyRolePermissions(permissions, resource, grantee, '+');
    await this.store.execute(
      `INSERT INTO ${RESOURCE_ROLE_INDEX} (resource, role) VALUES (${literal(resourceName(resource))}, ${literal(grantee)})`, 'LOCAL_ONE',
    );
  }

  async revoke(permissions: readonly Permission[], resource: Resource, revokee: string): Promise<void> {
    await this.modifyRolePermissions(permissions, resource, revokee, '-');
    await this.store.execute(
      `DELETE FROM ${RESOURCE_ROLE_INDEX} WHERE resource = ${literal(resourceName(resource))} AND role = ${literal(revokee)}`, 'LOCAL_ONE',
    );
  }

  /** DROP ROLE: every permission granted to the role goes, and its entries in the index. */
  async revokeAllFrom(role: string): Promise<void> {
    const rows = await this.store.execute(`SELECT resource FROM ${ROLE_PERMISSIONS} WHERE role = ${literal(role)}`, 'LOCAL_ONE');
    const deletes = rows.map((row) => `DELETE FROM ${RESOURCE_ROLE_INDEX} WHERE resource = ${literal(String(row['resource']))} AND role = ${literal(role)}`);
    deletes.push(`DELETE FROM ${ROLE_PERMISSIONS} WHERE role = ${literal(role)}`);
    await this.loggedBatch(deletes);
  }

  /** DROP KEYSPACE / TABLE / FUNCTION / ROLE: every permission granted on the resource goes. */
  async revokeAllOn(resource: Resource): Promise<void> {
    const name = literal(resourceName(resource));
    const rows = await this.store.execute(`SELECT role FROM ${RESOURCE_ROLE_INDEX} WHERE resource = ${name}`, 'LOCAL_ONE');
    const deletes = rows.map((row) => `DELETE FROM ${ROLE_PERMISSIONS} WHERE role = ${literal(String(row['role']))} AND resource = ${name}`);
    deletes.push(`DELETE FROM ${RESOURCE_ROLE_INDEX} WHERE resource = ${name}`);
    await this.loggedBatch(deletes);
  }

  /**
   * The permissions among `permissions` granted on `resource` (any resource when null) to `grantee` and
   * the roles it inherits, or to every role when `grantee` is null (CassandraAuthorizer.list, whose
   * caller has checked who may see them).
   */
  async list(permissions: ReadonlySet<Permission>, resource: Resource | null, grantee: string | null): Promise<PermissionDetails[]> {
    const roles = grantee === null ? [null] : [...(await this.roles.getRoles(grantee, true))];
    const details: PermissionDetails[] = [];
    for (const role of roles) {
      const conditions: string[] = [];
      if (resource !== null) conditions.push(`resource = ${literal(resourceName(resource))}`);
      if (role !== null) conditions.push(`role = ${literal(role)}`);
      const where = conditions.length === 0 ? '' : ` WHERE ${conditions.join(' AND ')}${role === null ? ' ALLOW FILTERING' : ''}`;
      for (const row of await this.store.execute(`SELECT role, resource, permissions FROM ${ROLE_PERMISSIONS}${where}`, 'LOCAL_ONE')) {
        const on = resourceFromName(String(row['resource']));
        if (on === null) continue;
        for (const permission of permissionsOf(row['permissions'])) {
          if (permissions.has(permission)) details.push({ grantee: String(row['role']), resource: on, permission });
        }
      }
    }
    return details;
  }

  private async readPermissions(role: string, resource: Resource): Promise<ReadonlySet<Permission>> {
    const details = await this.roles.getRoleDetails(role, true);
    if (details.some((r) => r.isSuper)) return new Set(applicablePermissions(resource));
    const permissions = new Set<Permission>();
    const name = literal(resourceName(resource));
    for (const r of details) {
      const rows = await this.store.execute(
        `SELECT permissions FROM ${ROLE_PERMISSIONS} WHERE role = ${literal(r.name)} AND resource = ${name}`, 'LOCAL_ONE',
      );
      for (const permission of permissionsOf(rows[0]?.['permissions'])) permissions.add(permission);
    }
    return permissions;
  }

  private async modifyRolePermissions(permissions: readonly Permission[], resource: Resource, role: string, op: '+' | '-'): Promise<void> {
    await this.store.execute(
      `UPDATE ${ROLE_PERMISSIONS} SET permissions = permissions ${op} {${permissions.map(literal).join(', ')}} `
      + `WHERE role = ${literal(role)} AND resource = ${literal(resourceName(resource))}`,
      'LOCAL_ONE',
    );
  }

  private async loggedBatch(statements: readonly string[]): Promise<void> {
    await this.store.execute(`BEGIN BATCH ${statements.join('; ')}; APPLY BATCH`, 'LOCAL_ONE');
  }
}

const KNOWN: ReadonlySet<string> = new Set(PERMISSIONS);

function permissionsOf(value: unknown): Permission[] {
  return Array.isArray(value) ? value.map(String).filter((p): p is Permission => KNOWN.has(p)) : [];
}

/** A CQL string literal. */
function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
