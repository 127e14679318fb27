import { InvalidRequestError } from '../errors/index.js';
import type { SeededRandom } from '../common/index.js';
import type { RoleOptions } from '../cql/index.js';
import type { AuthConsistency, AuthRow, AuthStore } from './auth-store.js';
import { hashPassword } from './password-hash.js';
import type { Role } from './role.js';

/** The role every cluster starts with, and its password (CassandraRoleManager). */
export const DEFAULT_SUPERUSER_NAME = 'cassandra';
export const DEFAULT_SUPERUSER_PASSWORD = 'cassandra';

const ROLES = 'system_auth.roles';
const ROLE_MEMBERS = 'system_auth.role_members';

/** The role options a role manager accepts (IRoleManager.Option), as its error messages name them. */
export type RoleOption = 'SUPERUSER' | 'LOGIN' | 'PASSWORD' | 'HASHED_PASSWORD' | 'OPTIONS';

/**
 * Cassandra's CassandraRoleManager: roles in system_auth.roles (flags, salted hash, the roles granted to
 * each) and system_auth.role_members (the members of each role), read and written as CQL through the
 * node's storage, so every node sees the same roles. The default superuser's rows are read and written at
 * QUORUM, every other role's at LOCAL_ONE. Nothing is cached: each question reads the tables.
 */
export class RoleManager {
  /** With PasswordAuthenticator roles have passwords; without, PASSWORD is an unsupported option. */
  readonly supportedOptions: ReadonlySet<RoleOption>;
  /** What a role may change of itself without superuser status (IRoleManager.alterableOptions). */
  readonly alterableOptions: ReadonlySet<RoleOption>;

  constructor(private readonly store: AuthStore, private readonly random: SeededRandom, passwords: boolean) {
    this.supportedOptions = new Set<RoleOption>(passwords ? ['LOGIN', 'SUPERUSER', 'PASSWORD', 'HASHED_PASSWORD'] : ['LOGIN', 'SUPERUSER']);
    this.alterableOptions = new Set<RoleOption>(passwords ? ['PASSWORD', 'HASHED_PASSWORD'] : []);
  }

  /** The role named `name`, or null when there is none. */
  async getRole(name: string): Promise<Role | null> {
    const rows = await this.store.execute(`SELECT * FROM ${ROLES} WHERE role = ${literal(name)}`, consistencyForRole(name));
    const row = rows[0];
    return row === undefined ? null : roleOf(row);
  }

  async isExistingRole(name: string): Promise<boolean> {
    return (await this.getRole(name)) !== null;
  }

  /** The stored bcrypt hash of a role's password, or null when the role does not exist or has none. */
  async saltedHash(name: string): Promise<string | null> {
    const rows = await this.store.execute(`SELECT salted_hash FROM ${ROLES} WHERE role = ${literal(name)}`, consistencyForRole(name));
    const hash = rows[0]?.['salted_hash'];
    return typeof hash === 'string' ? hash : null;
  }

  async createRole(name: string, options: RoleOptions): Promise<void> {
    const hash = await this.hashOf(options);
    const columns = ['role', 'is_superuser', 'can_login', ...(hash === null ? [] : ['salted_hash'])];
    const values = [literal(name), String(options.superuser ?? false), String(options.login ?? false), ...(hash === null ? [] : [literal(hash)])];
    await this.store.execute(`INSERT INTO ${ROLES} (${columns.join(', ')}) VALUES (${values.join(', ')})`, consistencyForRole(name));
  }

  async alterRole(name: string, options: RoleOptions): Promise<void> {
    const assignments: string[] = [];
    if (options.login !== undefined) assignments.push(`can_login = ${options.login}`);
    if (options.superuser !== undefined) assignments.push(`is_superuser = ${options.superuser}`);
    const hash = await this.hashOf(options);
    if (hash !== null) assignments.push(`salted_hash = ${literal(hash)}`);
    if (assignments.length === 0) return;
    await this.store.execute(`UPDATE ${ROLES} SET ${assignments.join(', ')} WHERE role = ${literal(name)}`, consistencyForRole(name));
  }

  /** Drops a role and every membership in it: its members no longer inherit it. */
  async dropRole(name: string): Promise<void> {
    await this.store.execute(`DELETE FROM ${ROLES} WHERE role = ${literal(name)}`, consistencyForRole(name));
    const members = await this.store.execute(`SELECT member FROM ${ROLE_MEMBERS} WHERE role = ${literal(name)}`, consistencyForRole(name));
    if (members.length === 0) return;
    for (const row of members) await this.modifyMembership(String(row['member']), name, '-');
    await this.store.execute(`DELETE FROM ${ROLE_MEMBERS} WHERE role = ${literal(name)}`, consistencyForRole(name));
  }

