import { afterEach, describe, expect, it } from 'vitest';
import { ConsistencyLevel, UnavailableError, WriteTimeoutError } from '../../errors/index.js';
import type { Mutation } from '../../data/index.js';
import { ALL, cell, int, mutation, row, testTable, update } from '../../data/testing/fixtures.js';
import type { Cluster, Node } from '../cluster.js';
import { runUntilSettled, virtualCluster } from '../testing/virtual-cluster.js';

const table = testTable();
const { ONE, QUORUM, ALL: ALL_LEVEL, TWO } = ConsistencyLevel;
const write = (key: number): Mutation => mutation(update(table, int(key), { rows: [row([], { v: cell(`v${key}`, 10) })] }));
const batch = [write(1), write(2)];

function holds(node: Node, key: number): boolean {
  return node.storage.read({
    kind: 'single', table, key: int(key), token: BigInt(key), filter: { kind: 'slices', slices: [ALL], reversed: false }, nowInSec: 0, rowLimit: Infinity,
  }).length > 0;
}

let cluster: Cluster;
afterEach(() => cluster.close());

describe('logged batches through the batchlog', () => {
  it('stores the batch on the two other nodes and removes it once the mutations met the level', async () => {
    cluster = await virtualCluster(3, 3, [table]);
    await runUntilSettled(cluster, cluster.node(1).mutateAtomically(batch, QUORUM));
    await runUntilSettled(cluster, Promise.resolve());
    expect(cluster.node(1).batchlog.stats.stored).toBe(0);
    for (const id of [2, 3]) {
      expect(cluster.node(id).batchlog.stats).toEqual({ stored: 1, removed: 1, replayed: 0 });
      expect(cluster.node(id).batchlog.pendingCount).toBe(0);
    }
    for (const node of cluster.nodes) expect(holds(node, 1) && holds(node, 2)).toBe(true);
  });

  it('replays a batch whose coordinator never removed it, after twice the write timeout', async () => {
    cluster = await virtualCluster(3, 3, [table]);
    const dropMutations = cluster.network.addFilter({ verb: 'MUTATION', from: 1, action: 'drop' });
    const error = await runUntilSettled(cluster, cluster.node(1).mutateAtomically(batch, ALL_LEVEL)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WriteTimeoutError);
    expect(error).toMatchObject({ consistency: ALL_LEVEL, received: 1, blockFor: 3, writeType: 'BATCH' });
    dropMutations();
    expect(holds(cluster.node(2), 1)).toBe(false);
    expect(cluster.node(2).batchlog.pendingCount).toBe(1);
    await runUntilSettled(cluster, new Promise((resolve) => cluster.scheduler.schedule(2 * 2000, () => resolve(null))));
    await runUntilSettled(cluster, Promise.resolve());
    for (const id of [2, 3]) {
      expect(cluster.node(id).batchlog.stats.replayed).toBe(1);
      expect(cluster.node(id).batchlog.pendingCount).toBe(0);
    }
    for (const node of cluster.nodes) expect(holds(node, 1) && holds(node, 2)).toBe(true);
  });

  it('is Unavailable at TWO when no other node of the data center is alive to keep the batch', async () => {
    cluster = await virtualCluster(3, 3, [table]);
    await cluster.node(2).stop();
    await cluster.node(3).stop();
    await runUntilSettled(cluster, Promise.resolve());
    const error = await runUntilSettled(cluster, cluster.node(1).mutateAtomically(batch, ONE)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error).toMatchObject({ consistency: TWO, required: 2, alive: 0 });
  });

  it('times the batchlog write out with writeType BATCH_LOG when the batchlog nodes do not answer', async () => {
    cluster = await virtualCluster(3, 3, [table]);
    cluster.network.addFilter({ verb: 'BATCH_STORE', action: 'drop' });
    const error = await runUntilSettled(cluster, cluster.node(1).mutateAtomically(batch, ONE)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WriteTimeoutError);
    expect(error).toMatchObject({ consistency: TWO, received: 0, blockFor: 2, writeType: 'BATCH_LOG' });
    expect(holds(cluster.node(1), 1)).toBe(false);
  });

  it('keeps the batch in the coordinator itself in a one-node data center', async () => {
    cluster = await virtualCluster(1, 1, [table]);
    await runUntilSettled(cluster, cluster.node(1).mutateAtomically(batch, ONE));
    await runUntilSettled(cluster, Promise.resolve());
    expect(cluster.node(1).batchlog.stats).toEqual({ stored: 1, removed: 1, replayed: 0 });
  });
});

describe('batchlog images and dropped tables', () => {
  const other = testTable({ name: 'other' });
  const otherWrite = (key: number): Mutation => mutation(update(other, int(key), { rows: [row([], { v: cell(`o${key}`, 10) })] }));

  it('takes the mutations of dropped tables out of each batch, dropping batches left empty', async () => {
    cluster = await virtualCluster(1, 1, [table, other]);
    const batchlog = cluster.node(1).batchlog;
    const createdMs = cluster.clock.nowMs();
    batchlog.store({ id: Buffer.from('mixed'), createdMs, mutations: [write(1), otherWrite(2)] });
    batchlog.store({ id: Buffer.from('only-t'), createdMs, mutations: [write(3)] });
    batchlog.dropTables(new Set([table.id.toString('hex')]));
    expect([batchlog.has(Buffer.from('mixed')), batchlog.has(Buffer.from('only-t'))]).toEqual([true, false]);
    expect(batchlog.image().get(Buffer.from('mixed').toString('hex'))?.mutations.map((m) => m.updates[0]!.table.name)).toEqual(['other']);
  });

  it('replays a restored batch once due, as if stored when it was', async () => {
    cluster = await virtualCluster(3, 3, [table]);
    const batchlog = cluster.node(2).batchlog;
    batchlog.store({ id: Buffer.from('late'), createdMs: cluster.clock.nowMs(), mutations: [write(5)] });
    const image = batchlog.image();
    batchlog.remove(Buffer.from('late'));
    cluster.advanceTime(10_000);
    batchlog.restore(image);
    expect(batchlog.pendingCount).toBe(1);
    await runUntilSettled(cluster, Promise.resolve());
    await runUntilSettled(cluster, Promise.resolve());
    expect(batchlog.pendingCount).toBe(0);
    for (const node of cluster.nodes) expect(holds(node, 5)).toBe(true);
  });
});
