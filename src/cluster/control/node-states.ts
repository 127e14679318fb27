import type { NodeStatus } from '../node/node.js';
import type { ControlledCluster, ControlledNode } from './controlled-cluster.js';

/** Turns of the event loop given to gossip to converge: each exchange (heartbeat, echo, reply) takes one or two. */
const MAX_CONVERGENCE_TURNS = 50;

/**
 * Brings every node to the status `target` gives it (starting, resuming, stopping or pausing it), then
 * has every live node gossip at once, so that live nodes which can reach each other see each other up
 * without waiting for a gossip round: no timer has to fire, so this never waits on a virtual clock.
 */
export async function bringNodesTo(cluster: ControlledCluster, target: (node: ControlledNode) => NodeStatus): Promise<void> {
  for (const node of cluster.nodes) await transition(node, target(node));
  for (const node of cluster.nodes) if (node.status === 'up') node.gossiper.gossipNow();
  for (let turn = 0; turn < MAX_CONVERGENCE_TURNS && !converged(cluster); turn++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function transition(node: ControlledNode, status: NodeStatus): Promise<void> {
  if (node.status === status) return;
  if (status === 'down') {
    await node.stop();
    return;
  }
  if (node.status === 'paused') await node.resume();
  else await node.start();
  if (status === 'paused') await node.pause();
}

/** Whether every live node sees every other live node it can reach (both ways) as up. */
function converged(cluster: ControlledCluster): boolean {
  const live = cluster.nodes.filter((n) => n.status === 'up');
  return live.every((a) => live.every((b) => {
    const [x, y] = [a.identity.id, b.identity.id];
    return a.isAlive(y) || !cluster.network.canReach(x, y) || !cluster.network.canReach(y, x);
  }));
}
