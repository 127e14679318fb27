import { UnauthorizedError } from '../errors/index.js';
import type { Permission } from '../cql/index.js';
import type { AuthenticatedUser } from './authenticated-user.js';
import type { CassandraAuthorizer } from './cassandra-authorizer.js';
import { applicablePermissions, resourceChain, resourceText, type Resource } from './resources.js';

/** Keyspaces on this node alone: no DDL on them at all (SchemaConstants.isLocalSystemKeyspace). */
const LOCAL_SYSTEM_KEYSPACES: ReadonlySet<string> = new Set(['system', 'system_schema', 'system_views', 'system_virtual_schema']);
/** Replicated system keyspaces: only their replication may be altered. */
const REPLICATED_SYSTEM_KEYSPACES: ReadonlySet<string> = new Set(['system_auth', 'system_distributed', 'system_traces']);
/** Tables every logged-in role may read, as drivers and tools need them (ClientState.READABLE_SYSTEM_RESOURCES). */
const READABLE_SYSTEM_TABLES: ReadonlySet<string> = new Set(['system/local', 'system/peers', 'system/peers_v2']);
const READABLE_SYSTEM_KEYSPACES: ReadonlySet<string> = new Set(['system_schema', 'system_virtual_schema']);
/** The authorizer's and role manager's own tables: their schema cannot change (PROTECTED_AUTH_RESOURCES). */
const PROTECTED_AUTH_TABLES: ReadonlySet<string> = new Set(['roles', 'role_members', 'role_permissions']);

/**
 * Cassandra's ClientState permission checks for one user under CassandraAuthorizer: a permission held on a
 * resource or any of its parents, with the system keyspaces' rules. The system user passes everything.
 */
export class AccessControl {
  constructor(readonly user: AuthenticatedUser, readonly authorizer: CassandraAuthorizer) {}

  /** ClientState.ensurePermission: `perm` on the resource or one of its parents. */
  async ensurePermission(perm: Permission, resource: Resource): Promise<void> {
    if (this.user.isSystem) return;
    this.ensureLoggedIn();
    // Built-in functions are open to everyone.
    if ((resource.kind === 'function' || resource.kind === 'keyspaceFunctions') && resource.keyspace === 'system') return;
    for (const r of resourceChain(resource)) {
      if ((await this.authorizer.authorize(this.user.name, r)).has(perm)) return;
    }
    throw new UnauthorizedError(`User ${this.user.name} has no ${perm} permission on ${resourceText(resource)} or any of its parents`);
  }

  async hasPermission(perm: Permission, resource: Resource): Promise<boolean> {
    try {
      await this.ensurePermission(perm, resource);
      return true;
    } catch (e) {
      if (e instanceof UnauthorizedError) return false;
      throw e;
    }
  }

  ensureAllKeyspacesPermission(perm: Permission): Promise<void> {
    return this.ensurePermission(perm, { kind: 'allKeyspaces' });
  }

  ensureKeyspacePermission(keyspace: string, perm: Permission): Promise<void> {
    return this.ensureDataPermission(keyspace, perm, { kind: 'keyspace', keyspace });
  }

  ensureTablePermission(keyspace: string, table: string, perm: Permission): Promise<void> {
    return this.ensureDataPermission(keyspace, perm, { kind: 'table', keyspace, table });
  }

  /**
   * The creator of a keyspace, table, function or role gets every permission applicable to it
   * (grantPermissionsToCreator); the system user and anonymous get nothing.
   */
  async grantPermissionsToCreator(resource: Resource): Promise<void> {
    if (this.user.kind !== 'role') return;
    await this.authorizer.grant(applicablePermissions(resource), resource, this.user.name);
  }

  private async ensureDataPermission(keyspace: string, perm: Permission, resource: Resource): Promise<void> {
    if (this.user.isSystem) return;
    this.ensureLoggedIn();
    preventSystemKeyspaceSchemaModification(keyspace, resource, perm);
    if (resource.kind === 'table') {
      if (perm === 'SELECT' && (READABLE_SYSTEM_KEYSPACES.has(keyspace) || READABLE_SYSTEM_TABLES.has(`${keyspace}/${resource.table}`))) return;
      if (keyspace === 'system_auth' && PROTECTED_AUTH_TABLES.has(resource.table) && (perm === 'CREATE' || perm === 'ALTER' || perm === 'DROP')) {
        throw new UnauthorizedError(`${resourceText(resource)} schema is protected`);
      }
    }
    await this.ensurePermission(perm, resource);
  }

  private ensureLoggedIn(): void {
    if (this.user.isAnonymous) throw new UnauthorizedError('You have not logged in');
  }
}

/** ClientState.preventSystemKSSchemaModification: DDL on system keyspaces is refused to everyone but the system. */
function preventSystemKeyspaceSchemaModification(keyspace: string, resource: Resource, perm: Permission): void {
  if (perm !== 'ALTER' && perm !== 'DROP' && perm !== 'CREATE') return;
  if (LOCAL_SYSTEM_KEYSPACES.has(keyspace)) throw new UnauthorizedError(`${keyspace} keyspace is not user-modifiable.`);
  if (REPLICATED_SYSTEM_KEYSPACES.has(keyspace)) {
    if (perm === 'ALTER' && resource.kind === 'keyspace') return;
    throw new UnauthorizedError(`Cannot ${perm} ${resourceText(resource)}`);
  }
}