  /** Grants `role` to `grantee`, refusing what would make a role a member of itself, directly or in a cycle. */
  async grantRole(role: string, grantee: string): Promise<void> {
    if ((await this.getRoles(grantee, true)).has(role)) throw new InvalidRequestError(`${grantee} is a member of ${role}`);
    if ((await this.getRoles(role, true)).has(grantee)) throw new InvalidRequestError(`${role} is a member of ${grantee}`);
    await this.modifyMembership(grantee, role, '+');
    await this.store.execute(`INSERT INTO ${ROLE_MEMBERS} (role, member) VALUES (${literal(role)}, ${literal(grantee)})`, consistencyForRole(role));
  }

  async revokeRole(role: string, revokee: string): Promise<void> {
    if (!(await this.getRoles(revokee, false)).has(role)) throw new InvalidRequestError(`${revokee} is not a member of ${role}`);
    await this.modifyMembership(revokee, role, '-');
    await this.store.execute(`DELETE FROM ${ROLE_MEMBERS} WHERE role = ${literal(role)} AND member = ${literal(revokee)}`, consistencyForRole(role));
  }

  /** The roles `grantee` has: itself, the roles granted to it, and with `includeInherited` theirs too. */
  async getRoles(grantee: string, includeInherited: boolean): Promise<Set<string>> {
    return new Set((await this.getRoleDetails(grantee, includeInherited)).map((r) => r.name));
  }

  /** The Role rows behind getRoles, breadth first; a granted role that no longer exists is left out. */
  async getRoleDetails(grantee: string, includeInherited: boolean): Promise<Role[]> {
    const root = await this.getRole(grantee);
    if (root === null) return [];
    const found = [root];
    const seen = new Set([root.name]);
    let granted = root.memberOf;
    while (granted.length > 0) {
      const next: string[] = [];
      for (const name of granted) {
        if (seen.has(name)) continue;
        seen.add(name);
        const role = await this.getRole(name);
        if (role === null) continue;
        found.push(role);
        if (includeInherited) next.push(...role.memberOf);
      }
      granted = next;
    }
    return found;
  }

  /** Whether the role or any role it inherits is a superuser (Roles.hasSuperuserStatus). */
  async hasSuperuserStatus(name: string): Promise<boolean> {
    return (await this.getRoleDetails(name, true)).some((r) => r.isSuper);
  }

  async getAllRoles(): Promise<Set<string>> {
    const rows = await this.store.execute(`SELECT role FROM ${ROLES}`, 'QUORUM');
    return new Set(rows.map((r) => String(r['role'])));
  }

  /**
   * Creates the default superuser cassandra/cassandra unless some role exists (setupDefaultRole). It is
   * written at timestamp 0, so that any later change to it wins, whichever node wrote it first.
   */
  async setupDefaultRole(): Promise<void> {
    const role = literal(DEFAULT_SUPERUSER_NAME);
    const exists = (await this.store.execute(`SELECT role FROM ${ROLES} WHERE role = ${role}`, 'ONE')).length > 0
      || (await this.store.execute(`SELECT role FROM ${ROLES} LIMIT 1`, 'QUORUM')).length > 0;
    if (exists) return;
    const hash = await hashPassword(DEFAULT_SUPERUSER_PASSWORD, this.random);
    await this.store.execute(
      `INSERT INTO ${ROLES} (role, is_superuser, can_login, salted_hash) VALUES (${role}, true, true, ${literal(hash)}) USING TIMESTAMP 0`,
      'QUORUM',
    );
  }

  private async hashOf(options: RoleOptions): Promise<string | null> {
    if (options.password !== undefined) return hashPassword(options.password, this.random);
    return options.hashedPassword ?? null;
  }

  /** Adds (+) or removes (−) `role` in the member_of set of `grantee`. */
  private async modifyMembership(grantee: string, role: string, op: '+' | '-'): Promise<void> {
    await this.store.execute(
      `UPDATE ${ROLES} SET member_of = member_of ${op} {${literal(role)}} WHERE role = ${literal(grantee)}`, consistencyForRole(grantee),
    );
  }
}

/** The default superuser is read and written at QUORUM, every other role at LOCAL_ONE. */
export function consistencyForRole(role: string): AuthConsistency {
  return role === DEFAULT_SUPERUSER_NAME ? 'QUORUM' : 'LOCAL_ONE';
}

/** A CQL string literal. */
function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

function roleOf(row: AuthRow): Role {
  const memberOf = row['member_of'];
  return {
    name: String(row['role']),
    isSuper: row['is_superuser'] === true,
    canLogin: row['can_login'] === true,
    memberOf: Array.isArray(memberOf) ? memberOf.map(String) : [],
  };
}
