/**
 * reset(), truncateAll(), snapshot() and restore() with Node.js driver clients connected to every node of
 * three (Cassanova only: they are its test controls). The file dogfoods them: one cluster, one client for
 * the whole file, reset() before each test. What a client must see: the schema change events (its
 * metadata follows), prepared statements prepared again where the server dropped them, every node
 * answering, and the data each operation promises.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import cassandra from 'cassandra-driver';
import { startCluster } from '../../../src/index.js';
import { isExternalTarget, type Cluster } from '../support/node-client.js';
import { plainRows } from '../support/node-values.js';

const { consistencies } = cassandra.types;
const WAIT_MS = 10_000;

let cluster: Cluster;
let client: cassandra.Client;
const schemaEvents: string[] = [];
const reprepared: string[] = [];

/** Polls `condition` every 20 ms until it holds, failing after WAIT_MS with `what`. */
async function waitFor(what: string, condition: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The driver's host for node `id` (1-based). */
function host(id: number): cassandra.Host {
  const { contactPoint } = cluster.node(id);
  const found = client.hosts.values().find((h) => h.address === contactPoint);
  if (found === undefined) throw new Error(`the client does not know node ${id}`);
  return found;
}

async function onEveryNode(query: string, params: unknown[], consistency = consistencies.one): Promise<cassandra.types.ResultSet[]> {
  const results: cassandra.types.ResultSet[] = [];
  for (const id of [1, 2, 3]) results.push(await client.execute(query, params, { prepare: true, host: host(id), consistency }));
  return results;
}

const allHostsUp = (): boolean => [1, 2, 3].every((id) => host(id).isUp());

beforeAll(async () => {
  if (isExternalTarget) return;
  cluster = await startCluster({ port: 0, nodes: 3, hintsDispatchIntervalMs: 200 });
  client = new cassandra.Client({
    ...cluster.driverOptions(),
    policies: { reconnection: new cassandra.policies.reconnection.ConstantReconnectionPolicy(100) },
    refreshSchemaDelay: 50,
  });
  client.on('log', (level: string, _className: string, message: string, info: unknown) => {
    if (message === 'Schema change') {
      const event = info as { schemaChangeType: string; keyspace: string; table?: string; isKeyspace: boolean };
      schemaEvents.push(`${event.schemaChangeType} ${event.keyspace}${event.isKeyspace ? '' : `.${event.table}`}`);
    }
    const unprepared = /not prepared on host (\S+),/.exec(message);
    if (unprepared !== null) reprepared.push(unprepared[1]!);
  });
  await client.connect();
  await waitFor('three hosts up', () => client.hosts.length === 3 && allHostsUp());
});

afterAll(async () => {
  await client?.shutdown();
  await cluster?.close();
});

beforeEach(async () => {
  if (isExternalTarget) return;
  await cluster.reset();
  await waitFor('every host up after the reset', allHostsUp);
  schemaEvents.length = 0;
  reprepared.length = 0;
});

/** Whether a read at ALL succeeds through every node: each sees the others up. */
async function readsAtAll(): Promise<boolean> {
  try {
    await onEveryNode('SELECT * FROM system_schema.keyspaces', [], consistencies.all);
    await onEveryNode('SELECT * FROM app.users WHERE id = 0', [], consistencies.all);
    return true;
  } catch {
    return false;
  }
}

async function createUsers(): Promise<void> {
  await client.execute("CREATE KEYSPACE app WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}");
  await client.execute('CREATE TABLE app.users (id int PRIMARY KEY, name text)');
}

describe.skipIf(isExternalTarget)('reset() with drivers connected', () => {
  it('drops the keyspaces (the driver hears it), brings stopped and paused nodes back, and prepared statements prepare again', async () => {
    await createUsers();
    const insert = 'INSERT INTO app.users (id, name) VALUES (?, ?)';
    await onEveryNode(insert, [1, 'before']);
    await cluster.node(3).stop();
    await cluster.node(2).pause();
    cluster.network.partition([1], [2, 3]);
    cluster.network.addFilter({ verb: 'MUTATION', action: 'drop' });
    await waitFor('node 3 seen down', () => !host(3).isUp());
    schemaEvents.length = 0;

    await cluster.reset();
    await waitFor('the keyspace gone from the metadata', () => client.metadata.keyspaces['app'] === undefined);
    expect(schemaEvents).toEqual(['DROPPED app.users', 'DROPPED app']);
    await waitFor('node 3 up again', allHostsUp);

    await createUsers();
    const nodeOne = host(1).address;
    reprepared.length = 0;
    await onEveryNode(insert, [2, 'after'], consistencies.all);
    expect(reprepared).toContain(nodeOne);
    for (const rs of await onEveryNode('SELECT id, name FROM app.users', [], consistencies.all)) {
      expect(plainRows(rs)).toEqual([{ id: 2, name: 'after' }]);
    }
  });
});

describe.skipIf(isExternalTarget)('reset() and the test state of the cluster', () => {
  it('removes every prime and clears the activity log: the next query runs for real and is the first record', async () => {
    await createUsers();
    cluster.prime({ when: { query: /app\.users/ }, then: { error: 'OVERLOADED' } });
    await expect(client.execute('SELECT * FROM app.users', [], { host: host(1) })).rejects.toThrow(/overloaded/);
    expect(cluster.activity({ match: 'app.users' }).length).toBeGreaterThan(0);

    await cluster.reset();
    await waitFor('node 1 up after the reset', allHostsUp);
    await createUsers();
    cluster.clearActivity();
    const rs = await client.execute('SELECT * FROM app.users', [], { host: host(1) });
    expect(rs.rows).toEqual([]);
    expect(cluster.activity({ match: 'SELECT * FROM app.users' }).map((r) => [r.primed, r.outcome?.type])).toEqual([[null, 'RESULT']]);
  });

  it('leaves the activity log empty when it resolves', async () => {
    await client.execute('SELECT release_version FROM system.local', [], { host: host(2) });
    expect(cluster.activity().length).toBeGreaterThan(0);
    await cluster.reset();
    expect(cluster.activity()).toEqual([]);
  });
});

describe.skipIf(isExternalTarget)('truncateAll() between tests', () => {
  it('empties every table on every node, a stopped one included, and keeps the schema: no schema change, writes go on', async () => {
    await createUsers();
    await client.execute('CREATE TABLE app.orders (id int PRIMARY KEY, total int)');
    for (let id = 0; id < 10; id++) {
      await client.execute('INSERT INTO app.users (id, name) VALUES (?, ?)', [id, `u${id}`], { prepare: true, consistency: consistencies.all });
    }
    await client.execute('INSERT INTO app.orders (id, total) VALUES (1, 5)', [], { consistency: consistencies.all });
    await cluster.node(3).stop();
    await waitFor('node 3 seen down', () => !host(3).isUp());
    // TRUNCATE needs every node up; truncateAll does not.
    await expect(client.execute('TRUNCATE app.users', [], { host: host(1) })).rejects.toThrow(/Cannot achieve consistency level ALL/);
    schemaEvents.length = 0;

    await cluster.truncateAll();
    await cluster.node(3).start();
    await waitFor('node 3 up again', allHostsUp);
    await waitFor('node 3 seen up by the others (gossip)', () => readsAtAll());
    for (const rs of await onEveryNode('SELECT count(*) FROM app.users', [], consistencies.all)) expect(rs.first()!['count'].toNumber()).toBe(0);
    expect((await client.execute('SELECT * FROM app.orders', [], { consistency: consistencies.all })).rowLength).toBe(0);
    expect(schemaEvents).toEqual([]);
    expect(client.metadata.keyspaces['app']).toBeDefined();
    expect((await client.metadata.getTable('app', 'orders'))?.columns.length).toBe(2);
    await onEveryNode('INSERT INTO app.users (id, name) VALUES (?, ?)', [7, 'next'], consistencies.all);
    expect(plainRows(await client.execute('SELECT * FROM app.users', [], { consistency: consistencies.all }))).toEqual([{ id: 7, name: 'next' }]);
  });
});

describe.skipIf(isExternalTarget)('snapshot() and restore() with drivers connected', () => {
  it('bring back data and schema; the driver hears each change and prepares its statements again', async () => {
    await client.execute("CREATE KEYSPACE app WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}");
    await client.execute('CREATE TABLE app.t (id int PRIMARY KEY, a int)');
    for (let id = 1; id <= 3; id++) await client.execute('INSERT INTO app.t (id, a) VALUES (?, ?)', [id, id * 10], { prepare: true });
    const select = 'SELECT * FROM app.t WHERE id = ?';
    await onEveryNode(select, [1]);
    const seeded = await cluster.snapshot('seeded');
    expect(seeded.keyspaces).toEqual(['app']);

    await client.execute('ALTER TABLE app.t ADD b text');
    await client.execute("UPDATE app.t SET a = 0, b = 'x' WHERE id = 1");
    await client.execute('INSERT INTO app.t (id, a) VALUES (4, 40)');
    await client.execute("CREATE KEYSPACE later WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    for (const rs of await onEveryNode(select, [1])) expect(rs.columns.map((c) => c.name)).toEqual(['id', 'a', 'b']);
    expect((await client.metadata.getTable('app', 't'))!.columns.map((c) => c.name).sort()).toEqual(['a', 'b', 'id']);
    schemaEvents.length = 0;
    reprepared.length = 0;

    await cluster.restore('seeded');
    await waitFor('keyspace later gone', () => client.metadata.keyspaces['later'] === undefined);
    expect(schemaEvents).toEqual(['DROPPED later', 'UPDATED app.t']);
    await waitFor('app.t without b', async () => (await client.metadata.getTable('app', 't'))!.columns.length === 2);
    for (const rs of await onEveryNode(select, [1], consistencies.all)) {
      expect(plainRows(rs)).toEqual([{ id: 1, a: 10 }]);
    }
    expect(new Set(reprepared).size).toBe(3);
    expect((await client.execute('SELECT * FROM app.t WHERE id = 4', [], { consistency: consistencies.all })).rowLength).toBe(0);
    // Restored again and again: the snapshot stays as taken.
    await client.execute('INSERT INTO app.t (id, a) VALUES (5, 50)');
    await cluster.restore(seeded);
    expect((await client.execute('SELECT count(*) FROM app.t', [], { consistency: consistencies.all })).first()!['count'].toNumber()).toBe(3);
    cluster.deleteSnapshot('seeded');
  });

  it('taken with a node down, bring back its hints and its status: the node gets the write again', async () => {
    await createUsers();
    await cluster.node(3).stop();
    await waitFor('node 3 seen down', () => !host(3).isUp());
    await client.execute("INSERT INTO app.users (id, name) VALUES (1, 'hinted')", [], { host: host(1), consistency: consistencies.one });
    const snapshot = await cluster.snapshot();
    const readOnThree = async (): Promise<unknown[]> =>
      plainRows(await client.execute('SELECT name FROM app.users WHERE id = 1', [], { host: host(3), consistency: consistencies.one }));

    await cluster.node(3).start();
    await waitFor('node 3 up', allHostsUp);
    await waitFor('the hint delivered to node 3', async () => (await readOnThree()).length === 1);

    await cluster.restore(snapshot);
    expect(cluster.node(3).status).toBe('down');
    await waitFor('node 3 seen down', () => !host(3).isUp());
    // Cut off, node 3 coordinates a read at ONE from its own data only: as in the snapshot, without the row.
    cluster.network.partition([3], [1, 2]);
    await cluster.node(3).start();
    await waitFor('node 3 up', allHostsUp);
    expect(await readOnThree()).toEqual([]);
    cluster.network.heal();
    await waitFor('the restored hint delivered again', async () => (await readOnThree()).length === 1);
  });
});
