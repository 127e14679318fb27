/** The consistency levels role data is read and written at (CassandraRoleManager.consistencyForRole). */
export type AuthConsistency = 'ONE' | 'LOCAL_ONE' | 'QUORUM';

/** A row of a system_auth table: each column's value (text → string, boolean, set → array). */
export type AuthRow = { readonly [column: string]: unknown };

/**
 * How the role manager reaches the system_auth tables: CQL run on its node through the normal storage
 * (the coordinator, replication, consistency), as Cassandra's CassandraRoleManager runs it through
 * QueryProcessor. Implemented by the query layer, so that every node of a cluster shares the roles.
 */
export interface AuthStore {
  execute(cql: string, consistency: AuthConsistency): Promise<readonly AuthRow[]>;
}
