import { afterEach, describe, expect, it } from 'vitest';
import { TruncateError } from '../../errors/index.js';
import { cell, int, mutation, row, testTable, update } from '../../data/testing/fixtures.js';
import type { Cluster } from '../cluster.js';
import { runUntilSettled, virtualCluster } from '../testing/virtual-cluster.js';

const table = testTable();
const write = (key: number) => mutation(update(table, int(key), { rows: [row([], { v: cell(`v${key}`, 10) })] }));

let cluster: Cluster;
afterEach(() => cluster.close());

describe('TRUNCATE through the coordinator', () => {
  it('truncates every member and records when', async () => {
    cluster = await virtualCluster(3, 2, [table]);
    for (const node of cluster.nodes) node.applyLocally(write(1));
    cluster.advanceTime(5_000);
    await runUntilSettled(cluster, cluster.node(2).truncate(table));
    for (const node of cluster.nodes) {
      expect(node.storage.tableStats(table.id).partitionCount).toBe(0);
      expect(node.truncations.truncatedAt(table.id)).toBe(cluster.clock.nowMs());
    }
  });

  it('is refused while a member is down, as Unavailable at ALL over every node known', async () => {
    cluster = await virtualCluster(4, 2, [table]);
    await cluster.node(3).stop();
    await runUntilSettled(cluster, Promise.resolve());
    const error = await runUntilSettled(cluster, cluster.node(1).truncate(table)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TruncateError);
    expect((error as Error).message).toBe('Error during truncate: Cannot achieve consistency level ALL');
    expect(cluster.node(1).truncations.truncatedAt(table.id)).toBe(-Infinity);
  });

  it('times out after truncate_request_timeout when a member does not answer', async () => {
    cluster = await virtualCluster(3, 2, [table], 1, { truncateRequestTimeoutMs: 10_000 });
    cluster.network.addFilter({ verb: 'TRUNCATE', to: 3, action: 'drop' });
    const started = cluster.clock.nowMs();
    const error = await runUntilSettled(cluster, cluster.node(1).truncate(table), 100).catch((e: unknown) => e);
    expect((error as Error).message).toBe('Error during truncate: Truncate timed out - received only 2 responses');
    expect(cluster.clock.nowMs() - started).toBe(10_000);
  });
});
