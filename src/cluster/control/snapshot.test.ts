import { afterEach, describe, expect, it } from 'vitest';
import { ConsistencyLevel } from '../../errors/index.js';
import { testTable } from '../../data/testing/fixtures.js';
import { TRACES_KEYSPACE, withTable, withoutTable } from '../../schema/index.js';
import type { Cluster } from '../cluster.js';
import { fillStores, schemaEvents, storesOf, valueOn, write } from '../testing/control-fixtures.js';
import { runUntilSettled, virtualCluster } from '../testing/virtual-cluster.js';
import { ClusterControl, UnknownSnapshotError } from './cluster-control.js';
import { restoreSnapshot, takeSnapshot } from './snapshot.js';

const table = testTable();
const later = testTable({ name: 'later' });
let cluster: Cluster;
afterEach(() => cluster.close());

function elapse(ms: number): Promise<unknown> {
  return runUntilSettled(cluster, new Promise((resolve) => cluster.scheduler.schedule(ms, () => resolve(undefined))), 100);
}

describe('snapshots', () => {
  it('bring back every node\'s data and the schema, telling listeners of each difference', async () => {
    cluster = await virtualCluster(3, 3, [table]);
    for (const node of cluster.nodes) node.applyLocally(write(table, 1, 'kept'));
    const snapshot = takeSnapshot(cluster, null);
    const ks = cluster.schema.keyspace('ks')!;
    for (const node of cluster.nodes) node.applyLocally(write(table, 1, 'changed', 20));
    cluster.node(2).applyLocally(write(table, 2, 'new'));
    await cluster.applySchema(cluster.schema.withKeyspace(withTable(withoutTable(ks, 't'), later)), null);
    cluster.node(1).applyLocally(write(later, 3));
    const events = schemaEvents(cluster);
    await restoreSnapshot(cluster, snapshot);
    expect(events).toEqual(['DROPPED TABLE ks.later', 'CREATED TABLE ks.t']);
    expect(cluster.schema.keyspace('ks')).toBe(ks);
    for (const node of cluster.nodes) expect([valueOn(node, table, 1), valueOn(node, table, 2)]).toEqual(['kept', null]);
    expect(cluster.node(1).storage.tableStats(later.id).partitionCount).toBe(0);
  });

  it('can be restored again and again, unchanged by what was written in between', async () => {
    cluster = await virtualCluster(2, 2, [table]);
    cluster.node(1).applyLocally(write(table, 1, 'seed'));
    const snapshot = takeSnapshot(cluster, null);
    for (let round = 0; round < 3; round++) {
      await restoreSnapshot(cluster, snapshot);
      expect(valueOn(cluster.node(1), table, 1)).toBe('seed');
      cluster.node(1).applyLocally(write(table, 1, `round ${round}`, 20 + round));
      cluster.node(2).applyLocally(write(table, 9));
    }
    await restoreSnapshot(cluster, snapshot);
    expect([valueOn(cluster.node(1), table, 1), valueOn(cluster.node(2), table, 9)]).toEqual(['seed', null]);
    expect(snapshot.partitionCount).toBe(1);
  });

  it('bring back hints, batches, Paxos state, truncation records and traces', async () => {
    cluster = await virtualCluster(2, 2, [table]);
    const sessions = cluster.schema.table(TRACES_KEYSPACE, 'sessions')!;
    fillStores(cluster.node(1), table, 1);
    cluster.node(1).truncations.record(table.id, 1_234);
    cluster.node(2).applyLocally(write(sessions, 4));
    const snapshot = takeSnapshot(cluster, null);
    cluster.node(1).hints.restore(new Map());
    cluster.node(1).batchlog.remove(Buffer.from('batch-1'));
    cluster.node(1).paxos.restore(new Map());
    cluster.node(1).truncations.record(table.id, 5_678);
    cluster.node(2).storage.truncate(sessions.id);
    await restoreSnapshot(cluster, snapshot);
    expect(storesOf(cluster.node(1), table, 1)).toEqual([1, 1, true]);
    expect(cluster.node(1).truncations.truncatedAt(table.id)).toBe(1_234);
    expect(valueOn(cluster.node(2), sessions, 4)).toBe('v4');
  });

  it('taken while a node is down, restore its hints and its status: started again, it gets them again', async () => {
    cluster = await virtualCluster(2, 2, [table], 1, { hintsDispatchIntervalMs: 1_000 });
    await cluster.node(2).stop();
    await elapse(10);
    await runUntilSettled(cluster, cluster.node(1).mutate([write(table, 1, 'hinted')], ConsistencyLevel.ONE, 'SIMPLE'));
    expect(cluster.node(1).hints.count(2)).toBe(1);
    const snapshot = takeSnapshot(cluster, null);
    await cluster.node(2).start();
    await elapse(3_000);
    expect([valueOn(cluster.node(2), table, 1), cluster.node(1).hints.count()]).toEqual(['hinted', 0]);
    await restoreSnapshot(cluster, snapshot);
    expect(cluster.node(2).status).toBe('down');
    expect([valueOn(cluster.node(2), table, 1), cluster.node(1).hints.count(2)]).toEqual([null, 1]);
    await cluster.node(2).start();
    await elapse(3_000);
    expect(valueOn(cluster.node(2), table, 1)).toBe('hinted');
  });

  it('bring back each node\'s status and the network\'s faults, live nodes seeing each other up at once', async () => {
    cluster = await virtualCluster(4, 2, [table]);
    await cluster.node(3).pause();
    cluster.network.set({ from: 3, to: 1, latencyMs: 5 });
    const snapshot = takeSnapshot(cluster, null);
    await cluster.node(3).resume();
    await cluster.node(4).kill();
    cluster.network.partition([1], [2]);
    cluster.network.set({ latencyMs: 100 });
    cluster.advanceTime(60_000);
    expect(cluster.node(1).isAlive(4)).toBe(false);
    const before = cluster.clock.nowMs();
    await restoreSnapshot(cluster, snapshot);
    expect(cluster.clock.nowMs()).toBe(before);
    expect(cluster.nodes.map((n) => n.status)).toEqual(['up', 'up', 'paused', 'up']);
    expect([cluster.network.canReach(1, 2), cluster.network.linkSettings(3, 1).latencyMs, cluster.network.linkSettings(1, 2).latencyMs]).toEqual([true, 5, 0]);
    for (const id of [1, 2, 4]) for (const other of [1, 2, 4]) expect(cluster.node(id).isAlive(other)).toBe(true);
  });

  it('bring a paused node down as a clean stop: peers see it down at once', async () => {
    cluster = await virtualCluster(2, 2, [table]);
    await cluster.node(2).stop();
    await elapse(10);
    const snapshot = takeSnapshot(cluster, null);
    await cluster.node(2).start();
    await elapse(2_000);
    expect(cluster.node(1).isAlive(2)).toBe(true);
    await cluster.node(2).pause();
    const before = cluster.clock.nowMs();
    await restoreSnapshot(cluster, snapshot);
    expect(cluster.clock.nowMs()).toBe(before);
    expect([cluster.node(2).status, cluster.node(1).isAlive(2)]).toEqual(['down', false]);
  });

  it('are refused on another cluster, and once nodes were added since', async () => {
    cluster = await virtualCluster(2, 1, [table]);
    const snapshot = takeSnapshot(cluster, null);
    const other = await virtualCluster(2, 1, [table]);
    await expect(restoreSnapshot(other, snapshot)).rejects.toThrow('the snapshot was not taken of this cluster');
    other.close();
    cluster.join();
    await expect(restoreSnapshot(cluster, snapshot)).rejects.toThrow('Cannot restore the snapshot: the cluster had nodes 1, 2 then and has 1, 2, 3 now');
  });
});

describe('ClusterControl snapshots', () => {
  it('keeps named ones until deleted, refusing a name taken or malformed, and restores by name', async () => {
    cluster = await virtualCluster(1, 1, [table]);
    const control = new ClusterControl(cluster);
    cluster.node(1).applyLocally(write(table, 1, 'named'));
    const named = await control.snapshot('seeded');
    const unnamed = await control.snapshot();
    expect([named.name, unnamed.name, named.keyspaces]).toEqual(['seeded', null, ['ks']]);
    expect(control.list()).toEqual([named]);
    await expect(control.snapshot('seeded')).rejects.toThrow('Snapshot seeded already exists.');
    await expect(control.snapshot('no/slash')).rejects.toThrow("Invalid snapshot name 'no/slash'");
    cluster.node(1).applyLocally(write(table, 1, 'changed', 20));
    await control.restore('seeded');
    expect(valueOn(cluster.node(1), table, 1)).toBe('named');
    control.delete('seeded');
    expect(control.list()).toEqual([]);
    await expect(control.restore('seeded')).rejects.toThrow(UnknownSnapshotError);
    expect(() => control.delete('seeded')).toThrow('No snapshot named seeded');
    await control.snapshot('seeded');
  });
});
