import type { NodeStatus } from '../node/node-identity.js';
import type { ControlledCluster, ControlledNode } from './controlled-cluster.js';

/** Turns of the event loop given to gossip to converge: each exchange (heartbeat, echo, reply) takes one or two. */
const MAX_CONVERGENCE_TURNS = 50;

/**
 * Brings every node to the status `target` gives it (starting, resuming, stopping or pausing it), then
 * has every live node gossip at once, so that live nodes which can reach each other see each other up
 * without waiting for a gossip round, and waits for the nodes it stopped to be seen down (their stop is
 * announced). No timer has to fire, so this never waits on a virtual clock; what the network keeps from
 * converging (a partition, latency) is left to gossip, after a bounded number of turns of the event loop.
 */
export async function bringNodesTo(cluster: ControlledCluster, target: (node: ControlledNode) => NodeStatus): Promise<void> {
  const stopped: ControlledNode[] = [];
  for (const node of cluster.nodes) {
    const status = target(node);
    if (status === 'down' && node.status !== 'down') stopped.push(node);
    await transition(node, status);
  }
  for (const node of cluster.nodes) if (node.status === 'up') node.gossiper.gossipNow();
  for (let turn = 0; turn < MAX_CONVERGENCE_TURNS && !converged(cluster, stopped); turn++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function transition(node: ControlledNode, status: NodeStatus): Promise<void> {
  if (node.status === status) return;
  if (status === 'down') {
    // Thawed first, so that the stop is announced and peers see the node down at once.
    if (node.status === 'paused') await node.resume();
    await node.stop();
    return;
  }
  if (node.status === 'paused') await node.resume();
  else await node.start();
  if (status === 'paused') await node.pause();
}

/** Whether every live node sees every other live node it can reach (both ways) as up, and the nodes just stopped as down. */
function converged(cluster: ControlledCluster, stopped: readonly ControlledNode[]): boolean {
  const live = cluster.nodes.filter((n) => n.status === 'up');
  return live.every((a) => stopped.every((b) => !a.isAlive(b.identity.id)) && live.every((b) => {
    const [x, y] = [a.identity.id, b.identity.id];
    return a.isAlive(y) || !cluster.network.canReach(x, y) || !cluster.network.canReach(y, x);
  }));
}
