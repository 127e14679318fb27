import { afterEach, describe, expect, it } from 'vitest';
import { ConsistencyLevel } from '../../errors/index.js';
import { testTable } from '../../data/testing/fixtures.js';
import { TRACES_KEYSPACE } from '../../schema/index.js';
import type { Cluster } from '../cluster.js';
import { fillStores, schemaEvents, storesOf, valueOn, write } from '../testing/control-fixtures.js';
import { runUntilSettled, virtualCluster } from '../testing/virtual-cluster.js';
import { truncateAll } from './truncate-all.js';

const table = testTable();
const other = testTable({ name: 'other' });
let cluster: Cluster;
afterEach(() => cluster.close());

describe('truncateAll', () => {
  it('empties every user table on every node, stopped ones included, and keeps the schema and system tables', async () => {
    cluster = await virtualCluster(3, 3, [table, other]);
    const sessions = cluster.schema.table(TRACES_KEYSPACE, 'sessions')!;
    for (const node of cluster.nodes) {
      node.applyLocally(write(table, 1));
      node.applyLocally(write(other, 2));
      node.applyLocally(write(sessions, 3));
    }
    await cluster.node(3).stop();
    const schema = cluster.schema;
    const events = schemaEvents(cluster);
    await truncateAll(cluster);
    expect(cluster.schema).toBe(schema);
    expect(events).toEqual([]);
    for (const node of cluster.nodes) {
      expect([valueOn(node, table, 1), valueOn(node, other, 2), valueOn(node, sessions, 3)]).toEqual([null, null, 'v3']);
    }
    expect(cluster.node(3).status).toBe('down');
  });

  it('drops the hints, batches and Paxos state of user tables, and records no truncation', async () => {
    cluster = await virtualCluster(2, 2, [table]);
    for (const node of cluster.nodes) fillStores(node, table, 1);
    await truncateAll(cluster);
    for (const node of cluster.nodes) {
      expect(storesOf(node, table, 1)).toEqual([0, 0, false]);
      expect(node.truncations.truncatedAt(table.id)).toBe(-Infinity);
    }
  });

  it('lets a write that follows apply, also one hinted within the same millisecond', async () => {
    cluster = await virtualCluster(2, 2, [table], 1, { hintsDispatchIntervalMs: 1_000 });
    await cluster.node(2).stop();
    await runUntilSettled(cluster, cluster.node(1).mutate([write(table, 1, 'before')], ConsistencyLevel.ONE, 'SIMPLE'));
    await truncateAll(cluster);
    await runUntilSettled(cluster, cluster.node(1).mutate([write(table, 1, 'after', 20)], ConsistencyLevel.ONE, 'SIMPLE'));
    expect(cluster.node(1).hints.count(2)).toBe(1);
    await cluster.node(2).start();
    await runUntilSettled(cluster, new Promise((resolve) => cluster.scheduler.schedule(3_000, () => resolve(undefined))));
    expect([valueOn(cluster.node(1), table, 1), valueOn(cluster.node(2), table, 1)]).toEqual(['after', 'after']);
  });

  it('loses the writes in flight between nodes', async () => {
    cluster = await virtualCluster(2, 2, [table]);
    cluster.network.set({ from: 1, to: 2, latencyMs: 500 });
    cluster.network.send(1, 2, 'MUTATION', write(table, 5));
    await truncateAll(cluster);
    cluster.advanceTime(1_000);
    expect(valueOn(cluster.node(2), table, 5)).toBeNull();
  });
});
