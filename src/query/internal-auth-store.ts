import { requestContext } from '../common/index.js';
import { ConsistencyLevel } from '../errors/index.js';
import type { Node } from '../cluster/index.js';
import { RoleManager, type AuthConsistency, type AuthRow, type AuthStore } from '../auth/index.js';
import { rowsOf } from './node-session.js';
import { QueryProcessor, type ClientState, type RequestParameters } from './query-processor.js';

const PROTOCOL_VERSION = 4;

/**
 * The system_auth tables as the role manager reaches them: its CQL runs on the node like any client's
 * (coordinator, replicas, consistency), as the system user, with a processor of its own.
 */
export class InternalAuthStore implements AuthStore {
  private processor: QueryProcessor | null = null;

  constructor(private readonly node: Node) {}

  async execute(cql: string, consistency: AuthConsistency): Promise<readonly AuthRow[]> {
    this.processor ??= new QueryProcessor(this.node);
    const state: ClientState = { keyspace: null };
    const params: RequestParameters = {
      consistency: ConsistencyLevel[consistency], serialConsistency: ConsistencyLevel.SERIAL, values: [], valueNames: null,
      skipMetadata: false, pageSize: null, pagingState: null, timestamp: null, keyspace: null, nowInSeconds: null,
    };
    const result = await this.processor.query(cql, params, state, PROTOCOL_VERSION, requestContext(null));
    return rowsOf(result).rows;
  }
}

/**
 * CassandraRoleManager's set-up, run once as a cluster starts: the default superuser cassandra/cassandra
 * is created unless some role exists already (a cluster started again from its data folder keeps its roles).
 */
export function setupDefaultRole(node: Node): Promise<void> {
  return new RoleManager(new InternalAuthStore(node), node.random, true).setupDefaultRole();
}
