/**
 * A durable cluster keeps, across a close and a start from its data folder, what its nodes hold besides their
 * tables: the hints for a node that was down, a Paxos proposal accepted but not committed, a logged batch
 * stored in the batchlog whose mutations never arrived. Driven through the Node.js driver, on clock 'auto'.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cassandra from 'cassandra-driver';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCluster, type CassanovaCluster } from '../../src/index.js';
import { internalCluster } from '../../src/main.js';

const { consistencies } = cassandra.types;
let dir: string;
const opened: { cluster: CassanovaCluster; client: cassandra.Client }[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cassanova-node-state-'));
});
afterEach(async () => {
  for (const { cluster, client } of opened.splice(0)) {
    await client.shutdown();
    await cluster.close();
  }
  rmSync(dir, { recursive: true, force: true });
});

async function start(): Promise<{ cluster: CassanovaCluster; client: cassandra.Client; host: (id: number) => cassandra.Host }> {
  const cluster = await startCluster({ port: 0, nodes: 3, clock: 'auto', dataDir: dir, commitlogSync: 'batch' });
  const client = new cassandra.Client({ ...cluster.driverOptions(), socketOptions: { readTimeout: 0 }, policies: { retry: new NoRetry() } });
  await client.connect();
  opened.push({ cluster, client });
  const host = (id: number): cassandra.Host => client.hosts.get(`${cluster.node(id).address}:${cluster.port}`)!;
  return { cluster, client, host };
}

async function stop(cluster: CassanovaCluster, client: cassandra.Client): Promise<void> {
  opened.splice(opened.findIndex((o) => o.cluster === cluster), 1);
  await client.shutdown();
  await cluster.close();
}

/** Moves the cluster's time until `done` holds (real I/O between steps), or fails after `steps`. */
async function advanceUntil(cluster: CassanovaCluster, done: () => boolean, steps = 300): Promise<void> {
  for (let i = 0; i < steps && !done(); i++) {
    cluster.advanceTime(200);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  expect(done()).toBe(true);
}

class NoRetry extends cassandra.policies.retry.RetryPolicy {
  override onReadTimeout(): cassandra.policies.retry.DecisionInfo { return this.rethrowResult(); }
  override onWriteTimeout(): cassandra.policies.retry.DecisionInfo { return this.rethrowResult(); }
  override onUnavailable(): cassandra.policies.retry.DecisionInfo { return this.rethrowResult(); }
  override onRequestError(): cassandra.policies.retry.DecisionInfo { return this.rethrowResult(); }
}

const SCHEMA = [
  "CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}",
  'CREATE TABLE ks.t (k int PRIMARY KEY, v text)',
];

describe('a durable cluster started again from its folder', () => {
  it('delivers the hints its nodes held for a node that was down', async () => {
    const first = await start();
    for (const cql of SCHEMA) await first.client.execute(cql);
    await first.cluster.node(3).stop();
    for (let k = 0; k < 20; k++) {
      await first.client.execute('INSERT INTO ks.t (k, v) VALUES (?, ?)', [k, `v${k}`], { prepare: true, host: first.host(1), consistency: consistencies.one });
    }
    expect(internalCluster(first.cluster).node(1).hints.count(3)).toBe(20);
    expect(readdirSync(join(dir, 'node1', 'hints'))).toHaveLength(1);
    await stop(first.cluster, first.client);

    const second = await start();
    const node1 = internalCluster(second.cluster).node(1);
    expect(node1.hints.count(3)).toBe(20);
    await advanceUntil(second.cluster, () => node1.hints.count() === 0);
    expect(readdirSync(join(dir, 'node1', 'hints'))).toEqual([]);
    await second.cluster.node(1).stop();
    await second.cluster.node(2).stop();
    const { rows } = await second.client.execute('SELECT k, v FROM ks.t', [], { host: second.host(3), consistency: consistencies.one });
    expect(rows.map((r) => `${String(r['k'])}=${String(r['v'])}`).sort()).toEqual(Array.from({ length: 20 }, (_, k) => `${k}=v${k}`).sort());
  });

  it('completes a Paxos proposal accepted but not committed before the close', async () => {
    const first = await start();
    for (const cql of SCHEMA) await first.client.execute(cql);
    const internal = internalCluster(first.cluster);
    // The coordinator (node 1) commits to itself; nodes 2 and 3 accept the proposal and never learn the commit.
    internal.network.addFilter({ verb: 'PAXOS_COMMIT', action: 'drop' });
    await first.client.execute("INSERT INTO ks.t (k, v) VALUES (1, 'lwt') IF NOT EXISTS", [], { host: first.host(1) }).catch(() => undefined);
    const tableId = internal.schema.keyspace('ks')!.tables.get('t')!.id;
    for (const id of [2, 3]) expect(internal.node(id).paxos.partition(tableId, keyBytes(1)).accepted).not.toBeNull();
    await stop(first.cluster, first.client);
    expect(existsSync(join(dir, 'node2', 'system', 'paxos.log'))).toBe(true);

    const second = await start();
    await second.cluster.node(1).stop();
    const read = (id: number, consistency: number) => second.client.execute('SELECT v FROM ks.t WHERE k = 1', [], { host: second.host(id), consistency });
    // Nodes 2 and 3 alone: neither applied the proposal, both remember accepting it.
    expect((await read(2, consistencies.one)).rows).toHaveLength(0);
    expect((await read(2, consistencies.serial)).rows.map((r) => r['v'])).toEqual(['lwt']);
    await second.cluster.node(2).stop();
    expect((await read(3, consistencies.one)).rows.map((r) => r['v'])).toEqual(['lwt']);
  });

  it('replays a logged batch stored in the batchlog whose mutations were not applied', async () => {
    const first = await start();
    for (const cql of SCHEMA) await first.client.execute(cql);
    const internal = internalCluster(first.cluster);
    internal.network.addFilter({ verb: 'MUTATION', action: 'drop' });
    const batch = [
      { query: "INSERT INTO ks.t (k, v) VALUES (10, 'a')" },
      { query: "INSERT INTO ks.t (k, v) VALUES (11, 'b')" },
    ];
    const error = await first.client.batch(batch, { host: first.host(1), consistency: consistencies.all, logged: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(cassandra.errors.ResponseError);
    const holding = internal.nodes.filter((n) => n.batchlog.pendingCount === 1).map((n) => n.identity.id);
    expect(holding).toHaveLength(2);
    await stop(first.cluster, first.client);

    const second = await start();
    const nodes = internalCluster(second.cluster).nodes;
    expect(nodes.filter((n) => n.batchlog.pendingCount === 1).map((n) => n.identity.id)).toEqual(holding);
    await advanceUntil(second.cluster, () => nodes.every((n) => n.batchlog.pendingCount === 0));
    expect(nodes.reduce((n, node) => n + node.batchlog.stats.replayed, 0)).toBe(2);
    for (const id of [1, 2, 3]) {
      const { rows } = await second.client.execute('SELECT k, v FROM ks.t WHERE k IN (10, 11)', [], { host: second.host(id), consistency: consistencies.all });
      expect(rows.map((r) => `${String(r['k'])}=${String(r['v'])}`)).toEqual(['10=a', '11=b']);
    }
  });
});

function keyBytes(k: number): Buffer {
  const key = Buffer.alloc(4);
  key.writeInt32BE(k);
  return key;
}
