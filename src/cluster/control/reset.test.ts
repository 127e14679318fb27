import { afterEach, describe, expect, it, vi } from 'vitest';
import { testTable } from '../../data/testing/fixtures.js';
import { newKeyspace, Schema, SIMPLE_STRATEGY, TRACES_KEYSPACE, withParams } from '../../schema/index.js';
import type { Cluster } from '../cluster.js';
import { fillStores, schemaEvents, storesOf, valueOn, write } from '../testing/control-fixtures.js';
import { virtualCluster } from '../testing/virtual-cluster.js';
import { resetCluster } from './reset.js';

const table = testTable();
let cluster: Cluster;
afterEach(() => cluster.close());

describe('reset', () => {
  it('drops every user keyspace, telling listeners of each table and keyspace, and leaves the schema of a new cluster', async () => {
    cluster = await virtualCluster(3, 3, [table]);
    await cluster.applySchema(cluster.schema.withKeyspace(newKeyspace('other', new Map([['class', SIMPLE_STRATEGY], ['replication_factor', '1']]), true)), null);
    const traces = cluster.schema.keyspace(TRACES_KEYSPACE)!;
    await cluster.applySchema(cluster.schema.withKeyspace(withParams(traces, new Map([['class', SIMPLE_STRATEGY], ['replication_factor', '3']]), true)), null);
    for (const node of cluster.nodes) node.applyLocally(write(table, 1));
    const events = schemaEvents(cluster);
    await resetCluster(cluster);
    expect(events).toEqual(['DROPPED TABLE ks.t', 'DROPPED KEYSPACE ks', 'DROPPED KEYSPACE other', `UPDATED KEYSPACE ${TRACES_KEYSPACE}`]);
    expect(cluster.schema).toBe(Schema.initial());
    for (const node of cluster.nodes) expect(node.storage.stats().partitionCount).toBe(0);
  });

  it('removes every prime and forgets the activity recorded so far', async () => {
    cluster = await virtualCluster(1, 1, [table]);
    cluster.primes.add({ then: { void: true } });
    expect(cluster.primes.isEmpty).toBe(false);
    const clear = vi.spyOn(cluster.activity, 'clear');
    await resetCluster(cluster);
    expect(cluster.primes.isEmpty).toBe(true);
    expect(clear).toHaveBeenCalledOnce();
  });

  it('clears hints, batchlog, Paxos state and traces, and puts the trace probability back', async () => {
    cluster = await virtualCluster(2, 2, [table], 1, { traceProbability: 0.25 });
    const sessions = cluster.schema.table(TRACES_KEYSPACE, 'sessions')!;
    for (const node of cluster.nodes) {
      fillStores(node, table, 1);
      node.applyLocally(write(sessions, 1));
      node.setTraceProbability(1);
    }
    await resetCluster(cluster);
    for (const node of cluster.nodes) {
      expect(storesOf(node, table, 1)).toEqual([0, 0, false]);
      expect(node.storage.tableStats(sessions.id).partitionCount).toBe(0);
      expect(node.traceProbability).toBe(0.25);
    }
  });

  it('starts stopped and killed nodes, resumes paused ones, heals the network: all see each other up without time passing', async () => {
    cluster = await virtualCluster(4, 3, [table]);
    await cluster.node(2).stop();
    await cluster.node(3).kill();
    await cluster.node(4).pause();
    cluster.advanceTime(60_000);
    cluster.network.partition([1], [2, 3, 4]);
    cluster.network.set({ latencyMs: 500, loss: 0.5 });
    cluster.network.addFilter({ verb: 'GOSSIP', action: 'drop' });
    expect(cluster.node(1).isAlive(3)).toBe(false);
    const before = cluster.clock.nowMs();
    await resetCluster(cluster);
    expect(cluster.clock.nowMs()).toBe(before);
    expect(cluster.nodes.map((n) => n.status)).toEqual(['up', 'up', 'up', 'up']);
    for (const a of cluster.nodes) for (const b of cluster.nodes) expect(a.isAlive(b.identity.id)).toBe(true);
    expect(cluster.network.linkSettings(1, 2)).toEqual({ latencyMs: 0, loss: 0 });
    expect(cluster.network.canReach(1, 4)).toBe(true);
  });

  it('loses what was in flight between nodes, held for a paused node included', async () => {
    cluster = await virtualCluster(3, 3, [table]);
    const schema = cluster.schema;
    cluster.network.set({ from: 1, to: 2, latencyMs: 1_000 });
    cluster.network.send(1, 2, 'MUTATION', write(table, 7));
    await cluster.node(3).pause();
    cluster.network.send(1, 3, 'MUTATION', write(table, 8));
    await resetCluster(cluster);
    // The same table again (same id): a message of before the reset would land in it.
    await cluster.applySchema(schema, null);
    cluster.advanceTime(2_000);
    expect([valueOn(cluster.node(2), table, 7), valueOn(cluster.node(3), table, 8)]).toEqual([null, null]);
  });

  it('runs the registered hooks, in order, awaiting them; an unregistered one no more', async () => {
    cluster = await virtualCluster(1, 1, [table]);
    const ran: string[] = [];
    cluster.onReset(() => { ran.push('primes'); });
    const off = cluster.onReset(() => { ran.push('gone'); });
    cluster.onReset(async () => {
      await Promise.resolve();
      ran.push('activity');
    });
    off();
    await resetCluster(cluster);
    expect(ran).toEqual(['primes', 'activity']);
  });

  it('is refused while a topology change runs', async () => {
    cluster = await virtualCluster(2, 1, [table]);
    let finish = (): void => {};
    const bootstrap = cluster.exclusively('bootstrap', () => new Promise<void>((resolve) => { finish = resolve; }));
    await expect(resetCluster(cluster)).rejects.toThrow('Cannot reset while a bootstrap is in progress: one topology change at a time');
    finish();
    await bootstrap;
  });
});
