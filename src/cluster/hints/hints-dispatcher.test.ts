import { afterEach, describe, expect, it } from 'vitest';
import type { Mutation } from '../../data/index.js';
import { ALL, cell, int, mutation, row, testTable, update } from '../../data/testing/fixtures.js';
import { DEFAULT_TABLE_OPTIONS, rebuildTable } from '../../schema/index.js';
import type { Cluster, Node } from '../cluster.js';
import { runUntilSettled, virtualCluster } from '../testing/virtual-cluster.js';

const table = testTable();
const noGrace = rebuildTable(testTable({ name: 'no_grace' }), { options: { ...DEFAULT_TABLE_OPTIONS, gcGraceSeconds: 0 } });
const write = (key: number, t = table): Mutation => mutation(update(t, int(key), { rows: [row([], { v: cell(`v${key}`, 10) })] }));

function holds(node: Node, key: number, t = table): boolean {
  return node.storage.read({
    kind: 'single', table: t, key: int(key), token: BigInt(key), filter: { kind: 'slices', slices: [ALL], reversed: false }, nowInSec: 0, rowLimit: Infinity,
  }).length > 0;
}

/** Lets virtual time pass, messages flowing. */
function elapse(cluster: Cluster, ms: number): Promise<void> {
  const until = cluster.clock.nowMs() + ms;
  return runUntilSettled(cluster, new Promise<void>((resolve) => cluster.scheduler.schedule(until - cluster.clock.nowMs(), resolve)), 100);
}

let cluster: Cluster;
afterEach(() => cluster.close());

describe('HintsDispatcher', () => {
  it('sends the hints of every live target at the next dispatch, and none before', async () => {
    cluster = await virtualCluster(3, 3, [table], 1, { hintsDispatchIntervalMs: 10_000 });
    cluster.node(1).hints.add(3, write(1));
    cluster.node(1).hints.add(3, write(2));
    await elapse(cluster, 9_000);
    expect(holds(cluster.node(3), 1)).toBe(false);
    await elapse(cluster, 2_000);
    expect([holds(cluster.node(3), 1), holds(cluster.node(3), 2)]).toEqual([true, true]);
    expect(cluster.node(1).hints.count()).toBe(0);
    expect(cluster.node(1).stats.hintsReplayed).toBe(2);
  });

  it('keeps the hints of a target it sees down, and of one that does not answer', async () => {
    cluster = await virtualCluster(3, 3, [table], 1, { hintsDispatchIntervalMs: 1_000 });
    await cluster.node(2).stop();
    cluster.node(1).hints.add(2, write(1));
    const lost = cluster.network.addFilter({ verb: 'HINT', to: 3, action: 'drop' });
    cluster.node(1).hints.add(3, write(2));
    await elapse(cluster, 10_000);
    expect([cluster.node(1).hints.count(2), cluster.node(1).hints.count(3)]).toEqual([1, 1]);
    lost();
    await elapse(cluster, 5_000);
    expect(cluster.node(1).hints.count(3)).toBe(0);
    expect(holds(cluster.node(3), 2)).toBe(true);
  });
});

describe('the HINT verb', () => {
  it('drops what was truncated since the hint was made, and hints past their time to live', async () => {
    cluster = await virtualCluster(3, 3, [table, noGrace], 1, { hintsDispatchIntervalMs: 1_000 });
    const node3 = cluster.node(3);
    cluster.node(1).hints.add(3, write(1));
    cluster.node(1).hints.add(3, write(2, noGrace));
    node3.truncations.record(table.id, cluster.clock.nowMs());
    cluster.advanceTime(1);
    cluster.node(1).hints.add(3, write(3));
    await elapse(cluster, 3_000);
    expect(cluster.node(1).hints.count()).toBe(0);
    expect([holds(node3, 1), holds(node3, 2, noGrace), holds(node3, 3)]).toEqual([false, false, true]);
  });

  it('keeps a hint handed over for another node, and re-hints a partition the receiver no longer replicates', async () => {
    cluster = await virtualCluster(3, 1, [table], 1, { hintsDispatchIntervalMs: 1_000 });
    const replica = cluster.placement('ks', 1n, cluster.node(1)).replicas[0]!.id;
    const other = [1, 2, 3].find((id) => id !== replica)!;
    const third = [1, 2, 3].find((id) => id !== replica && id !== other)!;
    const hint = { mutation: write(1), createdMs: cluster.clock.nowMs(), gcGraceSeconds: 864_000 };
    await runUntilSettled(cluster, cluster.network.request(third, other, 'HINT', { target: replica, hint }, 1000));
    expect(cluster.node(other).hints.count(replica)).toBe(1);
    // Sent to a node that does not replicate key 1: it becomes a hint for the replica.
    await runUntilSettled(cluster, cluster.network.request(third, other, 'HINT', { target: other, hint }, 1000));
    expect(holds(cluster.node(other), 1)).toBe(false);
    expect(cluster.node(other).hints.count(replica)).toBe(2);
    await elapse(cluster, 3_000);
    expect(holds(cluster.node(replica), 1)).toBe(true);
  });
});

describe('transferring hints on decommission', () => {
  it('sends everything to the closest live member, which keeps it for the targets', async () => {
    cluster = await virtualCluster(3, 3, [table], 1, { hintsDispatchIntervalMs: 60_000 });
    await cluster.node(2).stop();
    cluster.node(3).hints.add(2, write(1));
    await runUntilSettled(cluster, cluster.node(3).hintsDispatcher.transfer());
    expect(cluster.node(3).hints.count()).toBe(0);
    expect(cluster.node(1).hints.count(2)).toBe(1);
    expect(cluster.node(1).hints.pending(2)[0]!.createdMs).toBeLessThanOrEqual(cluster.clock.nowMs());
  });

  it('tries again 10 s later, then fails the decommission', async () => {
    cluster = await virtualCluster(3, 3, [table], 1);
    cluster.node(3).hints.add(2, write(1));
    cluster.network.addFilter({ verb: 'HINT', action: 'drop' });
    const started = cluster.clock.nowMs();
    const error = await runUntilSettled(cluster, cluster.node(3).hintsDispatcher.transfer(), 100).catch((e: unknown) => e);
    expect(String(error)).toMatch(/^Error: Failed to transfer all hints to [0-9a-f-]{36}$/);
    expect(cluster.clock.nowMs() - started).toBeGreaterThanOrEqual(14_000);
    expect(cluster.node(3).hints.count(2)).toBe(1);
  });

  it('fails when no other member is alive', async () => {
    cluster = await virtualCluster(2, 1, [table], 1);
    await cluster.node(1).stop();
    cluster.node(2).hints.add(1, write(1));
    await runUntilSettled(cluster, Promise.resolve());
    await expect(runUntilSettled(cluster, cluster.node(2).hintsDispatcher.transfer())).rejects.toThrow('Unable to stream hints since no live endpoints seen');
  });
});
