import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, test } from 'node:test';
import cassandra from 'cassandra-driver';
import { startCluster } from 'cassanova-cluster';
import { freshKeyspace } from 'cassanova-cluster/testing';

// Node's runner runs each test file in a process of its own: a cluster per file costs a few milliseconds.
let cluster;
let client;
let keyspace;

before(async () => {
  cluster = await startCluster({ port: 0, nodes: 3 });
  await cluster.loadSchema(new URL('./schema.cql', import.meta.url));
  client = new cassandra.Client(cluster.driverOptions());
  await client.connect();
});
after(async () => {
  await client.shutdown();
  await cluster.close();
});

beforeEach(async () => {
  keyspace = await freshKeyspace(client, { replicationFactor: 3 });
  await client.execute(`CREATE TABLE ${keyspace.name}.users (id int PRIMARY KEY, name text)`);
});
afterEach(() => keyspace.drop());

test('reaches every node', () => {
  assert.equal(client.hosts.values().filter((h) => h.isUp()).length, 3);
});

test('reads the seeded rows', async () => {
  const { rows } = await cluster.execute('SELECT name FROM app.products WHERE sku = ?', ['A-1']);
  assert.deepEqual(rows, [{ name: 'Tea' }]);
});

test('stores a user at QUORUM', async () => {
  const quorum = { prepare: true, consistency: cassandra.types.consistencies.quorum };
  await client.execute(`INSERT INTO ${keyspace.name}.users (id, name) VALUES (?, ?)`, [1, 'Ada'], quorum);
  const rs = await client.execute(`SELECT name FROM ${keyspace.name}.users WHERE id = ?`, [1], quorum);
  assert.equal(rs.first().name, 'Ada');
});
