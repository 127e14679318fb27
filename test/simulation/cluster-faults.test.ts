/**
 * Multi-node fault scenarios through the Node.js driver, on a seeded cluster with a virtual clock: a
 * failure reproduces with its seed (printed in every test name). Each scenario starts its own cluster.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { StartClusterOptions } from '../../src/index.js';
import {
  advanceUntil, closeAll, consistencies, harness as openHarness, NoRetryPolicy, threeNodes, rejection, SEED, type Harness,
} from './driver-harness.js';

function harness(options: StartClusterOptions): Promise<Harness> {
  return openHarness(options, { policies: { retry: new NoRetryPolicy() } });
}

afterEach(closeAll);

describe(`three nodes, RF 3 (seed ${SEED})`, () => {
  const kvTable = (): Promise<Harness> => threeNodes(['CREATE TABLE ks.t (k int PRIMARY KEY, v text)']);
  const insert = 'INSERT INTO ks.t (k, v) VALUES (?, ?)';
  const select = 'SELECT v FROM ks.t WHERE k = ?';

  it('writes at QUORUM with one node stopped, and ALL is Unavailable with required 3, alive 2', async () => {
    const h = await kvTable();
    await h.cluster.node(3).stop();
    await h.client.execute(insert, [1, 'a'], { prepare: true, consistency: consistencies.quorum, host: h.host(1) });
    const error = await rejection(h.client.execute(insert, [2, 'b'], { prepare: true, consistency: consistencies.all, host: h.host(1) }));
    expect(error['code']).toBe(0x1000);
    expect(error['consistencies']).toBe(consistencies.all);
    expect(error['required']).toBe(3);
    expect(error['alive']).toBe(2);
  });

  it('times a write at ALL out when a replica is paused: received 2, blockFor 3, SIMPLE', async () => {
    const h = await kvTable();
    // Prepared on every node first: a paused node would never answer the driver's PREPARE.
    await h.client.execute(insert, [0, 'warm'], { prepare: true, consistency: consistencies.all, host: h.host(1) });
    await h.cluster.node(3).pause();
    let settled = false;
    const pending = rejection(h.client.execute(insert, [1, 'a'], { prepare: true, consistency: consistencies.all, host: h.host(1) }))
      .finally(() => { settled = true; });
    await advanceUntil(h, () => settled, 250, 40);
    const error = await pending;
    expect(error['code']).toBe(0x1100);
    expect(error['received']).toBe(2);
    expect(error['blockFor']).toBe(3);
    expect(error['writeType']).toBe('SIMPLE');
  });

  it('serves a stale read at ONE across a partition; QUORUM after healing returns the new value and repairs', async () => {
    const h = await kvTable();
    await h.client.execute(insert, [1, 'old'], { prepare: true, consistency: consistencies.all, host: h.host(1) });
    h.cluster.network.partition([1], [2, 3]);
    await h.client.execute(insert, [1, 'new'], { prepare: true, consistency: consistencies.one, host: h.host(1) });
    const stale = await h.client.execute(select, [1], { prepare: true, consistency: consistencies.one, host: h.host(2) });
    expect(stale.first()['v']).toBe('old');
    h.cluster.network.heal();
    const repaired = await h.client.execute(select, [1], { prepare: true, consistency: consistencies.quorum, host: h.host(2) });
    expect(repaired.first()['v']).toBe('new');
    expect(h.internal.node(2).stats.readRepairs).toBeGreaterThan(0);
    const afterRepair = await h.client.execute(select, [1], { prepare: true, consistency: consistencies.one, host: h.host(2) });
    expect(afterRepair.first()['v']).toBe('new');
  });

  it('replays hints to a node that comes back', async () => {
    const h = await kvTable();
    await h.cluster.node(3).stop();
    await h.client.execute(insert, [5, 'missed'], { prepare: true, consistency: consistencies.quorum, host: h.host(1) });
    expect(h.internal.node(1).hints.count(3)).toBe(1);
    await h.cluster.node(3).start();
    await advanceUntil(h, () => h.internal.node(1).stats.hintsReplayed > 0, 1_000, 10);
    expect(h.internal.node(1).hints.count(3)).toBe(0);
    expect(h.internal.node(1).stats.hintsReplayed).toBe(1);
    expect(h.internal.node(3).storage.stats().partitionCount).toBe(1);
  });

  it('marks a crashed node down after the failure detector convicts it, then Unavailable at ALL', async () => {
    const h = await kvTable();
    await h.cluster.node(3).kill();
    expect(h.cluster.node(1).isAlive(3)).toBe(true);
    // Heard from only at start, a peer is convicted after about 37 s of silence (phi > 8 at 1 s gossip).
    await advanceUntil(h, () => !h.cluster.node(1).isAlive(3), 1_000, 60);
    expect(h.cluster.node(1).isAlive(3)).toBe(false);
    expect(h.cluster.node(2).isAlive(3)).toBe(false);
    const error = await rejection(h.client.execute(insert, [9, 'x'], { prepare: true, consistency: consistencies.all, host: h.host(1) }));
    expect(error['code']).toBe(0x1000);
  });
});

describe(`routing (seed ${SEED})`, () => {
  it('sends each prepared statement to a replica of its key (token-aware routing agrees with placement)', async () => {
    const h = await harness({ nodes: 3 });
    await h.client.execute("CREATE KEYSPACE rf1 WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    await h.client.execute('CREATE TABLE rf1.t (k int PRIMARY KEY, v text)');
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    for (let k = 0; k < 30; k++) {
      const result = await h.client.execute('INSERT INTO rf1.t (k, v) VALUES (?, ?)', [k, 'x'], { prepare: true });
      const key = Buffer.alloc(4);
      key.writeInt32BE(k);
      const replicas = h.client.metadata.getReplicas('rf1', key).map((r) => r.address);
      expect(replicas).toContain(result.info.queriedHost);
      const owner = h.internal.nodes.find((n) => n.storage.stats().partitionCount > 0 && `${n.identity.address}:${h.cluster.port}` === result.info.queriedHost);
      expect(owner, `key ${k} stored on its coordinator`).toBeDefined();
    }
  });
});

describe(`two data centers (seed ${SEED})`, () => {
  it('meets LOCAL_QUORUM with the remote data center down, while EACH_QUORUM is Unavailable', async () => {
    const h = await harness({ dataCenters: { dc1: 3, dc2: 2 } });
    await h.client.execute("CREATE KEYSPACE ks WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 3, 'dc2': 2}");
    await h.client.execute('CREATE TABLE ks.t (k int PRIMARY KEY, v text)');
    await h.cluster.node(4).stop();
    await h.cluster.node(5).stop();
    await h.client.execute('INSERT INTO ks.t (k, v) VALUES (?, ?)', [1, 'x'], { prepare: true, consistency: consistencies.localQuorum, host: h.host(1) });
    const error = await rejection(h.client.execute('INSERT INTO ks.t (k, v) VALUES (?, ?)', [2, 'y'], {
      prepare: true, consistency: consistencies.eachQuorum, host: h.host(1),
    }));
    expect(error['code']).toBe(0x1000);
    expect(error['required']).toBe(2);
    expect(error['alive']).toBe(0);
  });
});
