import type { Cluster, Node } from '../../cluster/index.js';
import type { Logger } from './logger.js';

/**
 * Logs what happens to a cluster as it happens, from the events it already publishes: nodes changing
 * status (an error when their files stopped them), peers seen up or down by each node's gossip, nodes joining and leaving the ring, schema
 * changes. Returns the function that stops logging.
 */
export function logClusterEvents(cluster: Cluster, log: Logger): () => void {
  const detach: (() => void)[] = [];
  const follow = (node: Node): void => {
    const id = node.identity.id;
    const failed = (): void => log.error({ node: id, failure: node.storageFailure }, `node ${id} is down: ${node.storageFailure}`);
    // A node its files kept from starting (disk_failure_policy stop) was down before anything listened.
    if (node.status === 'down' && node.storageFailure !== null) failed();
    detach.push(
      node.onStatusChange((status) => {
        if (status === 'down' && node.storageFailure !== null) failed();
        else log.info({ node: id, status }, `node ${id} is ${status}`);
      }),
      node.onPeerStatusChange((peer, alive) => {
        const state = alive ? 'UP' : 'DOWN';
        log.debug({ node: id, peer: peer.identity.id, state }, `node ${id} sees node ${peer.identity.id} ${state}`);
      }),
    );
  };
  cluster.nodes.forEach(follow);
  detach.push(
    cluster.onTopologyChange((event) => {
      const id = event.node.identity.id;
      if (event.change === 'NEW_NODE') {
        follow(event.node);
        log.info({ node: id, address: event.node.identity.address }, `node ${id} joined the ring`);
      } else {
        log.info({ node: id }, `node ${id} left the ring`);
      }
    }),
    cluster.onSchemaChange((change) => {
      const name = change.name === null ? change.keyspace : `${change.keyspace}.${change.name}`;
      log.info({ change: change.change, target: change.target, name }, `schema: ${change.change} ${change.target} ${name}`);
    }),
  );
  return () => {
    for (const d of detach) d();
  };
}
