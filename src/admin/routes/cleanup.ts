import { conflict } from '../admin-error.js';
import { existingNode } from '../node-view.js';
import { route, type AdminRoute } from '../route.js';
import { NODE_ID, object } from '../schemas.js';

/** nodetool cleanup: nodes drop the partitions they no longer replicate (after a node joined). */
export const cleanupRoutes: readonly AdminRoute[] = [
  route<unknown, unknown, { readonly node?: number } | undefined>({
    method: 'POST', url: '/cleanup', tag: 'cleanup', summary: 'Drops, on one node or every member, the partitions it no longer replicates',
    body: object({ node: { ...NODE_ID, description: 'default: every member of the ring' } }),
    response: object({ droppedPartitions: { type: 'integer', minimum: 0 } }, ['droppedPartitions']), errors: [404],
    handle: ({ cluster, operations }, { body }) => {
      if (body?.node !== undefined) existingNode(cluster, body.node);
      return { droppedPartitions: operations.cleanup(body?.node) };
    },
  }),
  ...(['flush', 'compact'] as const).map((operation) => route<unknown, unknown, { readonly node?: number } | undefined>({
    method: 'POST', url: `/${operation}`, tag: 'cleanup',
    summary: operation === 'flush'
      ? 'nodetool flush on one node or every node: each memtable written to an SSTable (a cluster with a data folder)'
      : 'nodetool compact on one node or every node: flushed, then each table\'s SSTables compacted into one',
    body: object({ node: { ...NODE_ID, description: 'default: every node' } }),
    response: object({}, []), errors: [404, 409],
    handle: async ({ cluster, operations }, { body }) => {
      if (body?.node !== undefined) existingNode(cluster, body.node);
      try {
        await operations[operation](body?.node);
      } catch (e) {
        // A node whose files failed stopped (disk_failure_policy): the cluster's state, not the server's fault.
        const stopped = cluster.nodes.find((n) => (body?.node === undefined || n.identity.id === body.node) && n.storageFailure !== null);
        if (stopped !== undefined) throw conflict(`Node ${stopped.identity.id} stopped: ${stopped.storageFailure}`);
        throw e;
      }
      return {};
    },
  })),
];
