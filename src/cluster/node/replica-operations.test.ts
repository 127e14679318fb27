import { afterEach, describe, expect, it } from 'vitest';
import { requestContext, type TraceSession } from '../../common/index.js';
import { ConsistencyLevel, ReadFailureError, RequestFailureReason } from '../../errors/index.js';
import { ALL, cell, int, mutation, row, testTable, tombstoneCell, update } from '../../data/testing/fixtures.js';
import type { SinglePartitionReadCommand } from '../../data/index.js';
import { native } from '../../types/index.js';
import type { Cluster } from '../cluster.js';
import { runUntilSettled, virtualCluster } from '../testing/virtual-cluster.js';

const table = testTable({ clustering: [['c', native('int'), 'asc']] });
const thresholds = { tombstoneWarnThreshold: 3, tombstoneFailureThreshold: 6 };

let cluster: Cluster;
afterEach(() => cluster?.close());

/** Partition 1 on every replica: `dead` cells deleted now (not purgeable yet) and one live row. */
async function partitionWithTombstones(dead: number): Promise<void> {
  const rows = Array.from({ length: dead }, (_, i) => row([int(i)], { v: tombstoneCell(5, cluster.clock.nowSeconds()) }));
  rows.push(row([int(dead)], { v: cell('live', 5) }));
  await runUntilSettled(cluster, cluster.node(1).mutate([mutation(update(table, int(1), { rows }))], ConsistencyLevel.ALL, 'SIMPLE'));
}

const read: SinglePartitionReadCommand = {
  kind: 'single', table, key: int(1), token: 1n, filter: { kind: 'slices', slices: [ALL], reversed: false }, nowInSec: 100, rowLimit: 5000,
};

function recordingTrace(): TraceSession & { events: string[] } {
  const events: string[] = [];
  return { sessionId: Buffer.alloc(16, 1), events, trace: (a) => events.push(a), begin: () => undefined };
}

describe('tombstone thresholds on reads', () => {
  it('warn the client when the coordinator read them itself, and trace the count', async () => {
    cluster = await virtualCluster(1, 1, [table], 1, thresholds);
    await partitionWithTombstones(4);
    const trace = recordingTrace();
    const request = requestContext(trace);
    await runUntilSettled(cluster, cluster.node(1).read(read, ConsistencyLevel.ONE, request));
    expect(request.warnings).toEqual([
      'Read 1 live rows and 4 tombstone cells for query SELECT * FROM ks.t WHERE pk = 1 LIMIT 5000; token 1 (see tombstone_warn_threshold)',
    ]);
    expect(trace.events).toContain('Read 1 live rows and 4 tombstone cells (see tombstone_warn_threshold)');
  });

  it('leave no warning when another node read them (read_thresholds_enabled is off in 4.1)', async () => {
    cluster = await virtualCluster(2, 1, [table], 1, thresholds);
    await partitionWithTombstones(4);
    const replica = cluster.placement('ks', 1n, cluster.node(1)).replicas[0]!.id;
    const coordinator = cluster.nodes.find((n) => n.identity.id !== replica)!;
    const request = requestContext(null);
    await runUntilSettled(cluster, coordinator.read(read, ConsistencyLevel.ONE, request));
    expect(request.warnings).toBeNull();
  });

  it('fail the read past the failure threshold with READ_TOO_MANY_TOMBSTONES, locally or on a replica', async () => {
    cluster = await virtualCluster(2, 1, [table], 1, thresholds);
    await partitionWithTombstones(7);
    const replica = cluster.placement('ks', 1n, cluster.node(1)).replicas[0]!;
    for (const coordinator of cluster.nodes) {
      const error = await runUntilSettled(cluster, coordinator.read(read, ConsistencyLevel.ONE, requestContext(null))).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ReadFailureError);
      expect(error).toMatchObject({
        consistency: ConsistencyLevel.ONE, received: 0, blockFor: 1, dataPresent: false,
        failures: [{ code: RequestFailureReason.READ_TOO_MANY_TOMBSTONES, endpoint: `/${replica.address}:7000` }],
        message: `Operation failed - received 0 responses and 1 failures: READ_TOO_MANY_TOMBSTONES from /${replica.address}:7000`,
      });
    }
  });

  it('do not apply to the node-local system keyspaces', async () => {
    cluster = await virtualCluster(1, 1, [table], 1, { tombstoneWarnThreshold: 0, tombstoneFailureThreshold: 0 });
    const sizeEstimates = cluster.schema.keyspace('system')!.tables.get('size_estimates')!;
    const key = Buffer.from('ks');
    // Deleted now: gc_grace_seconds is 0 in the system keyspace, and the read (at second 100) comes before it.
    const deleted = row([Buffer.from('t'), Buffer.from('0'), Buffer.from('1')], { mean_partition_size: tombstoneCell(5, cluster.clock.nowSeconds()) });
    await runUntilSettled(cluster, cluster.node(1).mutate([mutation(update(sizeEstimates, key, { token: 0n, rows: [deleted] }))], ConsistencyLevel.ONE, 'SIMPLE'));
    const request = requestContext(null);
    const command = { ...read, table: sizeEstimates, key, token: 0n };
    await runUntilSettled(cluster, cluster.node(1).read(command, ConsistencyLevel.ONE, request));
    expect(request.warnings).toBeNull();
    // The same data seen as a user table's is over the thresholds.
    const asUserTable = cluster.node(1).read({ ...command, table: { ...sizeEstimates, keyspace: 'ks' } }, ConsistencyLevel.ONE, request);
    await expect(runUntilSettled(cluster, asUserTable)).rejects.toBeInstanceOf(ReadFailureError);
  });
});
