import type { ClusterConfig } from '../config/index.js';
import { Cluster } from './cluster.js';
import type { NodeIdentity } from './node/node-identity.js';

/**
 * Who the nodes of a cluster started with `config` are (ids, addresses, host ids, tokens, places),
 * without starting anything: the cluster is built as startCluster builds it, read, and closed.
 */
export function plannedIdentities(config: ClusterConfig): NodeIdentity[] {
  const cluster = new Cluster(config);
  cluster.close();
  return cluster.nodes.map((n) => n.identity);
}
