import { DISTRIBUTED_KEYSPACE, Schema, schemaChanges, SYSTEM_KEYSPACE, TRACES_KEYSPACE } from '../../schema/index.js';
import type { NetworkFaults } from '../network/index.js';
import type { ControlledCluster } from './controlled-cluster.js';
import { bringNodesTo } from './node-states.js';

/** A network without partition, link settings or filters. */
export const HEALTHY_NETWORK: NetworkFaults = { partition: null, links: [], filters: [] };

/**
 * Back to a new cluster of the same nodes: the schema of a new cluster (user keyspaces dropped, system
 * keyspaces as they were created, clients told of each change as a schema pull would tell them), no
 * traces nor view build records, hints, batches, Paxos state, primes or activity records, the configured trace probability, every registered piece of
 * test state cleared (reset hooks), every node up and seen up by the others, the network whole and
 * perfect, messages in flight between nodes lost. Connections stay open; time does not go back.
 */
export async function resetCluster(cluster: ControlledCluster): Promise<void> {
  await cluster.exclusively('reset', async () => {
    cluster.primes.clear();
    cluster.network.discardInFlight();
    cluster.network.restoreFaults(HEALTHY_NETWORK);
    const before = cluster.schema;
    const after = Schema.initial();
    cluster.installSchema(after, schemaChanges(before, after));
    // Traces go, and the build records of the views that went with the user keyspaces.
    const traces = [
      ...(after.keyspace(TRACES_KEYSPACE)?.tables.values() ?? []),
      ...[after.table(SYSTEM_KEYSPACE, 'built_views'), after.table(DISTRIBUTED_KEYSPACE, 'view_build_status')].filter((t) => t !== undefined),
    ];
    for (const node of cluster.nodes) {
      for (const table of traces) node.storage.truncate(table.id);
      node.hints.restore(new Map());
      node.batchlog.restore(new Map());
      node.paxos.restore(new Map());
      node.setTraceProbability(cluster.config.traceProbability);
    }
    await cluster.resetHooks.run();
    await bringNodesTo(cluster, () => 'up');
    // Last, so that the log starts with what comes after the reset.
    cluster.activity.clear();
  });
}
